@testable import AffinityChurn
import AffinityNumerics
import Foundation

/// Samplers and plain reference formulas for the CLV tests.
enum CLVFixtures {
    /// Gamma(shape, rate) by Marsaglia & Tsang (2000), with the shape < 1 boost U^(1/shape).
    static func gamma(shape: Double, rate: Double, _ rng: inout Xoshiro256) -> Double {
        if shape < 1 {
            let u = max(rng.nextDouble(), .leastNormalMagnitude)
            return gamma(shape: shape + 1, rate: rate, &rng) * pow(u, 1 / shape)
        }
        let d = shape - 1.0 / 3, c = 1 / (9 * d).squareRoot()
        while true {
            let z = rng.nextGaussian(), v = pow(1 + c * z, 3)
            if v <= 0 { continue }
            let u = max(rng.nextDouble(), .leastNormalMagnitude)
            if log(u) < 0.5 * z * z + d - d * v + d * log(v) { return d * v / rate }
        }
    }

    static func beta(_ a: Double, _ b: Double, _ rng: inout Xoshiro256) -> Double {
        let x = gamma(shape: a, rate: 1, &rng), y = gamma(shape: b, rate: 1, &rng)
        return x / (x + y)
    }

    /// Customers simulated from BG/NBD in continuous time, observed for T ~ U(30, 365) days.
    static func bgnbdCustomers(_ p: BGNBDParameters, count: Int, seed: UInt64) -> [CLVCustomer] {
        var rng = Xoshiro256(seed: seed)
        return (0..<count).map { i in
            let lambda = gamma(shape: p.r, rate: p.alpha, &rng)
            let dropout = p.a > 0 ? beta(p.a, p.b, &rng) : 0
            let T = 30 + 335 * rng.nextDouble()
            var t = 0.0, x = 0.0, last = 0.0
            while true {
                t += -log(max(1 - rng.nextDouble(), .leastNormalMagnitude)) / lambda
                if t > T { break }
                x += 1
                last = t
                if rng.nextDouble() < dropout { break }
            }
            return CLVCustomer(id: "c\(i)", frequency: x, recency: last, T: T, monetary: 0)
        }
    }

    /// The BG/NBD likelihood of one customer, straight from eq. 6 of Fader, Hardie & Lee (2005)
    /// with Beta and Gamma functions evaluated directly (fine for the small x used here).
    static func bgnbdLikelihood(_ p: BGNBDParameters, x: Double, tx: Double, T: Double) -> Double {
        func beta(_ u: Double, _ v: Double) -> Double { tgamma(u) * tgamma(v) / tgamma(u + v) }
        let common = tgamma(p.r + x) * pow(p.alpha, p.r) / tgamma(p.r)
        let survive = beta(p.a, p.b + x) / beta(p.a, p.b) * common / pow(p.alpha + T, p.r + x)
        let dropped = x > 0 ? beta(p.a + 1, p.b + x - 1) / beta(p.a, p.b) * common / pow(p.alpha + tx, p.r + x) : 0
        return survive + dropped
    }

    /// ₂F₁(a, b; c; z) by its plain power series, summed for a fixed number of terms.
    static func hyp2f1(_ a: Double, _ b: Double, _ c: Double, _ z: Double, terms: Int = 20_000) -> Double {
        var term = 1.0, sum = 1.0
        for k in 0..<terms {
            let k = Double(k)
            term *= (a + k) * (b + k) / ((c + k) * (k + 1)) * z
            sum += term
        }
        return sum
    }
}
