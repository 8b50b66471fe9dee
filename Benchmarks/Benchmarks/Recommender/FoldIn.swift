// Exact fold-in of one user (50 interactions, 64 factors, 10,000 items) with a reused
// LeastSquaresScratch and output vector, as the server calls it per click: the malloc count
// per call is the figure here (the hot path is meant to allocate nothing), wall clock beside it.
// The model is built from seeded random factors in setup (not measured); OpenBLAS on 1 thread.
// A second benchmark without the reused scratch shows what the counter sees when a call allocates.
import AffinityData
import AffinityNumerics
import AffinityRecommender
import Benchmark

struct FoldInFixture {
    let model: ALSModel
    let items: [[Int32]]
    let weights: [[Float]]

    init(users: Int = 64, items n: Int = 10_000, f: Int = 64, perUser: Int = 50) {
        var rng = Xoshiro256(seed: 9)
        var r: [Int32] = [], c: [Int32] = [], v: [Float] = []
        for u in 0..<users {
            var chosen = Set<Int32>()
            while chosen.count < perUser { chosen.insert(Int32(rng.next() % UInt64(n))) }
            for i in chosen.sorted() { r.append(Int32(u)); c.append(i); v.append(Float(1 + rng.next() % 4)) }
        }
        func random(_ rows: Int) -> Matrix {
            Matrix(rows: rows, cols: f, storage: (0..<(rows * f)).map { _ in Float(rng.nextGaussian()) * 0.1 })
        }
        var config = ALSConfig()
        config.factors = f
        let built = ALSModel(factors: ALSFactors(users: random(users), items: random(n)),
                         matrix: CSRMatrix(rows: users, cols: n, rowIndices: r, colIndices: c, values: v),
                         users: IDMap(ids: (0..<users).map { "u\($0)" }), items: IDMap(ids: (0..<n).map { "i\($0)" }),
                         config: config)
        let history = (0..<Int32(users)).map { built.userHistory($0) }
        model = built
        items = history.map(\.items)
        weights = history.map(\.weights)
    }
}

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
        FoldInFixture()
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
        FoldInFixture()
    }
}
