import AffinityNumerics
import AffinityTestSupport
import Testing
@testable import AffinityRecommender

/// The fused C row solver (`Kernels.conjugateGradientRow`) against the plain composition it
/// replaces: the generic `ConjugateGradient.solve` (AffinityTestSupport) over the right-hand
/// side (`Kernels.addTargets`) and a plain-loop product G·v + Σₖ (cₖ−1)(yₖ·v)·yₖ. Same warm
/// start, same steps; only the summation order differs, so the iterates agree to Float32
/// rounding.
@Suite struct ConjugateGradientRowTests {
    struct Case {
        var y: Matrix
        var gram: Matrix
        var indices: [Int32]
        var weights: [Float]
        var confidence: Confidence
        var start: [Float]
    }

    static func makeCase(f: Int, items: Int, count: Int, seed: UInt64, convention: ConfidenceConvention) -> Case {
        let y = ALSFixtures.randomFactors(rows: items, f: f, seed: seed)
        var gram = BLAS.gram(y)
        for d in 0..<f { gram[d, d] += 0.5 }
        var rng = Xoshiro256(seed: seed &+ 7)
        var chosen = Set<Int32>()
        while chosen.count < count { chosen.insert(Int32(rng.next() % UInt64(items))) }
        let indices = chosen.sorted()
        // Mostly positive counts, a few zero or negative weights (p = 0 rows, |w| confidence).
        let weights = indices.map { _ -> Float in
            let u = rng.next() % 10
            return u == 0 ? 0 : u == 1 ? -2 : Float(1 + rng.next() % 5)
        }
        let start = (0..<f).map { _ in Float(rng.nextGaussian()) * 0.1 }
        return Case(y: y, gram: gram, indices: indices, weights: weights,
                    confidence: Confidence(alpha: 1.5, convention: convention), start: start)
    }

    static func fused(_ c: Case, steps: Int) -> [Float] {
        let f = c.y.cols
        var x = c.start
        let work = UnsafeMutablePointer<Float>.allocate(capacity: 4 * f)
        defer { work.deallocate() }
        _ = c.y.withView { yv in
            c.gram.withView { gv in
                x.withUnsafeMutableBufferPointer { xb in
                    Kernels.conjugateGradientRow(fixed: .init(factors: yv.base, rows: yv.rows, f: f, gram: gv.base),
                                                 indices: c.indices, weights: c.weights, count: c.indices.count,
                                                 confidence: c.confidence, steps: steps, tolerance: 1e-6,
                                                 x: xb.baseAddress!, work: work)
                }
            }
        }
        return x
    }

    static func composed(_ c: Case, steps: Int) -> [Float] {
        let f = c.y.cols
        var x = c.start
        var b = [Float](repeating: 0, count: f)
        let scratch = ConjugateGradient.Scratch(capacity: f)
        c.y.withView { yv in
            c.gram.withView { gv in
                b.withUnsafeMutableBufferPointer { bb in
                    Kernels.addTargets(fixed: yv.base, f: f, indices: c.indices, weights: c.weights,
                                       count: c.indices.count, confidence: c.confidence, out: bb.baseAddress!)
                }
                x.withUnsafeMutableBufferPointer { xb in
                    _ = ConjugateGradient.solve(n: f, x: xb.baseAddress!, b: b, steps: steps, tolerance: 1e-6,
                                                scratch: scratch) { v, out in
                        for i in 0..<f {
                            var s: Float = 0
                            for j in 0..<f { s += gv.base[i * f + j] * v[j] }
                            out[i] = s
                        }
                        for (k, index) in c.indices.enumerated() {
                            let e = c.confidence.excess(c.weights[k]), y = yv.base + Int(index) * f
                            var d: Float = 0
                            for j in 0..<f { d += y[j] * v[j] }
                            for j in 0..<f { out[j] += e * d * y[j] }
                        }
                    }
                }
            }
        }
        return x
    }

    // f = 32/64/128 take the register-blocked four-nonzeros-at-a-time path, others the generic
    // one; counts cover fewer than four nonzeros and a remainder after groups of four.
    @Test(arguments: [(8, 1), (16, 6), (40, 13), (32, 3), (32, 21), (64, 1), (64, 4), (64, 50), (64, 203), (128, 37)])
    func fusedRowSolveMatchesTheComposedOne(f: Int, count: Int) {
        for convention in ConfidenceConvention.allCases {
            for steps in [1, 3] {
                let c = Self.makeCase(f: f, items: max(300, 2 * count), count: count,
                                      seed: UInt64(f * 1000 + count), convention: convention)
                let got = Self.fused(c, steps: steps), want = Self.composed(c, steps: steps)
                let err = Tolerance.norm(zip(got, want).map { Double($0 - $1) }) / max(Tolerance.norm(want.map(Double.init)), 1e-12)
                // Float32, a few steps, only the order of additions differs: ~1e-6 expected.
                #expect(err < 1e-4, "f=\(f) count=\(count) \(convention) steps=\(steps): relative difference \(err)")
                #expect(got.allSatisfy { $0.isFinite })
            }
        }
    }

    @Test func manyStepsReachTheCholeskyOptimumAtSixtyFourFactors() {
        let p = LeastSquaresTests.problem(f: 64, items: 150, seed: 21)
        let exact = LeastSquaresTests.solve(p, solver: .cholesky).x
        let x = LeastSquaresTests.solve(p, solver: .conjugateGradient(steps: 200)).x
        let err = Tolerance.norm(zip(x, exact).map { Double($0 - $1) }) / Tolerance.norm(exact.map(Double.init))
        #expect(err < 1e-3, "relative distance to the Cholesky optimum: \(err)")
    }
}
