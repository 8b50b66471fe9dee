// swift-tools-version:6.1
// Affinity's benchmarks: a nested package so the main package never builds or
// resolves the benchmark tooling. Run from this folder:
//   swift package --disable-sandbox benchmark                 # every suite
//   swift package --disable-sandbox benchmark --target NumericsSuite
//   bash sgemm_vs_c.sh                                        # sgemm vs OpenBLAS from C
// Results and conventions: RESULTS.md.
import PackageDescription
import struct Foundation.URL

// A path dependency's identity is its folder's name, which depends on where the
// repository was cloned; derive it instead of hard-coding "affinity".
let parent = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
let affinity = parent.lastPathComponent

let package = Package(
    name: "AffinityBenchmarks",
    platforms: [.macOS(.v14)],
    dependencies: [
        .package(path: ".."),
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        // Plain executable used by sgemm_vs_c.sh: same protocol as c/sgemm_ref.c.
        .executableTarget(
            name: "SgemmRate",
            dependencies: [.product(name: "AffinityNumerics", package: affinity)],
            path: "Sources/SgemmRate",
            swiftSettings: [.unsafeFlags(["-Ounchecked"])]
        ),
        // Plain executable used by Benchmarks/als_serving.sh: fold-in / recommend / similar latency.
        .executableTarget(
            name: "ServingRate",
            dependencies: [
                .product(name: "AffinityNumerics", package: affinity),
                .product(name: "AffinityData", package: affinity),
                .product(name: "AffinityRecommender", package: affinity),
            ],
            path: "Sources/ServingRate"
        ),
        // Plain executable used by Benchmarks/scoring_rate.sh: batched scoring kernel vs sgemv + top-k.
        .executableTarget(
            name: "ScoringRate",
            dependencies: [
                .product(name: "AffinityNumerics", package: affinity),
                .product(name: "AffinityData", package: affinity),
                .product(name: "AffinityRecommender", package: affinity),
            ],
            path: "Sources/ScoringRate"
        ),
    ]
)

/// One package-benchmark suite per folder under Benchmarks/ (other suites append here).
/// `folder` defaults to the target name; the Numerics suite's target is `NumericsSuite`
/// because swift-numerics already owns a target named `Numerics`.
func suite(_ name: String, folder: String? = nil, _ products: [String]) -> Target {
    .executableTarget(
        name: name,
        dependencies: [.product(name: "Benchmark", package: "benchmark")]
            + products.map { .product(name: $0, package: affinity) },
        path: "Benchmarks/\(folder ?? name)",
        plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
    )
}

package.targets += [
    suite("NumericsSuite", folder: "Numerics", ["AffinityNumerics"]),
    suite("TopK", ["AffinityNumerics"]),
    suite("Recommender", ["AffinityNumerics", "AffinityData", "AffinityRecommender"]),
]
