import AffinityData
import AffinityNumerics
import RealModule

/// Fits BG/NBD and Gamma-Gamma to a summary table by maximum likelihood: L-BFGS on the
/// log-parameters (`BoundedLBFGS`, each in [ln 1e-8, ln 1e8]) with analytic gradients.
///
/// BG/NBD is fitted twice: with all four parameters and in its NBD limit (a = 0, two
/// parameters). When the limit's likelihood is at least the 4-parameter fit's, the optimum
/// lies on the boundary a/(a+b) → 0; the limit is reported (`CLVModel.nbdLimit`) instead of
/// an arbitrary point where the optimiser stalled on the flat ridge.
public enum CLVFitter {
    public static func fit(_ summary: CLVSummary) throws(ChurnError) -> CLVModel {
        let began = ContinuousClock.now
        let bg = BGNBDLikelihood(summary.customers)
        let gg = GammaGammaLikelihood(summary.customers)
        guard gg.count > 0 else {
            throw .invalid("no customer has a repeat purchase day with positive revenue; Gamma-Gamma needs some (choose a later --calibration-end)")
        }
        var notes: [String] = []
        let (bgnbd, ll, limit) = fitBGNBD(bg, notes: &notes)
        let (spend, ggLL) = fitGammaGamma(gg, notes: &notes)
        if spend.q <= 1 {
            notes.append("Gamma-Gamma q = \(spend.q) ≤ 1: the population mean spend is infinite, so customers without repeat purchases get no expected value")
        }
        guard bgnbd.isValid, spend.isValid, ll.isFinite, ggLL.isFinite else {
            throw .nonFinite(what: "CLV parameters (the fit diverged; check the transactions' quantities and prices)")
        }
        return CLVModel(bgnbd: bgnbd, gammaGamma: spend, nbdLimit: limit, customers: bg.count, gammaGammaCustomers: gg.count,
                        logLikelihood: ll, gammaGammaLogLikelihood: ggLL,
                        calibrationEnd: CLVSummary.text(summary.calibrationEndDay),
                        fitSeconds: began.duration(to: .now).inSeconds, notes: notes)
    }

    static func fitBGNBD(_ bg: BGNBDLikelihood, notes: inout [String]) -> (BGNBDParameters, Double, Bool) {
        let meanT = bg.T.reduce(0, +) / Double(bg.count), meanX = bg.x.reduce(0, +) / Double(bg.count)
        let alpha0 = max(1, meanT / max(meanX, 0.1))
        let full = maximize(start: [1, alpha0, 1, 3], count: bg.count, notes: &notes, what: "BG/NBD") {
            bg.evaluate(BGNBDParameters(r: $0[0], alpha: $0[1], a: $0[2], b: $0[3]))
        }
        let nbd = maximize(start: [full.point[0], full.point[1]], count: bg.count, notes: &notes, what: "NBD") {
            let e = bg.evaluate(BGNBDParameters(r: $0[0], alpha: $0[1], a: 0, b: 1))
            return (e.value, Array(e.gradient.prefix(2)))
        }
        let p = full.point
        guard nbd.value >= full.value - 1e-6 else {
            return (BGNBDParameters(r: p[0], alpha: p[1], a: p[2], b: p[3]), full.value, false)
        }
        notes.append("BG/NBD: the likelihood is largest as a/(a+b) → 0 (the NBD limit, no dropout); a and b are not identified there. "
            + "Reporting a = 0, under which P(alive) = 1 for every customer; the 4-parameter fit stopped at a = \(p[2]), b = \(p[3]) "
            + "with log-likelihood \(full.value) ≤ the limit's \(nbd.value).")
        return (BGNBDParameters(r: nbd.point[0], alpha: nbd.point[1], a: 0, b: p[3]), nbd.value, true)
    }

    static func fitGammaGamma(_ gg: GammaGammaLikelihood, notes: inout [String]) -> (GammaGammaParameters, Double) {
        let meanM = gg.m.reduce(0, +) / Double(gg.count)
        let fit = maximize(start: [1, 3, 2 * meanM], count: gg.count, notes: &notes, what: "Gamma-Gamma") {
            gg.evaluate(GammaGammaParameters(p: $0[0], q: $0[1], v: $0[2]))
        }
        return (GammaGammaParameters(p: fit.point[0], q: fit.point[1], v: fit.point[2]), fit.value)
    }

    /// Maximises a summed log-likelihood over positive parameters: minimises −ℓ/n in θ = ln(params),
    /// whose gradient is −(∂ℓ/∂params ⊙ params)/n. Returns the parameters and ℓ.
    static func maximize(start: [Double], count: Int, notes: inout [String], what: String,
                         _ logLikelihood: ([Double]) -> (value: Double, gradient: [Double])) -> (point: [Double], value: Double) {
        let n = Double(count)
        var options = BoundedLBFGS.Options()
        options.gradientTolerance = 1e-9
        options.maxIterations = 2000
        let bound = Double.log(1e8)
        let result = BoundedLBFGS.minimize(start: start.map { Double.log($0) }, lower: start.map { _ in -bound },
                                           upper: start.map { _ in bound }, options: options) { theta in
            let params = theta.map { Double.exp($0) }
            let e = logLikelihood(params)
            return (-e.value / n, zip(e.gradient, params).map { -$0 * $1 / n })
        }
        if !result.converged {
            notes.append("\(what): the optimiser stopped after \(result.iterations) iterations without meeting the gradient tolerance "
                + "(largest log-parameter gradient \(result.gradient.maxMagnitude)); the parameters are the best found")
        }
        return (result.point.map { Double.exp($0) }, -result.value * n)
    }
}
