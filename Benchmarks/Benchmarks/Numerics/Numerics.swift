// sgemm / sgemv / Gram throughput through AffinityNumerics' BLAS wrappers, at shapes
// that ALS training and scoring use. Inputs are built in setup (not measured);
// results pass through blackHole. Rates: GFLOP/s = flops / wall-clock time, with the
// flop count in each benchmark's name (see RESULTS.md).
import AffinityNumerics
import Benchmark

/// Inputs built once per benchmark run, outside the measured region.
final class Operands: @unchecked Sendable {   // only touched by the single benchmark thread
    var a: Matrix, b: Matrix, c: Matrix, x: [Float], y: [Float]
    init(aRows: Int, aCols: Int, bRows: Int, bCols: Int, cRows: Int, cCols: Int, seed: UInt64) {
        var rng = Xoshiro256(seed: seed)
        func fill(_ r: Int, _ c: Int) -> Matrix {
            Matrix(rows: r, cols: c, storage: (0..<(r * c)).map { _ in rng.nextFloat() * 2 - 1 })
        }
        a = fill(aRows, aCols)
        b = fill(bRows, bCols)
        c = Matrix(rows: cRows, cols: cCols)
        x = (0..<max(aCols, aRows)).map { _ in rng.nextFloat() - 0.5 }
        y = [Float](repeating: 0, count: max(aRows, aCols))
    }
}

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .throughput, .mallocCountTotal],
        timeUnits: .microseconds,
        warmupIterations: 2,
        maxDuration: .seconds(3),
        maxIterations: 200
    )

    solverBenchmarks()

    for threads in [1, 2] {
        // Scoring every user against every item: 10000×64 · 64×5000 (6.4 GFLOP).
        let scoring = Operands(aRows: 10_000, aCols: 64, bRows: 64, bCols: 5_000, cRows: 10_000, cCols: 5_000, seed: 1)
        Benchmark("sgemm 10000x64*64x5000 (6.4 GFLOP) threads=\(threads)") { benchmark in
            BLASThreads.set(threads)
            benchmark.startMeasurement()
            scoring.a.withView { av in scoring.b.withView { bv in scoring.c.withMutableView { cv in
                BLAS.gemm(av, bv, cv)
            } } }
            benchmark.stopMeasurement()
            blackHole(scoring.c.storage[12_345])
        }

        // ALS Gram matrix YᵀY of 5000×64 factors (syrk: 5000·64·65 ≈ 20.8 MFLOP).
        let gram = Operands(aRows: 5_000, aCols: 64, bRows: 0, bCols: 0, cRows: 64, cCols: 64, seed: 2)
        Benchmark("gram 64x64 of 5000x64 (20.8 MFLOP) threads=\(threads)") { benchmark in
            BLASThreads.set(threads)
            for _ in benchmark.scaledIterations {
                gram.a.withView { av in gram.c.withMutableView { BLAS.gram(av, $0) } }
            }
            blackHole(gram.c.storage[65])
        }

        // The same Gram through gemm (Yᵀ·Y, 2·5000·64·64 ≈ 41 MFLOP) for comparison.
        let gramGemm = Operands(aRows: 5_000, aCols: 64, bRows: 0, bCols: 0, cRows: 64, cCols: 64, seed: 2)
        Benchmark("sgemm Yt*Y 64x5000*5000x64 (41 MFLOP) threads=\(threads)") { benchmark in
            BLASThreads.set(threads)
            for _ in benchmark.scaledIterations {
                gramGemm.a.withView { av in gramGemm.c.withMutableView { BLAS.gemm(.transpose, .none, av, av, $0) } }
            }
            blackHole(gramGemm.c.storage[65])
        }

        // Scoring one user against all items: 10000×64 · 64 (1.28 MFLOP).
        let gemv = Operands(aRows: 10_000, aCols: 64, bRows: 0, bCols: 0, cRows: 0, cCols: 0, seed: 3)
        Benchmark("sgemv 10000x64 (1.28 MFLOP) threads=\(threads)",
                  configuration: .init(scalingFactor: .kilo)) { benchmark in
            BLASThreads.set(threads)
            gemv.a.withView { av in gemv.x.withUnsafeBufferPointer { xp in gemv.y.withUnsafeMutableBufferPointer { yp in
                for _ in benchmark.scaledIterations {
                    BLAS.gemv(av, xp.baseAddress!, yp.baseAddress!)
                }
            } } }
            blackHole(gemv.y[17])
        }
    }
}
