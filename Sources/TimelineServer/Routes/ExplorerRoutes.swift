import HTTPTypes
import Hummingbird

/// The web explorer: one page and its script, style and map, embedded in the binary.
struct ExplorerRoutes: Sendable {
    /// What the page may load: only this server's own files and answers, and images it makes.
    static let contentSecurityPolicy =
        "default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; script-src 'self'; connect-src 'self'; frame-ancestors 'none'"

    func register(on router: Router<BasicRequestContext>) {
        for (path, file) in [
            ("/", ("text/html; charset=utf-8", ExplorerAssets.index)), ("/index.html", ("text/html; charset=utf-8", ExplorerAssets.index)),
            ("/explorer.js", ("text/javascript; charset=utf-8", ExplorerAssets.script)),
            ("/explorer.css", ("text/css; charset=utf-8", ExplorerAssets.style)),
            ("/world.json", ("application/json; charset=utf-8", ExplorerAssets.world)),
        ] {
            router.get(RouterPath(path)) { _, _ in
                var headers = HTTPFields()
                headers[.contentType] = file.0
                headers[.cacheControl] = "no-cache"
                headers[.contentSecurityPolicy] = Self.contentSecurityPolicy
                headers[HTTPField.Name("X-Content-Type-Options")!] = "nosniff"
                return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: file.1)))
            }
        }
    }
}
