// Exact fold-in of one user (50 interactions, 64 factors, 10,000 items) with a reused
// LeastSquaresScratch and output vector, as the server calls it per click: the malloc count
// per call is the figure here (the hot path is meant to allocate nothing), wall clock beside it.
// The model is BenchmarkFixtures' ServingFixture (seeded, the same as ServingRate's), built in setup
// (not measured); OpenBLAS on 1 thread.
// A second benchmark without the reused scratch shows what the counter sees when a call allocates.
import AffinityNumerics
import AffinityRecommender
import Benchmark
import BenchmarkFixtures

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .mallocCountTotal, .throughput],
        timeUnits: .microseconds,
        warmupIterations: 100,
        maxDuration: .seconds(2),
        maxIterations: 20_000
    )
    BLASThreads.set(1)

    Benchmark("fold-in, 50 interactions, 64 factors (reused scratch)") { benchmark, fixture in
        let scratch = LeastSquaresScratch(factors: 64, rowCapacity: 50)
        var x = [Float](repeating: 0, count: 64)
        let users = fixture.items.count
        benchmark.startMeasurement()
        for i in benchmark.scaledIterations {
            let u = i % users
            try fixture.model.foldIn(items: fixture.items[u], weights: fixture.weights[u], into: &x, scratch: scratch)
            blackHole(x[0])
        }
    } setup: {
        ServingFixture()
    }

    Benchmark("fold-in, 50 interactions, 64 factors (new scratch per call)") { benchmark, fixture in
        var x = [Float](repeating: 0, count: 64)
        let users = fixture.items.count
        benchmark.startMeasurement()
        for i in benchmark.scaledIterations {
            let u = i % users
            try fixture.model.foldIn(items: fixture.items[u], weights: fixture.weights[u], into: &x)
            blackHole(x[0])
        }
    } setup: {
        ServingFixture()
    }
}
