/// The explorer's files and the OpenAPI document, embedded in the binary at build time.
enum ExplorerAssets {
    static let index: [UInt8] = PackageResources.index_html
    static let style: [UInt8] = PackageResources.explorer_css
    static let script: [UInt8] = PackageResources.explorer_js
    static let world: [UInt8] = PackageResources.world_json
    static let openAPI: [UInt8] = PackageResources.openapi_json
}
