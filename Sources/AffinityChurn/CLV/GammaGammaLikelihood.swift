import AffinityNumerics
import RealModule

/// The Gamma-Gamma log-likelihood of the customers with x > 0 repeat purchases of mean m̄ > 0
/// and its gradient (Fader, Hardie & Lee 2005, "RFM and CLV", eq. 3 integrated over ν):
///
///     ln L = ln Γ(px+q) − ln Γ(px) − ln Γ(q) + q ln v + (px−1) ln m̄ + px ln x − (px+q) ln(v + x m̄)
struct GammaGammaLikelihood: Sendable {
    let x: [Double], m: [Double]
    let distinct: DistinctValues

    /// Keeps only customers with frequency > 0 and monetary > 0 (the model's domain).
    init(_ customers: [CLVCustomer]) {
        let kept = customers.filter { $0.frequency > 0 && $0.monetary > 0 }
        x = kept.map(\.frequency)
        m = kept.map(\.monetary)
        distinct = DistinctValues(x)
    }

    var count: Int { x.count }

    /// The summed log-likelihood and its gradient with respect to (p, q, v).
    func evaluate(_ g: GammaGammaParameters) -> (value: Double, gradient: [Double]) {
        let (p, q, v) = (g.p, g.q, g.v)
        let sf = SpecialFunctions.self
        let lgQ = sf.logGamma(q), psQ = sf.digamma(q), lnV = Double.log(v)
        let terms = distinct.values.map { (xv: Double) -> (lg: Double, psSum: Double, psPx: Double) in
            (sf.logGamma(p * xv + q) - sf.logGamma(p * xv), sf.digamma(p * xv + q), sf.digamma(p * xv))
        }
        var ll = 0.0, grad = [0.0, 0.0, 0.0]
        for i in 0..<count {
            let k = terms[distinct.slot[i]], xi = x[i], lnM = Double.log(m[i]), lnVXM = Double.log(v + xi * m[i])
            ll += k.lg - lgQ + q * lnV + (p * xi - 1) * lnM + p * xi * Double.log(xi) - (p * xi + q) * lnVXM
            grad[0] += xi * (k.psSum - k.psPx + lnM + Double.log(xi) - lnVXM)
            grad[1] += k.psSum - psQ + lnV - lnVXM
            grad[2] += q / v - (p * xi + q) / (v + xi * m[i])
        }
        return (ll, grad)
    }
}
