import AffinityRecommender
import ArgumentParser
import Foundation

/// The confidence flag's values (mirrors `ConfidenceConvention`).
enum ConfidenceName: String, CaseIterable, ExpressibleByArgument {
    case onePlusAlpha = "one-plus-alpha", alpha
}

/// The regularization-scaling flag's values (mirrors `RegularizationScaling`).
enum ScalingName: String, CaseIterable, ExpressibleByArgument {
    case none, frequency

    var scaling: RegularizationScaling { self == .frequency ? .frequency : .none }
}

/// The weight-transform flag's values (mirrors `WeightTransform.Kind`).
enum TransformName: String, CaseIterable, ExpressibleByArgument {
    case none, log1p, bm25

    var kind: WeightTransform.Kind { WeightTransform.Kind(rawValue: rawValue)! }
}

/// The solver flag's values.
enum SolverName: String, CaseIterable, ExpressibleByArgument {
    case cg, cholesky
}

/// ALS hyperparameters; `config()` builds the library's `ALSConfig`, which validates itself.
struct ALSOptions: ParsableArguments {
    @Option(help: "Latent factors per user and item (1...1024).")
    var factors: Int = 64

    @Option(help: "Full ALS sweeps (items then users; the last user half-step is exact), 1...10000.")
    var iterations: Int = 15

    @Option(help: "L2 regularization λ (≥ 0).")
    var regularization: Float = 0.01

    @Option(name: .customLong("regularization-scaling"),
            help: "λ per row: none (λ on every user and item) or frequency (λ·n, n = the row's positive-weight interactions, as Spark MLlib).")
    var regularizationScaling: ScalingName = .none

    @OptionGroup var transform: WeightTransformOptions

    @Option(help: "Confidence scale α (> 0): c = 1 + α·weight by default.")
    var alpha: Float = 1

    @Option(help: "Confidence convention: one-plus-alpha (c = 1 + α·w, Hu et al.) or alpha (c = α·w, as the Python library implicit).")
    var confidence: ConfidenceName = .onePlusAlpha

    @Option(help: "Least-squares solver: cg (conjugate gradient, warm-started) or cholesky (exact).")
    var solver: SolverName = .cg

    @Option(name: .customLong("cg-steps"), help: "Conjugate-gradient steps per row and half-sweep (1...1024).")
    var cgSteps: Int = 3

    @Option(help: "Worker threads (1...256; default: all cores). OpenBLAS runs single-threaded inside.")
    var threads: Int = ProcessInfo.processInfo.activeProcessorCount

    @Option(help: "Seed of the factor initialization (same seed and threads: same model).")
    var seed: UInt64 = 42

    @Flag(help: "Compute the training loss after every iteration (costs time).")
    var loss = false

    func config() -> ALSConfig {
        var c = ALSConfig()
        c.factors = factors
        c.iterations = iterations
        c.regularization = regularization
        c.regularizationScaling = regularizationScaling.scaling
        c.alpha = alpha
        c.confidence = confidence == .alpha ? .alpha : .onePlusAlpha
        c.solver = solver == .cholesky ? .cholesky : .conjugateGradient(steps: cgSteps)
        c.threads = threads
        c.seed = seed
        c.computeLoss = loss
        c.weightTransform = transform.transform
        return c
    }

    func validate() throws {
        do { try config().validate() } catch { throw ValidationError("--\(error.description)") }
    }
}
