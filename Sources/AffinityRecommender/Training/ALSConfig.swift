import Foundation

/// How an interaction's weight w becomes a confidence c.
///
/// Preference is p = 1 when w > 0 and 0 otherwise; confidence multiplies the squared
/// error of that entry. Unobserved entries always have p = 0, c = 1.
public enum ConfidenceConvention: String, Sendable, Codable, CaseIterable {
    /// c = 1 + α·|w| (Hu, Koren & Volinsky 2008). Affinity's default: c ≥ 1, so every
    /// row's normal equations are positive definite for any λ > 0.
    case onePlusAlpha = "one-plus-alpha"
    /// c = α·|w|, the convention of the Python library `implicit` (its `alpha` scales the
    /// matrix it is given). Use it to compare results one to one.
    case alpha = "alpha"
}

/// The solver behind the one least-squares routine.
public enum ALSSolver: Sendable, Equatable, Hashable {
    /// Exact: forms the f×f normal matrix and solves it by Cholesky (LAPACK `sposv`).
    case cholesky
    /// Conjugate gradient, warm-started from the current factors, at most `steps` steps.
    case conjugateGradient(steps: Int)

    /// The solver's name in the model header and on the command line.
    public enum Name: String, Sendable, Codable, CaseIterable {
        case cholesky
        case conjugateGradient = "cg"
    }

    /// The name stored in the model header: `cholesky` or `cg`.
    public var name: Name {
        switch self {
        case .cholesky: return .cholesky
        case .conjugateGradient: return .conjugateGradient
        }
    }
}

/// Hyperparameters of implicit-feedback ALS. Call `validate()` (trainers do) before use.
public struct ALSConfig: Sendable, Equatable {
    /// Latent dimension f, 1...1024.
    public var factors: Int = 64
    /// Full sweeps (items then users; the last user half-step exact), 1...10000.
    public var iterations: Int = 15
    /// L2 penalty λ on every factor, ≥ 0 and finite.
    public var regularization: Float = 0.01
    /// λ on every row (`none`) or λ·n per row with n its positive-weight interactions (`frequency`, Spark's).
    public var regularizationScaling: RegularizationScaling = .none
    /// Confidence scale α, > 0 and finite.
    public var alpha: Float = 1
    /// How weights become confidences.
    public var confidence: ConfidenceConvention = .onePlusAlpha
    /// Exact Cholesky or warm-started conjugate gradient (default 3 steps); the final user
    /// half-step is always exact.
    public var solver: ALSSolver = .conjugateGradient(steps: 3)
    /// Worker threads, 1...256 (default: the machine's active processors).
    public var threads: Int = ProcessInfo.processInfo.activeProcessorCount
    /// Seed of the factor initialization.
    public var seed: UInt64 = 42
    /// Compute the training loss after every iteration (costs about one extra pass).
    public var computeLoss: Bool = false
    /// How each summed (user, item) weight is reshaped before it becomes a confidence; the
    /// trainer applies it to the matrix it is given, fold-in to each user's sums.
    public var weightTransform: WeightTransform = .none

    public init() {}

    /// Throws `RecommenderError.invalidParameter` naming the first field out of range.
    public func validate() throws(RecommenderError) {
        func bad(_ name: String, _ requirement: String, _ got: String) -> RecommenderError {
            .invalidParameter(name: name, requirement: requirement, got: got)
        }
        guard (1...1024).contains(factors) else { throw bad("factors", "between 1 and 1024", "\(factors)") }
        guard (1...10_000).contains(iterations) else { throw bad("iterations", "between 1 and 10000", "\(iterations)") }
        guard regularization.isFinite, regularization >= 0 else {
            throw bad("regularization", "a finite number ≥ 0", "\(regularization)")
        }
        guard alpha.isFinite, alpha > 0 else { throw bad("alpha", "a finite number > 0", "\(alpha)") }
        if case .conjugateGradient(let steps) = solver, !(1...1024).contains(steps) {
            throw bad("cg-steps", "between 1 and 1024", "\(steps)")
        }
        guard (1...256).contains(threads) else { throw bad("threads", "between 1 and 256", "\(threads)") }
        try weightTransform.validate()
    }
}
