import AffinityNumerics
import AffinityTestSupport
import Testing

@Suite("Cholesky solve (LAPACK sposv)")
struct CholeskyTests {
    // Tolerance: on these SPD matrices (shift 0.5, n ≤ 70, cond ≲ 50) a Float32
    // Cholesky solve has relative error about cond·n·2^-24 ≲ 2e-4, within √ulp(Float).
    @Test("agrees with Gaussian elimination in Double; residual small",
          arguments: [1, 2, 3, 7, 16, 33, 70])
    func matchesReference(n: Int) throws {
        let a = Fixtures.spd(n, seed: UInt64(100 + n))
        let b = Fixtures.vector(n, seed: UInt64(200 + n))
        let x = try LAPACK.choleskySolve(a, b)
        let expected = try #require(Reference.solve(a, b))
        #expect(Tolerance.relativeNormError(x, expected) <= Tolerance.float)
        #expect(Reference.relativeResidual(a, x, b) <= Tolerance.float)
    }

    @Test("n = 0 solves trivially")
    func empty() throws {
        #expect(try LAPACK.choleskySolve(Matrix(rows: 0, cols: 0), []) == [])
    }

    @Test("pointer form leaves the solution in b and the factor in a; allocation-free use")
    func pointerForm() throws {
        let n = 12
        let a = Fixtures.spd(n, seed: 7)
        let b = Fixtures.vector(n, seed: 8)
        var work = a.storage
        var x = b
        let info = work.withUnsafeMutableBufferPointer { ap in
            x.withUnsafeMutableBufferPointer { xp in LAPACK.choleskySolve(n: n, a: ap.baseAddress!, b: xp.baseAddress!) }
        }
        #expect(info == 0)
        #expect(Reference.relativeResidual(a, x, b) <= Tolerance.float)
        #expect(work != a.storage, "a is overwritten by its factor")
    }

    // Non-SPD: a diagonal matrix whose k-th entry is ≤ 0 fails exactly at minor k; a
    // symmetric indefinite matrix fails at the minor the Double reference names.
    @Test("not positive definite → error naming the leading minor", arguments: [1, 3, 5])
    func notPositiveDefinite(k: Int) {
        let n = 5
        var a = Matrix(rows: n, cols: n)
        for i in 0..<n { a[i, i] = i + 1 == k ? -1 : 2 }
        #expect(Reference.firstNonPositiveMinor(a) == k)
        #expect(throws: NumericsError.notPositiveDefinite(minor: k)) { try LAPACK.choleskySolve(a, [Float](repeating: 1, count: n)) }
    }

    @Test("indefinite dense matrix fails at the same minor as the reference")
    func indefinite() throws {
        var a = Fixtures.spd(6, seed: 3)
        // Make the leading 4×4 block indefinite: a[3,3] far below what the pivot needs.
        a[3, 3] = -5
        let minor = try #require(Reference.firstNonPositiveMinor(a))
        #expect(throws: NumericsError.notPositiveDefinite(minor: minor)) { try LAPACK.choleskySolve(a, Fixtures.vector(6, seed: 4)) }
        #expect(NumericsError.notPositiveDefinite(minor: minor).description.contains("order \(minor)"))
    }

    @Test("NaN in A or b is reported, not silently solved")
    func nanInput() {
        var a = Fixtures.spd(4, seed: 9)
        #expect(throws: NumericsError.nonFinite(what: "right-hand side b")) { try LAPACK.choleskySolve(a, [1, .nan, 1, 1]) }
        a[0, 0] = .nan
        #expect(throws: NumericsError.nonFinite(what: "matrix A")) { try LAPACK.choleskySolve(a, [1, 1, 1, 1]) }
    }

    // LAPACK's own pivot test (≤ 0) lets NaN through; the pointer form checks the factor.
    // NaN at (i, j) first reaches pivot max(i, j) + 1.
    @Test("pointer form reports a NaN pivot as a failing minor", arguments: [(0, 0, 1), (2, 2, 3), (1, 3, 4)])
    func nanPointer(i: Int, j: Int, minor: Int) {
        let n = 4
        var a = Fixtures.spd(n, seed: 10)
        a[i, j] = .nan
        a[j, i] = .nan
        var work = a.storage
        var b: [Float] = [1, 2, 3, 4]
        let info = work.withUnsafeMutableBufferPointer { ap in
            b.withUnsafeMutableBufferPointer { LAPACK.choleskySolve(n: n, a: ap.baseAddress!, b: $0.baseAddress!) }
        }
        #expect(info == minor)
    }
}
