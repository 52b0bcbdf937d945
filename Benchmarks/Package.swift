// swift-tools-version: 6.1
import Foundation
import PackageDescription

// The main package is the folder above; SwiftPM names a path dependency after its folder.
let timeline = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().lastPathComponent.lowercased()

// Timeline's benchmarks: their own package, so that the main package does not depend on
// package-benchmark. Run them with `swift package benchmark` in this folder (see README.md).
let package = Package(
    name: "TimelineBenchmarks",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(path: ".."),
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
        // HummingbirdTesting's HTTP/1.1 client, for the requests to `timeline serve`.
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.0"),
    ],
    targets: [
        .executableTarget(
            name: "TimelineBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "TimelineCore", package: timeline),
                .product(name: "TimelineStore", package: timeline),
                .product(name: "TimelineScript", package: timeline),
                // The command, built beside the benchmarks: the PostgreSQL and server benchmarks
                // run it (the main package offers no library product for either).
                .product(name: "timeline", package: timeline),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ],
            path: "Benchmarks/TimelineBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        )
    ],
    swiftLanguageModes: [.v6]
)
