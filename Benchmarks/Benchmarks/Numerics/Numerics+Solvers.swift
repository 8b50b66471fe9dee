// Per-row solver cost at ALS size (64 factors): Cholesky through LAPACK.choleskySolve's
// pointer form, reusing per-thread buffers. The malloc metric shows the solve loop allocates
// nothing. (The conjugate-gradient path is one fused C call per row inside AffinityRecommender;
// the ALS training and fold-in benchmarks measure it. The generic `ConjugateGradient` is a test
// reference in AffinityTestSupport.)
import AffinityNumerics
import Benchmark

/// A 64×64 SPD system (YᵀY/n + I) and its working buffers, built in setup.
final class SolverFixture: @unchecked Sendable {   // only touched by the single benchmark thread
    let n = 64
    var a: [Float], b: [Float], work: [Float], x: [Float]

    init(seed: UInt64) {
        var rng = Xoshiro256(seed: seed)
        let y = Matrix(rows: 500, cols: n, storage: (0..<(500 * n)).map { _ in rng.nextFloat() * 2 - 1 })
        var gram = BLAS.gram(y)
        for i in 0..<n { for j in 0..<n { gram[i, j] = gram[i, j] / 500 + (i == j ? 1 : 0) } }
        a = gram.storage
        b = (0..<n).map { _ in rng.nextFloat() - 0.5 }
        work = a
        x = [Float](repeating: 0, count: n)
    }
}

func solverBenchmarks() {
    let chol = SolverFixture(seed: 5)
    Benchmark("cholesky solve 64x64 (sposv, per row)", configuration: .init(scalingFactor: .kilo)) { benchmark in
        BLASThreads.set(1)   // per-row solves run inside Affinity's own parallel loops
        chol.work.withUnsafeMutableBufferPointer { wp in chol.x.withUnsafeMutableBufferPointer { xp in
            chol.a.withUnsafeBufferPointer { ap in chol.b.withUnsafeBufferPointer { bp in
                for _ in benchmark.scaledIterations {
                    wp.baseAddress!.update(from: ap.baseAddress!, count: ap.count)
                    xp.baseAddress!.update(from: bp.baseAddress!, count: bp.count)
                    blackHole(LAPACK.choleskySolve(n: 64, a: wp.baseAddress!, b: xp.baseAddress!))
                }
            } }
        } }
    }
}
