/// BG/NBD (Fader, Hardie & Lee 2005, "Counting your customers the easy way"): while alive, a
/// customer buys at Poisson rate λ ~ Gamma(r, α) (rate per day); after each purchase they
/// drop out with probability p ~ Beta(a, b).
///
/// a = 0 is the NBD limit (no dropout): reached when the likelihood is largest as a/(a+b) → 0,
/// where a and b are not identified (`CLVFitter` reports it); every customer is then alive.
public struct BGNBDParameters: Codable, Sendable, Equatable {
    public var r: Double
    public var alpha: Double
    public var a: Double
    public var b: Double

    public init(r: Double, alpha: Double, a: Double, b: Double) {
        self.r = r
        self.alpha = alpha
        self.a = a
        self.b = b
    }

    /// r, α, b > 0 and a ≥ 0, all finite.
    public var isValid: Bool {
        [r, alpha, a, b].allSatisfy(\.isFinite) && r > 0 && alpha > 0 && a >= 0 && b > 0
    }

    /// The mean dropout probability per purchase, a/(a+b).
    public var meanDropout: Double { a / (a + b) }
}
