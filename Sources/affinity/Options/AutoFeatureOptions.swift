import AffinityChurn
import ArgumentParser

/// `churn train --features auto` and `--no-reason`.
struct AutoFeatureOptions: ParsableArguments {
    enum Mode: String, ExpressibleByArgument, CaseIterable { case plain, auto }

    @Option(name: .long, help: "Feature encoding: plain (numeric columns standardized, linear) or auto (numeric columns in quantile bins plus pairwise interactions chosen on the training rows; see docs/CHURN.md).")
    var features: Mode = .plain

    @Option(name: .long, help: "With --features auto: quantile bins per numeric column (2...100; default 10).")
    var bins: Int?

    @Option(name: .long, help: "With --features auto: at most this many pairwise interactions (0...100; 0 = none; default 8).")
    var interactions: Int?

    @Option(name: .customLong("no-reason"), help: "A column the model uses but never names as a reason (e.g. a country); repeat for more.")
    var noReason: [String] = []

    func validate() throws {
        if let bins, !(2...100).contains(bins) { throw ValidationError("--bins must be between 2 and 100; got \(bins)") }
        if let interactions, !(0...100).contains(interactions) {
            throw ValidationError("--interactions must be between 0 and 100; got \(interactions)")
        }
        if features == .plain && (bins != nil || interactions != nil) {
            throw ValidationError("--bins and --interactions apply to --features auto; add --features auto or remove them")
        }
    }

    /// `options` with the auto encoding and the reason exclusions applied.
    func apply(to options: FeatureOptions) -> FeatureOptions {
        var o = options
        if features == .auto {
            let defaults = AutoFeatures()
            o.auto = AutoFeatures(bins: bins ?? defaults.bins, interactions: interactions ?? defaults.interactions)
        }
        o.noReason = noReason
        return o
    }
}
