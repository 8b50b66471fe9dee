@testable import AffinityChurn
import AffinityNumerics
import Foundation
import Testing

@Suite("BG/NBD and Gamma-Gamma: likelihoods, gradients, predictions")
struct CLVModelTests {
    static let params = BGNBDParameters(r: 0.243, alpha: 30.9, a: 0.793, b: 2.426)
    /// (x, t_x, T) covering x = 0, x = 1 (b + x − 1 = b) and larger x.
    static let histories: [(Double, Double, Double)] = [(0, 0, 38.9), (1, 12.5, 200), (2, 30.4, 38.9), (5, 300, 310), (7, 35.1, 360), (0, 0, 1)]

    static func customers() -> [CLVCustomer] {
        histories.enumerated().map { CLVCustomer(id: "c\($0)", frequency: $1.0, recency: $1.1, T: $1.2, monetary: 0) }
    }

    @Test("the log-likelihood equals the sum of logs of the paper's closed form, also in the NBD limit")
    func logLikelihood() {
        let model = BGNBDLikelihood(Self.customers())
        let expected = Self.histories.reduce(0.0) { $0 + log(CLVFixtures.bgnbdLikelihood(Self.params, x: $1.0, tx: $1.1, T: $1.2)) }
        let got = model.evaluate(Self.params).value
        // Direct Γ/B evaluation loses a few digits to cancellation in the ratios; 1e-11 relative is ample.
        #expect(abs(got - expected) < 1e-11 * abs(expected), "\(got) vs \(expected)")
        // a = 0: no dropout, the NBD: ln[Γ(r+x)α^r / (Γ(r)(α+T)^(r+x))].
        let nbd = BGNBDParameters(r: 0.8, alpha: 12, a: 0, b: 5)
        let nbdExpected = Self.histories.reduce(0.0) { s, h in
            s + lgamma(nbd.r + h.0) - lgamma(nbd.r) + nbd.r * log(nbd.alpha) - (nbd.r + h.0) * log(nbd.alpha + h.2)
        }
        #expect(abs(model.evaluate(nbd).value - nbdExpected) < 1e-12 * abs(nbdExpected))
    }

    @Test("analytic gradients match central finite differences (one-sided at a = 0)")
    func gradients() {
        let bg = BGNBDLikelihood(Self.customers())
        for p in [Self.params, BGNBDParameters(r: 2.5, alpha: 4, a: 0.05, b: 40)] {
            let g = bg.evaluate(p).gradient
            for k in 0..<4 {
                let numeric = Self.centralDifference(k, at: [p.r, p.alpha, p.a, p.b]) {
                    bg.evaluate(BGNBDParameters(r: $0[0], alpha: $0[1], a: $0[2], b: $0[3])).value
                }
                // Step 1e-6 relative: truncation ~1e-12, rounding ~1e-10 relative to ℓ ≈ 20.
                #expect(abs(g[k] - numeric) < 1e-6 * max(1, abs(numeric)), "BG/NBD ∂\(k): \(g[k]) vs \(numeric)")
            }
        }
        let zero = BGNBDParameters(r: 0.8, alpha: 12, a: 0, b: 5)
        // ∂²ℓ/∂a² at 0 is −Σ R² with R up to ~1e6 here, so the step must be tiny: h = 1e-13 keeps
        // truncation (h·R²) and rounding (1e-15·ℓ/h) both near 1e-7 of the derivative.
        let h = 1e-13
        let forward = (bg.evaluate(BGNBDParameters(r: 0.8, alpha: 12, a: h, b: 5)).value - bg.evaluate(zero).value) / h
        #expect(abs(bg.evaluate(zero).gradient[2] - forward) < 1e-5 * max(1, abs(forward)), "∂a at a = 0")
        let spenders = [(1.0, 20.0), (2, 35.5), (4, 12.25), (9, 80)].map { CLVCustomer(id: "s", frequency: $0, recency: 1, T: 1, monetary: $1) }
        let gg = GammaGammaLikelihood(spenders)
        let q = GammaGammaParameters(p: 6.25, q: 3.74, v: 15.44)
        let gq = gg.evaluate(q).gradient
        for k in 0..<3 {
            let numeric = Self.centralDifference(k, at: [q.p, q.q, q.v]) { gg.evaluate(GammaGammaParameters(p: $0[0], q: $0[1], v: $0[2])).value }
            #expect(abs(gq[k] - numeric) < 1e-6 * max(1, abs(numeric)), "Gamma-Gamma ∂\(k): \(gq[k]) vs \(numeric)")
        }
    }

    static func centralDifference(_ k: Int, at x: [Double], _ f: ([Double]) -> Double) -> Double {
        let h = 1e-6 * max(abs(x[k]), 1e-3)
        var plus = x, minus = x
        plus[k] += h
        minus[k] -= h
        return (f(plus) - f(minus)) / (2 * h)
    }

