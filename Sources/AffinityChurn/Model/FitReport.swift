/// What an optimizer run did: the analogue of scikit-learn's `n_iter_` plus its
/// `ConvergenceWarning`s, as values the CLI prints and `--json` carries.
public struct FitReport: Sendable, Codable, Equatable {
    /// "newton" or "lbfgs".
    public var solver: String
    /// Optimizer iterations run.
    public var iterations: Int
    /// True when the gradient criterion was met within `maxIterations`.
    public var converged: Bool
    /// ‖∇f‖₂ / Σ sᵢ at the returned coefficients.
    public var gradientNorm: Double
    /// The objective (weighted summed log loss + penalty) at the returned coefficients.
    public var objective: Double
    /// Wall-clock seconds in the optimizer alone (no file loading or encoding).
    public var fitSeconds: Double
    /// Human-readable warnings (not converged, separable data, ...), each with a suggested fix.
    public var warnings: [String]

    public init(solver: String, iterations: Int, converged: Bool, gradientNorm: Double, objective: Double,
                fitSeconds: Double, warnings: [String]) {
        self.solver = solver
        self.iterations = iterations
        self.converged = converged
        self.gradientNorm = gradientNorm
        self.objective = objective
        self.fitSeconds = fitSeconds
        self.warnings = warnings
    }
}
