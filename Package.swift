// swift-tools-version:6.0
import PackageDescription

// Layering (lower never imports upper):
// CBLAS, CZlib → AffinityNumerics → AffinityData → {AffinityRecommender, AffinityChurn, AffinityStore}
// AffinityStore: the PostgreSQL event store (postgres-nio); AffinityData stays free of it.
// {AffinityRecommender, AffinityChurn} → AffinityRetention (the retention list joins churn risk and offers)
// AffinityProtocol (imports no other Affinity target) → {AffinityServer (+ CMalloc), AffinityClient} → affinity
// Logging: only AffinityServer and the `affinity` executable log (swift-log). The libraries below
// them return what an operator needs as values (fit reports and progress callbacks, skipped-row
// counts, the event log's open report) and the caller logs or prints them.
let strictSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

// `AFFINITY_WITHOUT_STORE=1 swift build` leaves out the PostgreSQL event store (AffinityStore,
// postgres-nio and the two BoringSSL copies it pulls in: most of a cold build's time). The `affinity`
// binary then has no `store` command and no `--events postgres://`; everything else is the same.
// `make test` and CI always build with the store.
let withStore = Context.environment["AFFINITY_WITHOUT_STORE"] == nil
let storeProducts: [Product] = withStore ? [.library(name: "AffinityStore", targets: ["AffinityStore"])] : []
let storeDependencies: [Package.Dependency] = withStore ? [.package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2")] : []
let storeTargets: [Target] = withStore ? [
    .target(
        name: "AffinityStore",
        dependencies: [
            "AffinityData",
            .product(name: "PostgresNIO", package: "postgres-nio"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOPosix", package: "swift-nio"),
            .product(name: "Logging", package: "swift-log"),
        ],
        swiftSettings: strictSettings
    ),
    .testTarget(
        name: "AffinityStoreTests",
        dependencies: ["AffinityStore", "AffinityData", "AffinityNumerics", "AffinityTestSupport"],
        swiftSettings: strictSettings
    ),
] : []
/// The executable's store commands and the server's fleet tests compile only with `AFFINITY_STORE` defined.
let storeSettings: [SwiftSetting] = strictSettings + (withStore ? [.define("AFFINITY_STORE")] : [])

let package = Package(
    name: "Affinity",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "affinity", targets: ["affinity"]),
        .library(name: "AffinityNumerics", targets: ["AffinityNumerics"]),
        .library(name: "AffinityData", targets: ["AffinityData"]),
        .library(name: "AffinityRecommender", targets: ["AffinityRecommender"]),
        .library(name: "AffinityChurn", targets: ["AffinityChurn"]),
        .library(name: "AffinityRetention", targets: ["AffinityRetention"]),
        .library(name: "AffinityProtocol", targets: ["AffinityProtocol"]),
        .library(name: "AffinityServer", targets: ["AffinityServer"]),
        .library(name: "AffinityClient", targets: ["AffinityClient"]),
    ] + storeProducts,
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
        .package(url: "https://github.com/apple/swift-numerics", from: "1.0.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.80.0"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.5.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.0.0"),
        .package(url: "https://github.com/HdrHistogram/hdrhistogram-swift", from: "0.1.0"),
    ] + storeDependencies,
    targets: [
        // MARK: C libraries (implementation details, not products)
        .systemLibrary(
            name: "CBLAS",
            pkgConfig: "openblas",
            providers: [.apt(["libopenblas-dev"])]
        ),
        .systemLibrary(
            name: "CZlib",
            providers: [.apt(["zlib1g-dev"])]
        ),
        // glibc's mallopt/malloc_trim (header only; the server's ProcessMemory).
        .systemLibrary(name: "CMalloc"),
        // ALS inner loops in C, compiled per instruction set and picked at run time.
        .target(name: "CKernels"),

        // MARK: Libraries
        .target(
            name: "AffinityNumerics",
            dependencies: ["CBLAS", .product(name: "RealModule", package: "swift-numerics")],
            swiftSettings: strictSettings
        ),
        .target(
            name: "AffinityData",
            dependencies: [
                "AffinityNumerics", "CZlib",
            ],
            swiftSettings: strictSettings
        ),
        .target(
            name: "AffinityRecommender",
            dependencies: [
                "AffinityNumerics", "AffinityData", "CKernels",
            ],
            swiftSettings: strictSettings
        ),
        .target(
            name: "AffinityChurn",
            dependencies: [
                "AffinityNumerics", "AffinityData",
            ],
            swiftSettings: strictSettings
        ),
        .target(
            name: "AffinityRetention",
            dependencies: ["AffinityData", "AffinityRecommender", "AffinityChurn"],
            swiftSettings: strictSettings
        ),
        .target(
            name: "AffinityProtocol",
            dependencies: [.product(name: "NIOCore", package: "swift-nio")],
            swiftSettings: strictSettings
        ),
        .target(
            name: "AffinityServer",
            dependencies: [
                "AffinityProtocol", "AffinityRecommender", "AffinityChurn", "AffinityRetention", "AffinityData", "CMalloc",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ],
            swiftSettings: strictSettings
        ),
        .target(
            name: "AffinityClient",
            dependencies: [
                "AffinityProtocol",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Histogram", package: "hdrhistogram-swift"),
            ],
            swiftSettings: strictSettings
        ),
        .executableTarget(
            name: "affinity",
            dependencies: [
                "AffinityNumerics", "AffinityData", "AffinityRecommender", "AffinityChurn", "AffinityRetention",
                "AffinityProtocol", "AffinityServer", "AffinityClient",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ] + (withStore ? ["AffinityStore"] : []),
            swiftSettings: storeSettings
        ),

        // MARK: Tests
        .target(
            name: "AffinityTestSupport",
            dependencies: ["AffinityNumerics", "AffinityData"],
            path: "Tests/AffinityTestSupport",
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "AffinityNumericsTests",
            dependencies: ["AffinityNumerics", "AffinityTestSupport"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "AffinityDataTests",
            dependencies: ["AffinityData", "AffinityNumerics", "AffinityTestSupport"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "AffinityRecommenderTests",
            dependencies: ["AffinityRecommender", "AffinityData", "AffinityNumerics", "AffinityTestSupport"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "AffinityChurnTests",
            dependencies: ["AffinityChurn", "AffinityTestSupport"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "AffinityRetentionTests",
            dependencies: ["AffinityRetention", "AffinityRecommender", "AffinityChurn", "AffinityData", "AffinityNumerics", "AffinityTestSupport"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "AffinityProtocolTests",
            dependencies: [
                "AffinityProtocol", "AffinityNumerics",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOEmbedded", package: "swift-nio"),
                .product(name: "NIOTestUtils", package: "swift-nio"),
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "AffinityServerTests",
            dependencies: [
                "AffinityServer", "AffinityClient", "AffinityRecommender", "AffinityChurn", "AffinityData", "AffinityNumerics",
                "AffinityTestSupport", "CMalloc",
                .product(name: "NIOEmbedded", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
            ] + (withStore ? ["AffinityStore"] : []),
            // The fleet tests (two replicas on a real PostgreSQL) compile only with the store.
            swiftSettings: storeSettings
        ),
        .testTarget(
            name: "AffinityCLITests",
            dependencies: ["AffinityTestSupport"],
            swiftSettings: strictSettings
        ),
    ] + storeTargets
)
