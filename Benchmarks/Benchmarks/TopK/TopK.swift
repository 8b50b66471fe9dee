// Top-10 of 20,000 scores (one user's scores over a catalogue) by the bounded-heap
// selection, against a full sort of the same scores. Scores are generated in setup;
// the sort benchmark copies the scores inside the loop, as a caller would have to.
import AffinityNumerics
import Benchmark

let scores: [Float] = {
    var rng = Xoshiro256(seed: 42)
    return (0..<20_000).map { _ in rng.nextFloat() }
}()

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .throughput, .mallocCountTotal],
        timeUnits: .microseconds,
        warmupIterations: 10,
        maxDuration: .seconds(2),
        maxIterations: 10_000
    )

    Benchmark("top-10 of 20000 (heap select)") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(TopK.select(scores, k: 10))
        }
    }

    Benchmark("top-10 of 20000 (full sort)") { benchmark in
        for _ in benchmark.scaledIterations {
            let sorted = scores.enumerated().sorted { $0.element > $1.element }
            blackHole(sorted.prefix(10).map { TopK.Entry(index: Int32($0.offset), score: $0.element) })
        }
    }
}
