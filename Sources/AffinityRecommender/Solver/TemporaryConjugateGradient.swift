import AffinityNumerics

// TEMPORARY: same API as the conjugate-gradient solver being added to AffinityNumerics;
// removed as soon as that lands on main (there is one CG in the project).
enum ConjugateGradient {
    enum Stop: Sendable, Equatable { case converged, stepLimit, breakdown }
    struct Report: Sendable, Equatable { var steps: Int; var residualNorm: Float; var stop: Stop }
    final class Scratch {
        let capacity: Int
        let r: UnsafeMutablePointer<Float>, p: UnsafeMutablePointer<Float>, ap: UnsafeMutablePointer<Float>
        init(capacity: Int) {
            self.capacity = capacity
            let n = max(capacity, 1)
            r = .allocate(capacity: n); r.initialize(repeating: 0, count: n)
            p = .allocate(capacity: n); p.initialize(repeating: 0, count: n)
            ap = .allocate(capacity: n); ap.initialize(repeating: 0, count: n)
        }
        deinit { r.deallocate(); p.deallocate(); ap.deallocate() }
    }

    static func solve(n: Int, x: UnsafeMutablePointer<Float>, b: UnsafePointer<Float>, steps: Int,
                      tolerance: Float = 0, scratch: Scratch,
                      multiply: (_ p: UnsafePointer<Float>, _ result: UnsafeMutablePointer<Float>) -> Void) -> Report {
        guard n > 0 else { return Report(steps: 0, residualNorm: 0, stop: .converged) }
        let r = scratch.r, p = scratch.p, ap = scratch.ap
        multiply(UnsafePointer(x), ap)
        for i in 0..<n { r[i] = b[i] - ap[i]; p[i] = r[i] }
        var rs = BLAS.dot(n, r, 1, r, 1)
        let threshold = tolerance * tolerance * BLAS.dot(n, b, 1, b, 1)
        if rs <= threshold { return Report(steps: 0, residualNorm: rs.squareRoot(), stop: .converged) }
        for step in 0..<steps {
            multiply(UnsafePointer(p), ap)
            let pAp = BLAS.dot(n, p, 1, ap, 1)
            guard pAp > 0, pAp.isFinite, rs.isFinite else {
                return Report(steps: step, residualNorm: rs.squareRoot(), stop: .breakdown)
            }
            let alpha = rs / pAp
            BLAS.axpy(n, alpha: alpha, UnsafePointer(p), 1, x, 1)
            BLAS.axpy(n, alpha: -alpha, UnsafePointer(ap), 1, r, 1)
            let rsNew = BLAS.dot(n, r, 1, r, 1)
            if rsNew <= threshold { return Report(steps: step + 1, residualNorm: rsNew.squareRoot(), stop: .converged) }
            BLAS.scal(n, alpha: rsNew / rs, p, 1)
            BLAS.axpy(n, alpha: 1, UnsafePointer(r), 1, p, 1)
            rs = rsNew
        }
        return Report(steps: steps, residualNorm: rs.squareRoot(), stop: .stepLimit)
    }
}
