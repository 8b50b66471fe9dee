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

/// Dependencies on the parent package's library products, by name.
func affinityProducts(_ names: [String]) -> [Target.Dependency] {
    names.map { .product(name: $0, package: affinity) }
}
func affinityProducts(_ names: String...) -> [Target.Dependency] { affinityProducts(names) }

let package = Package(
    name: "AffinityBenchmarks",
    platforms: [.macOS(.v14)],
    dependencies: [
        .package(path: ".."),
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        // Seeded synthetic ALS models shared by the Recommender suite, ServingRate and ScoringRate
        // (built in setup, never timed).
        .target(
            name: "BenchmarkFixtures",
            dependencies: affinityProducts("AffinityNumerics", "AffinityData", "AffinityRecommender"),
            path: "Sources/BenchmarkFixtures"
        ),
        // Plain executable used by sgemm_vs_c.sh: same protocol as c/sgemm_ref.c.
        .executableTarget(
            name: "SgemmRate",
            dependencies: affinityProducts("AffinityNumerics"),
            path: "Sources/SgemmRate",
            swiftSettings: [.unsafeFlags(["-Ounchecked"])]
        ),
        // Plain executable used by Benchmarks/als_serving.sh: fold-in / recommend / similar latency.
        .executableTarget(
            name: "ServingRate",
            dependencies: ["BenchmarkFixtures"] + affinityProducts("AffinityNumerics", "AffinityRecommender"),
            path: "Sources/ServingRate"
        ),
        // Plain executable used by Benchmarks/scoring_rate.sh: batched scoring kernel vs sgemv + top-k.
        .executableTarget(
            name: "ScoringRate",
            dependencies: ["BenchmarkFixtures"] + affinityProducts("AffinityNumerics", "AffinityRecommender"),
            path: "Sources/ScoringRate"
        ),
    ]
)

/// One package-benchmark suite per folder under Benchmarks/ (other suites append here).
/// `folder` defaults to the target name; the Numerics suite's target is `NumericsSuite`
/// because swift-numerics already owns a target named `Numerics`.
func suite(_ name: String, folder: String? = nil, _ products: [String], local: [Target.Dependency] = []) -> Target {
    .executableTarget(
        name: name,
        dependencies: [.product(name: "Benchmark", package: "benchmark")] + affinityProducts(products) + local,
        path: "Benchmarks/\(folder ?? name)",
        plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
    )
}

package.targets += [
    suite("NumericsSuite", folder: "Numerics", ["AffinityNumerics"]),
    suite("TopK", ["AffinityNumerics"]),
    suite("Recommender", ["AffinityNumerics", "AffinityRecommender"], local: ["BenchmarkFixtures"]),
]
