// swift-tools-version: 6.1
import PackageDescription

// Timeline's benchmarks: their own package, so that the main package does not depend on
// package-benchmark. Run them with `swift package benchmark` in this folder (see README.md).
let package = Package(
    name: "TimelineBenchmarks",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(path: ".."),
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        .executableTarget(
            name: "TimelineBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "TimelineCore", package: "main"),
                .product(name: "TimelineStore", package: "main"),
                .product(name: "TimelineScript", package: "main"),
            ],
            path: "Benchmarks/TimelineBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
