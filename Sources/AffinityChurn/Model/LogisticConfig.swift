/// Settings for `LogisticRegression.fit`. Call `validate()` (the trainer does) before use.
///
/// The objective is Σᵢ sᵢ·logloss(yᵢ, xᵢ·w + b) + (l2 / 2)·‖w‖², with sᵢ the sample
/// (class) weight and the intercept b not penalized. This is scikit-learn's
/// `LogisticRegression(C=1/l2)` objective exactly: `--l2 1.0` is `C=1`.
public struct LogisticConfig: Sendable, Codable, Equatable {
    /// How rows are weighted by class.
    public enum ClassWeight: String, Sendable, Codable, CaseIterable {
        /// Every row counts once.
        case none
        /// Rows of class c count n / (2·n_c), as scikit-learn's `class_weight="balanced"`.
        case balanced
    }

    /// Which optimizer runs.
    public enum Solver: String, Sendable, Codable, CaseIterable {
        /// Newton for up to `newtonMaxFeatures` design columns, L-BFGS above.
        case auto
        /// Newton/IRLS: XᵀWX by blocked syrk, Cholesky solve, backtracking line search.
        case newton
        /// Limited-memory BFGS with an Armijo line search; for wide data.
        case lbfgs
    }

    /// L2 penalty strength λ (≥ 0) on the coefficients, not on the intercept.
    public var l2: Double = 1.0
    public var classWeight: ClassWeight = .none
    public var solver: Solver = .auto
    /// Stop when max |∂f/∂w| / Σ sᵢ falls below this (scikit-learn's `tol` scale).
    public var tolerance: Double = 1e-5
    /// Upper bound on optimizer iterations (Newton steps or L-BFGS steps).
    public var maxIterations: Int = 100
    /// Worker threads for the gradient/Hessian passes; results depend only on this and the data.
    public var threads: Int = 1
    /// Correction pairs kept by L-BFGS.
    public var lbfgsMemory: Int = 10
    /// `.auto` uses Newton up to this many design columns.
    public var newtonMaxFeatures: Int = 1500
    /// Fit an unpenalized intercept.
    public var fitIntercept: Bool = true

    public init() {}

    /// Throws `ChurnError.invalidParameter` naming the first bad field, its range and its value.
    public func validate() throws(ChurnError) {
        if !(l2.isFinite && l2 >= 0) {
            throw .invalidParameter(field: "LogisticConfig.l2", expected: "a finite number ≥ 0", got: "\(l2)")
        }
        if !(tolerance.isFinite && tolerance > 0 && tolerance < 1) {
            throw .invalidParameter(field: "LogisticConfig.tolerance", expected: "in (0, 1)", got: "\(tolerance)")
        }
        if !(1...100_000).contains(maxIterations) {
            throw .invalidParameter(field: "LogisticConfig.maxIterations", expected: "between 1 and 100000", got: "\(maxIterations)")
        }
        if !(1...256).contains(threads) {
            throw .invalidParameter(field: "LogisticConfig.threads", expected: "between 1 and 256", got: "\(threads)")
        }
        if !(1...100).contains(lbfgsMemory) {
            throw .invalidParameter(field: "LogisticConfig.lbfgsMemory", expected: "between 1 and 100", got: "\(lbfgsMemory)")
        }
        if !(1...20_000).contains(newtonMaxFeatures) {
            throw .invalidParameter(field: "LogisticConfig.newtonMaxFeatures", expected: "between 1 and 20000", got: "\(newtonMaxFeatures)")
        }
    }
}
