import AffinityNumerics
import Foundation
import Testing

@Suite("Bounded L-BFGS and the gamma-function helpers")
struct BoundedLBFGSTests {
    /// Rosenbrock's valley: minimum 0 at (1, 1), with a curved, badly conditioned floor.
    static func rosenbrock(_ x: [Double]) -> (value: Double, gradient: [Double]) {
        let a = 1 - x[0], b = x[1] - x[0] * x[0]
        return (a * a + 100 * b * b, [-2 * a - 400 * x[0] * b, 200 * b])
    }

    @Test("finds Rosenbrock's minimum (1, 1) from (−1.2, 1) inside a wide box")
    func rosenbrockMinimum() {
        let r = BoundedLBFGS.minimize(start: [-1.2, 1], lower: [-10, -10], upper: [10, 10], objective: Self.rosenbrock)
        #expect(r.converged)
        // Gradient tolerance 1e-6 on a problem whose Hessian at the minimum has condition ~2500:
        // the point is within ~1e-5 of (1, 1).
        #expect(abs(r.point[0] - 1) < 1e-5 && abs(r.point[1] - 1) < 1e-5, "\(r.point)")
        #expect(r.atBound.isEmpty)
    }

    @Test("a quadratic whose free minimum lies outside the box stops on the bound, at the projected optimum")
    func boundActive() {
        // f = (x − 3)² + 2(y + 1)² + x·y/2: free minimum outside x ≤ 1; on x = 1 the best y solves 4(y + 1) + 1/2 = 0.
        let f = { (v: [Double]) -> (value: Double, gradient: [Double]) in
            let (x, y) = (v[0], v[1])
            return ((x - 3) * (x - 3) + 2 * (y + 1) * (y + 1) + x * y / 2, [2 * (x - 3) + y / 2, 4 * (y + 1) + x / 2])
        }
        let r = BoundedLBFGS.minimize(start: [0, 0], lower: [-5, -5], upper: [1, 5], objective: f)
        #expect(r.converged && r.atBound == [0])
        #expect(r.point[0] == 1)
        #expect(abs(r.point[1] - (-1.125)) < 1e-6, "\(r.point)")
    }

    @Test("digamma matches known values, the recurrence and the derivative of logGamma")
    func digamma() {
        let euler = 0.577_215_664_901_532_9
        // ψ(1) = −γ, ψ(1/2) = −γ − 2 ln 2, ψ(10) = H₉ − γ (Abramowitz & Stegun 6.3.2–6.3.4).
        let h9 = (1...9).reduce(0.0) { $0 + 1 / Double($1) }
        for (x, expected) in [(1.0, -euler), (0.5, -euler - 2 * log(2.0)), (10, h9 - euler)] {
            #expect(abs(SpecialFunctions.digamma(x) - expected) < 1e-14, "ψ(\(x))")
        }
        for x in [0.013, 0.7, 3.3, 7.99, 8.01, 42.5, 1e4] {
            #expect(abs(SpecialFunctions.digamma(x + 1) - SpecialFunctions.digamma(x) - 1 / x) < 1e-12 * max(1, 1 / x), "recurrence at \(x)")
            // Central difference of lgamma: error O(h²·ψ''') ≈ 1e-8 relative at h = 1e-4·x.
            let h = 1e-4 * x
            let numeric = (lgamma(x + h) - lgamma(x - h)) / (2 * h)
            #expect(abs(SpecialFunctions.digamma(x) - numeric) < 1e-6 * max(1, abs(numeric)), "ψ(\(x)) vs lgamma'")
            #expect(abs(SpecialFunctions.logGamma(x) - lgamma(x)) < 1e-12 * max(1, abs(lgamma(x))))
        }
        #expect(SpecialFunctions.digamma(0).isNaN && SpecialFunctions.digamma(-1).isNaN)
    }
}
