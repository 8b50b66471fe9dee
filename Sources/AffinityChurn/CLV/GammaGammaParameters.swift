/// Gamma-Gamma spend model (Fader, Hardie & Lee 2005, "RFM and CLV", after Colombo & Jiang
/// 1999): a customer's purchase values are Gamma(p, ν) with ν ~ Gamma(q, v) across customers,
/// so the mean spend per purchase has population mean p·v/(q − 1) (finite only for q > 1).
/// Assumes spend is independent of purchase frequency.
public struct GammaGammaParameters: Codable, Sendable, Equatable {
    public var p: Double
    public var q: Double
    public var v: Double

    public init(p: Double, q: Double, v: Double) {
        self.p = p
        self.q = q
        self.v = v
    }

    public var isValid: Bool { [p, q, v].allSatisfy(\.isFinite) && p > 0 && q > 0 && v > 0 }

    /// E[M | x, m̄] = (q − 1)/(p·x + q − 1) · p·v/(q − 1) + p·x/(p·x + q − 1) · m̄
    ///            = p·(v + x·m̄)/(p·x + q − 1):
    /// a weighted mean of the population mean and the customer's own mean m̄ over x repeat
    /// purchases. With x = 0 it is the population mean. NaN when q ≤ 1 and x = 0.
    public func conditionalExpectedSpend(frequency x: Double, monetary m: Double) -> Double {
        let denominator = p * x + q - 1
        return denominator > 0 ? p * (v + x * m) / denominator : .nan
    }
}
