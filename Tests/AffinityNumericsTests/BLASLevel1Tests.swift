import AffinityNumerics
import AffinityTestSupport
import Testing

// Tolerance: Float32 level-1 results vs Double references. A length-n dot has at most
// about n·2^-24 relative error in the sum of |terms| (≈ 6e-5 at n = 1000), so errors are
// scaled by Σ|xᵢyᵢ| and checked against √ulp(Float) ≈ 3.5e-4. axpy/scal/copy are one
// rounding per element and are checked at the same tolerance.
@Suite("BLAS level 1 wrappers")
struct BLASLevel1Tests {
    static let sizes = [0, 1, 2, 5, 33, 1000]

    /// x laid out with stride `inc`; the gaps hold NaN so reading them would show.
    static func strided(_ v: [Float], inc: Int) -> [Float] {
        var out = [Float](repeating: .nan, count: max(v.count * inc, 1))
        for i in 0..<v.count { out[i * inc] = v[i] }
        return out
    }

    @Test("dot vs Double reference", arguments: sizes, [1, 3])
    func dot(n: Int, inc: Int) {
        let x = Fixtures.vector(n, seed: 1), y = Fixtures.vector(n, seed: 2)
        let xs = Self.strided(x, inc: inc), ys = Self.strided(y, inc: 1)
        let got = xs.withUnsafeBufferPointer { xp in ys.withUnsafeBufferPointer { yp in
            BLAS.dot(n, xp.baseAddress!, inc, yp.baseAddress!, 1)
        } }
        let scale = max(zip(x, y).reduce(0.0) { $0 + abs(Double($1.0) * Double($1.1)) }, 1e-30)
        #expect(abs(Double(got) - Reference.dot(x, y)) / scale <= Tolerance.float)
        #expect(abs(Double(BLAS.dot(x, y)) - Reference.dot(x, y)) / scale <= Tolerance.float)
    }

    @Test("axpy, scal, copy and nrm2 vs reference; strides leave gaps untouched", arguments: sizes, [1, 2])
    func updates(n: Int, inc: Int) {
        let x = Fixtures.vector(n, seed: 3), y = Fixtures.vector(n, seed: 4)
        let alpha: Float = -0.75
        var ys = Self.strided(y, inc: inc)
        let xs = Self.strided(x, inc: inc)
        xs.withUnsafeBufferPointer { xp in ys.withUnsafeMutableBufferPointer { yp in
            BLAS.axpy(n, alpha: alpha, xp.baseAddress!, inc, yp.baseAddress!, inc)
        } }
        let axpyGot = (0..<n).map { ys[$0 * inc] }
        let axpyRef = (0..<n).map { Double(alpha) * Double(x[$0]) + Double(y[$0]) }
        #expect(Tolerance.maxRelativeError(axpyGot, axpyRef, scale: 1) <= Tolerance.float)
        if inc > 1 { #expect((0..<ys.count).filter { $0 % inc != 0 }.allSatisfy { ys[$0].isNaN }) }

        var zs = Self.strided(x, inc: inc)
        zs.withUnsafeMutableBufferPointer { BLAS.scal(n, alpha: 3, $0.baseAddress!, inc) }
        #expect(Tolerance.maxRelativeError((0..<n).map { zs[$0 * inc] }, x.map { 3 * Double($0) }, scale: 1) <= Tolerance.float)

        var cs = [Float](repeating: .nan, count: max(n, 1))
        xs.withUnsafeBufferPointer { xp in cs.withUnsafeMutableBufferPointer { BLAS.copy(n, xp.baseAddress!, inc, $0.baseAddress!) } }
        #expect(Array(cs.prefix(n)) == x)

        let norm = xs.withUnsafeBufferPointer { BLAS.nrm2(n, $0.baseAddress!, inc) }
        let refNorm = Tolerance.norm(x.map(Double.init))
        #expect(abs(Double(norm) - refNorm) <= Tolerance.float * max(refNorm, 1e-30))
    }

    @Test("nrm2 does not overflow where a naive sum of squares would")
    func nrm2Overflow() {
        let big: [Float] = [3e30, 4e30]
        let got = big.withUnsafeBufferPointer { BLAS.nrm2(2, $0.baseAddress!) }
        #expect(abs(got / 5e30 - 1) <= 1e-6)
    }
}