    @Test("Gamma-Gamma: the log-likelihood and E[spend] against the closed form and a numeric posterior mean")
    func gammaGamma() {
        let g = GammaGammaParameters(p: 6.25, q: 3.74, v: 15.44)
        let (x, m) = (3.0, 42.0)
        let px: Double = g.p * x
        let gammas: Double = lgamma(px + g.q) - lgamma(px) - lgamma(g.q)
        let logs: Double = g.q * log(g.v) + (px - 1) * log(m) + px * log(x) - (px + g.q) * log(g.v + x * m)
        let expected = gammas + logs
        let got = GammaGammaLikelihood([CLVCustomer(id: "a", frequency: x, recency: 1, T: 1, monetary: m)]).evaluate(g).value
        #expect(abs(got - expected) < 1e-12 * abs(expected))
        // ν | data ~ Gamma(q + px, rate v + x m̄) and E[spend | ν] = p/ν: integrate p/ν against that
        // posterior on a fine grid (midpoint rule in ln ν; error well below 1e-6 relative).
        let shape = g.q + g.p * x, rate = g.v + x * m
        var integral = 0.0, mass = 0.0
        let lo = log(shape / rate) - 3, hi = log(shape / rate) + 3, steps = 20_000
        for i in 0..<steps {
            let nu = exp(lo + (hi - lo) * (Double(i) + 0.5) / Double(steps))
            let density = exp(shape * log(rate) - lgamma(shape) + (shape - 1) * log(nu) - rate * nu) * nu
            integral += g.p / nu * density
            mass += density
        }
        let numeric = integral / mass
        let spend = g.conditionalExpectedSpend(frequency: x, monetary: m)
        #expect(abs(spend - numeric) < 1e-6 * numeric, "\(spend) vs \(numeric)")
        // The weighted-average form, and the population mean for x = 0.
        let population = g.p * g.v / (g.q - 1)
        let w = g.p * x / (g.p * x + g.q - 1)
        #expect(abs(spend - ((1 - w) * population + w * m)) < 1e-12 * spend)
        #expect(abs(g.conditionalExpectedSpend(frequency: 0, monetary: 0) - population) < 1e-12 * population)
        #expect(GammaGammaParameters(p: 1, q: 0.5, v: 1).conditionalExpectedSpend(frequency: 0, monetary: 0).isNaN)
    }

    @Test("P(alive): the closed form, 1 without repeat purchases and 1 in the NBD limit")
    func pAlive() {
        let p = Self.params
        for c in Self.customers() {
            let x = c.frequency
            let expected = x == 0 ? 1 : 1 / (1 + p.a / (p.b + x - 1) * pow((p.alpha + c.T) / (p.alpha + c.recency), p.r + x))
            #expect(abs(p.pAlive(c) - expected) < 1e-14, "\(c)")
            if x == 0 { #expect(p.pAlive(c) == 1) }
            #expect(BGNBDParameters(r: 1, alpha: 3, a: 0, b: 2).pAlive(c) == 1)
        }
        // A customer who bought often and then stopped long ago is probably gone.
        #expect(p.pAlive(CLVCustomer(id: "gone", frequency: 7, recency: 35.1, T: 360, monetary: 0)) < 0.05)
    }

    @Test("conditional expected purchases against eq. 10 with a plain ₂F₁ series, both summation branches, and the NBD limit")
    func expectedPurchases() {
        let p = Self.params
        for c in Self.customers() {
            for t in [7.0, 30, 90, 400] {
                let x = c.frequency, z = t / (p.alpha + c.T + t)
                let f = CLVFixtures.hyp2f1(p.r + x, p.b + x, p.a + p.b + x - 1, z)
                let bracket = 1 - pow((p.alpha + c.T) / (p.alpha + c.T + t), p.r + x) * f
                let expected = (p.a + p.b + x - 1) / (p.a - 1) * bracket * p.pAlive(c)
                let got = p.expectedPurchases(c, days: t)
                #expect(abs(got - expected) < 1e-9 * max(1, expected), "x=\(x) T=\(c.T) t=\(t): \(got) vs \(expected)")
            }
        }
        let nbd = BGNBDParameters(r: 0.8, alpha: 12, a: 0, b: 5)
        for c in Self.customers() {
            for t in [5.0, 90, 1000] {
                let expected = (nbd.r + c.frequency) * t / (nbd.alpha + c.T)
                #expect(abs(nbd.expectedPurchases(c, days: t) - expected) < 1e-12 * expected)
                // Continuity into the limit: a tiny a gives nearly the same answer. P(alive) moves by about
                // a/(b+x−1)·((α+T)/(α+t_x))^(r+x), up to 1e6·a for these histories, so a = 1e-14.
                let near = BGNBDParameters(r: 0.8, alpha: 12, a: 1e-14, b: 5).expectedPurchases(c, days: t)
                #expect(abs(near - expected) < 1e-6 * expected)
            }
        }
        // a = 1 is a removable singularity of eq. 10; the Pfaff series passes through it.
        let c = CLVCustomer(id: "a1", frequency: 3, recency: 50, T: 100, monetary: 0)
        let below = BGNBDParameters(r: 1, alpha: 20, a: 1 - 1e-7, b: 3).expectedPurchases(c, days: 60)
        let at = BGNBDParameters(r: 1, alpha: 20, a: 1, b: 3).expectedPurchases(c, days: 60)
        #expect(at.isFinite && abs(at - below) < 1e-6 * at)
        #expect(p.expectedPurchases(c, days: 0) == 0)
    }
}
