import RealModule

/// Gamma-function helpers for likelihoods (Double precision).
public enum SpecialFunctions {
    /// ln Γ(x) for x > 0 (swift-numerics' `logGamma`).
    public static func logGamma(_ x: Double) -> Double { Double.logGamma(x) }

    /// ψ(x) = d/dx ln Γ(x) for x > 0: the recurrence ψ(x) = ψ(x + 1) − 1/x up to x ≥ 8, then
    /// the asymptotic series ln x − 1/(2x) − Σ B₂ₖ/(2k·x²ᵏ) to x⁻¹⁴, whose error at x ≥ 8 is
    /// below 1e-16 relative. NaN for x ≤ 0 or NaN.
    public static func digamma(_ x: Double) -> Double {
        guard x > 0 else { return .nan }
        var x = x, shift = 0.0
        while x < 8 { shift -= 1 / x; x += 1 }
        let z = 1 / (x * x)
        // B₂/2, B₄/4, …, B₁₄/14 with alternating signs folded in.
        let series = z * (1.0 / 12 - z * (1.0 / 120 - z * (1.0 / 252 - z * (1.0 / 240 - z * (1.0 / 132
            - z * (691.0 / 32760 - z / 12))))))
        return shift + Double.log(x) - 0.5 / x - series
    }
}
