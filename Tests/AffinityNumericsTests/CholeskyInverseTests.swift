import AffinityNumerics
import AffinityTestSupport
import Testing

/// `LAPACK.choleskyInverse` (dpotrf + dpotri) and `BLAS.gramUpper` (dsyrk) in Double.
@Suite struct CholeskyInverseTests {
    /// A = [[4,2,0],[2,3,1],[0,1,2]]: det 12, adjugate written out by cofactors.
    @Test func threeByThreeMatchesTheHandComputedInverse() throws {
        let a: [Double] = [4, 2, 0, 2, 3, 1, 0, 1, 2]
        let expected: [Double] = [5, -4, 2, -4, 8, -4, 2, -4, 8].map { $0 / 12 }
        let p = try LAPACK.choleskyInverse(a, n: 3)
        for (x, e) in zip(p, expected) { #expect(abs(x - e) <= 1e-14, "\(p)") }
    }

    @Test func resultIsSymmetricAndInvertsARandomSPDMatrix() throws {
        var rng = Xoshiro256(seed: 11)
        let n = 37
        let m = (0..<(n * n)).map { _ in rng.nextGaussian() }
        var a = [Double](repeating: 0, count: n * n)  // MᵀM + I
        for i in 0..<n { for j in 0..<n { for k in 0..<n { a[i * n + j] += m[k * n + i] * m[k * n + j] } } }
        for i in 0..<n { a[i * n + i] += 1 }
        let p = try LAPACK.choleskyInverse(a, n: n)
        var worst = 0.0
        for i in 0..<n {
            for j in 0..<n {
                #expect(p[i * n + j] == p[j * n + i])
                let v = (0..<n).reduce(0.0) { $0 + a[i * n + $1] * p[$1 * n + j] }
                worst = max(worst, abs(v - (i == j ? 1 : 0)))
            }
        }
        #expect(worst <= 1e-10, "‖A·A⁻¹ − I‖max = \(worst)")
    }

    @Test func refusesAnIndefiniteOrNonFiniteMatrix() {
        #expect(throws: NumericsError.notPositiveDefinite(minor: 2)) { try LAPACK.choleskyInverse([1, 2, 2, 1], n: 2) }
        #expect(throws: NumericsError.nonFinite(what: "matrix A")) { try LAPACK.choleskyInverse([1, .nan, .nan, 1], n: 2) }
    }

    @Test func gramUpperMatchesANaiveSumAndAccumulatesWithBeta() {
        var rng = Xoshiro256(seed: 5)
        let (rows, k, lda) = (9, 6, 8)
        let a = (0..<(rows * lda)).map { _ in rng.nextGaussian() }
        var c = [Double](repeating: 1, count: k * k)
        a.withUnsafeBufferPointer { ap in
            c.withUnsafeMutableBufferPointer { cp in
                BLAS.gramUpper(ap.baseAddress!, rows: rows, k: k, lda: lda, beta: 2, cp.baseAddress!, ldc: k)
                BLAS.mirrorUpper(cp.baseAddress!, n: k, ldc: k)
            }
        }
        for i in 0..<k {
            for j in 0..<k {
                let naive = 2 + (0..<rows).reduce(0.0) { $0 + a[$1 * lda + i] * a[$1 * lda + j] }
                #expect(abs(c[i * k + j] - naive) <= 1e-12, "(\(i), \(j))")
            }
        }
    }
}
