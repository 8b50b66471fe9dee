/// Tolerances and error measures shared by the numeric tests.
///
/// Errors are measured in Double against references computed in Double, so the
/// reference contributes no error of its own at these sizes.
public enum Tolerance {
    /// √ulp(Float) = 2^-11.5 ≈ 3.45e-4: the default relative tolerance for Float32
    /// results. A length-k Float32 dot product carries at most about k·2^-24 relative
    /// error (≈ 6e-5 at k = 1000), so this leaves a margin of about 5× at the sizes the
    /// tests use while still catching any wrong index, transpose or scale.
    public static let float: Double = Double(Float.ulpOfOne).squareRoot()

    /// The largest |actual − expected| divided by `scale` (default: the largest |expected|,
    /// or 1 when that is 0). Returns +∞ when the counts differ or `actual` holds NaN.
    public static func maxRelativeError(_ actual: [Float], _ expected: [Double], scale: Double? = nil) -> Double {
        guard actual.count == expected.count else { return .infinity }
        let s = scale ?? max(expected.map(abs).max() ?? 0, .leastNormalMagnitude)
        var worst = 0.0
        for (a, e) in zip(actual, expected) {
            let d = abs(Double(a) - e)
            if d.isNaN { return .infinity }
            worst = max(worst, d)
        }
        return s == 0 ? worst : worst / s
    }

    /// Float convenience: compares against Float expectations.
    public static func maxRelativeError(_ actual: [Float], _ expected: [Float], scale: Double? = nil) -> Double {
        maxRelativeError(actual, expected.map(Double.init), scale: scale)
    }

    /// ‖v‖₂ in Double.
    public static func norm(_ v: [Double]) -> Double { v.reduce(0) { $0 + $1 * $1 }.squareRoot() }

    /// ‖a − b‖₂ / ‖b‖₂ in Double (‖a − b‖₂ when b = 0).
    public static func relativeNormError(_ a: [Float], _ b: [Double]) -> Double {
        guard a.count == b.count else { return .infinity }
        let diff = zip(a, b).map { Double($0) - $1 }
        let nb = norm(b)
        return nb == 0 ? norm(diff) : norm(diff) / nb
    }
}
