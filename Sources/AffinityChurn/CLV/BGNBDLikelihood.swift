import AffinityNumerics
import RealModule

/// The BG/NBD log-likelihood of a summary table and its gradient (eq. 6 of Fader, Hardie &
/// Lee 2005). For one customer with x repeat purchases, the last at t_x, observed for T:
///
///     L = B(a, b+x)/B(a, b) · Γ(r+x)α^r / (Γ(r)(α+T)^(r+x))
///       + [x > 0] · B(a+1, b+x−1)/B(a, b) · Γ(r+x)α^r / (Γ(r)(α+t_x)^(r+x))
///
/// evaluated in logs as A₁ + A₂ + ln(e^A₃ + [x>0]e^A₄). Gamma-function terms are computed once
/// per distinct x, so a pass costs O(customers + distinct x).
struct BGNBDLikelihood: Sendable {
    let x: [Double], tx: [Double], T: [Double]
    /// Distinct frequencies and, per customer, the index of theirs.
    let distinct: DistinctValues

    init(_ customers: [CLVCustomer]) {
        x = customers.map(\.frequency)
        tx = customers.map(\.recency)
        T = customers.map(\.T)
        distinct = DistinctValues(x)
    }

    var count: Int { x.count }

    /// The summed log-likelihood and its gradient with respect to (r, α, a, b). With a = 0 the
    /// second term vanishes (the NBD limit) and the a-component is the one-sided derivative
    /// at a = 0, which is positive when some dropout would raise the likelihood.
    func evaluate(_ p: BGNBDParameters) -> (value: Double, gradient: [Double]) {
        let (r, alpha, a, b) = (p.r, p.alpha, p.a, p.b)
        let sf = SpecialFunctions.self
        let lgR = sf.logGamma(r), lgAB = sf.logGamma(a + b), lgB = sf.logGamma(b)
        let psR = sf.digamma(r), psAB = sf.digamma(a + b), psB = sf.digamma(b)
        let terms = distinct.values.map { (xv: Double) -> (g1: Double, d1: Double, g2: Double, da: Double, db: Double) in
            let lgABX: Double = sf.logGamma(a + b + xv), psABX: Double = sf.digamma(a + b + xv)
            let g2: Double = lgAB + sf.logGamma(b + xv) - lgB - lgABX
            let db: Double = psAB + sf.digamma(b + xv) - psB - psABX
            return (sf.logGamma(r + xv) - lgR, sf.digamma(r + xv) - psR, g2, psAB - psABX, db)
        }
        let lnAlpha = Double.log(alpha), lnA = Double.log(a)
        var ll = 0.0, g = [0.0, 0.0, 0.0, 0.0]
        for i in 0..<count {
            let k = terms[distinct.slot[i]], xi = x[i]
            let lnT = Double.log(alpha + T[i])
            let a3 = -(r + xi) * lnT
            var w4 = 0.0, lnTx = 0.0, tail = a3
            var aRatio = 0.0
            if xi > 0 {
                lnTx = Double.log(alpha + tx[i])
                let lnBx = Double.log(b + xi - 1)
                // e^(A₄)/a without forming ln a, so a = 0 works: (b+x−1)⁻¹(α+t_x)^−(r+x).
                let a4OverA = -lnBx - (r + xi) * lnTx
                if a > 0 {
                    let a4 = lnA + a4OverA
                    tail = max(a3, a4) + Double.log(Double.exp(a3 - max(a3, a4)) + Double.exp(a4 - max(a3, a4)))
                    w4 = Double.exp(a4 - tail)
                    aRatio = w4 / a
                } else {
                    aRatio = Double.exp(a4OverA - a3)
                }
                g[3] -= w4 / (b + xi - 1)
            }
            let w3 = 1 - w4
            ll += k.g1 + r * lnAlpha + k.g2 + tail
            g[0] += k.d1 + lnAlpha - w3 * lnT - w4 * lnTx
            g[1] += r / alpha - (r + xi) * (w3 / (alpha + T[i]) + w4 / (alpha + tx[i]))
            g[2] += k.da + aRatio
            g[3] += k.db
        }
        return (ll, g)
    }
}
