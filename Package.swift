// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "Timeline",
    // Built and tested on Linux only (Debian, Swift 6): the log, the REPL and the tests use Glibc,
    // libedit and /proc. No Apple platform is declared because none is built or tested.
    products: [
        .executable(name: "timeline", targets: ["timeline"]),
        .library(name: "TimelineCore", targets: ["TimelineCore"]),
        .library(name: "TimelineStore", targets: ["TimelineStore"]),
        .library(name: "TimelineScript", targets: ["TimelineScript"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-crypto", "3.12.3"..<"5.0.0"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.0"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.0"),
    ],
    targets: [
        // The pure domain: dates, countries, organizations, events, the fold and its queries. No I/O.
        .target(
            name: "TimelineCore",
            dependencies: [.product(name: "Crypto", package: "swift-crypto")]
        ),
        // The log on disk: format, durability, locking, verification.
        .target(
            name: "TimelineStore",
            dependencies: ["TimelineCore", "CXXHash", .product(name: "Crypto", package: "swift-crypto")]
        ),
        // xxHash, the snapshot cache's checksum against damage (the log's chain stays SHA-256).
        .systemLibrary(name: "CXXHash", pkgConfig: "libxxhash", providers: [.apt(["libxxhash-dev"])]),
        // The storage contract as checks any backend's tests run against their own log.
        .target(
            name: "TimelineStoreConformance",
            dependencies: ["TimelineCore", "TimelineStore"]
        ),
        // The log on PostgreSQL: the file log's records and chain, shared by many writers.
        .target(
            name: "TimelinePostgres",
            dependencies: ["TimelineCore", "TimelineStore", .product(name: "PostgresNIO", package: "postgres-nio")]
        ),
        // `timeline serve`: the JSON API and the web explorer over one log, on Hummingbird.
        .target(
            name: "TimelineServer",
            dependencies: [
                "TimelineCore", "TimelineStore", "TimelineScript",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            resources: [
                .embedInCode("Explorer/index.html"), .embedInCode("Explorer/explorer.css"),
                .embedInCode("Explorer/explorer.js"), .embedInCode("Explorer/world.json"),
                .embedInCode("API/openapi.json"),
            ]
        ),
        // The language: lexer, parser, syntax tree, interpreter, diagnostics, table rendering.
        .target(
            name: "TimelineScript",
            dependencies: ["TimelineCore", "TimelineStore"]
        ),
        // libedit's native API, wrapped so that Swift can call it (its setters are variadic).
        .target(
            name: "CLibEdit",
            linkerSettings: [.linkedLibrary("edit")]
        ),
        // A line editor over libedit: history, completion, signals.
        .target(name: "LineEditor", dependencies: ["CLibEdit"]),
        // The command line.
        .executableTarget(
            name: "timeline",
            dependencies: [
                "TimelineCore", "TimelineStore", "TimelineScript", "TimelinePostgres", "TimelineServer", "LineEditor",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // A small writer process the store and CLI tests drive (concurrent writers, crashes).
        .executableTarget(
            name: "timeline-test-writer",
            dependencies: ["TimelineCore", "TimelineStore"],
            path: "Sources/TimelineTestWriter"
        ),
        // Helpers shared by the test targets: seeded randomness, scratch directories, file bytes.
        .target(name: "TimelineTestSupport", dependencies: ["CZlib"]),
        // zlib, to decode the PNG screenshots the chart tests take.
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        .testTarget(name: "TimelineCoreTests", dependencies: ["TimelineCore", "TimelineTestSupport"]),
        .testTarget(
            name: "TimelineStoreTests",
            dependencies: ["TimelineCore", "TimelineStore", "TimelineStoreConformance", "TimelineTestSupport"],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(
            name: "TimelinePostgresTests",
            dependencies: [
                "TimelineCore", "TimelineStore", "TimelineStoreConformance", "TimelinePostgres", "TimelineScript", "TimelineTestSupport",
            ]
        ),
        .testTarget(
            name: "TimelineServerTests",
            dependencies: [
                "TimelineCore", "TimelineStore", "TimelineScript", "TimelineServer", "TimelineTestSupport",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ]
        ),
        .testTarget(
            name: "TimelineScriptTests",
            dependencies: ["TimelineCore", "TimelineStore", "TimelineScript", "TimelineTestSupport"],
            exclude: ["Corpus"]
        ),
        .testTarget(
            name: "TimelineCLITests",
            dependencies: ["TimelineCore", "TimelineStore", "TimelineTestSupport", "timeline", "timeline-test-writer"],
            exclude: ["Golden"]
        ),
    ],
    swiftLanguageModes: [.v6]
)

// The libFuzzer harness, only when scripts/fuzz builds it (it needs -sanitize=fuzzer to link).
if Context.environment["TIMELINE_FUZZ"] == "1" {
    package.targets.append(
        .executableTarget(
            name: "TimelineFuzz",
            dependencies: ["TimelineScript", "TimelineStore"],
            path: "Fuzz/TimelineFuzz",
            swiftSettings: [.unsafeFlags(["-parse-as-library"])]
        ))
}
