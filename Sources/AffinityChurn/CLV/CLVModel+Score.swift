import RealModule

extension CLVModel {
    /// Scores every customer of `summary` over the next `horizonDays` days. The horizon is cut
    /// into 30-day periods (the last may be shorter); each period's expected purchases times the
    /// Gamma-Gamma expected spend are discounted by (1 + `annualDiscountRate`)^(end of period / 365).
    public func score(_ summary: CLVSummary, horizonDays: Int, annualDiscountRate: Double) throws(ChurnError) -> [CLVScore] {
        guard horizonDays >= 1 else { throw .invalidParameter(field: "horizonDays", expected: "≥ 1", got: "\(horizonDays)") }
        guard annualDiscountRate.isFinite, annualDiscountRate >= 0 else {
            throw .invalidParameter(field: "annualDiscountRate", expected: "a finite number ≥ 0", got: "\(annualDiscountRate)")
        }
        let ends = Array(stride(from: 30, to: horizonDays, by: 30)) + [horizonDays]
        return summary.customers.map { c in
            let spend = gammaGamma.conditionalExpectedSpend(frequency: c.frequency, monetary: c.monetary)
            var previous = 0.0, value = 0.0
            for end in ends {
                let cumulative = bgnbd.expectedPurchases(c, days: Double(end))
                value += (cumulative - previous) / Double.pow(1 + annualDiscountRate, Double(end) / 365)
                previous = cumulative
            }
            return CLVScore(customer: c, pAlive: bgnbd.pAlive(c), expectedPurchases: previous, expectedValue: value * spend)
        }
    }
}
