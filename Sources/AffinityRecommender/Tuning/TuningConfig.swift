import Foundation

/// What `Tuner` searches and how. Call `validate()` (the tuner does) before use.
public struct TuningConfig: Sendable, Equatable {
    /// The algorithms to search, in order (default: every one).
    public var algorithms: [TuningAlgorithm] = TuningAlgorithm.allCases
    /// Model fits on the validation split, over all algorithms (the final fit on all of the data
    /// is not counted): at least one per algorithm, at most 10000.
    public var budget: Int = 24
    /// The validation metric to maximize.
    public var metric = TuningMetric()
    /// Seeds the grid sample, the random validation split (data without timestamps) and ALS's initialization.
    public var seed: UInt64 = 42
    /// Worker threads for ALS, OpenBLAS threads for EASE, and scoring threads, 1...256.
    public var threads: Int = ProcessInfo.processInfo.activeProcessorCount
    /// How the validation split is carved: each user's last rows, or the last rows of all by time.
    public var validationSplit: ValidationScheme = .perUser
    /// The share of interactions held out for validation (each user's, or of all rows), 0 < F < 1.
    public var validationFraction: Double = 0.2
    /// EASE's memory limit (`EASEConfig.maxMemoryBytes`); nil = no limit.
    public var easeMaxMemoryBytes: Int?

    public init() {}

    /// Throws `RecommenderError.invalidParameter` naming the first bad field (its CLI flag without `--`).
    public func validate() throws(RecommenderError) {
        guard !algorithms.isEmpty, Set(algorithms).count == algorithms.count else {
            throw .invalidParameter(name: "algorithms", requirement: "at least one, each at most once",
                                    got: "'\(algorithms.map(\.rawValue).joined(separator: ","))'")
        }
        guard (algorithms.count...10_000).contains(budget) else {
            throw .invalidParameter(name: "budget", requirement: "between \(algorithms.count) (one fit per algorithm) and 10000",
                                    got: "\(budget)")
        }
        guard (1...1000).contains(metric.k) else { throw .invalidParameter(name: "metric", requirement: "K in 1...1000", got: "\(metric)") }
        guard (1...256).contains(threads) else { throw .invalidParameter(name: "threads", requirement: "between 1 and 256", got: "\(threads)") }
        guard validationFraction > 0, validationFraction < 1 else {
            throw .invalidParameter(name: "validation-fraction", requirement: "between 0 and 1 (exclusive)", got: "\(validationFraction)")
        }
        if let m = easeMaxMemoryBytes, m <= 0 { throw .invalidParameter(name: "max-memory", requirement: "positive", got: "\(m) bytes") }
    }

    /// The settings every trial starts from: defaults plus this config's seed, threads and memory limit.
    var baseSettings: TrialSettings {
        var s = TrialSettings()
        s.als.seed = seed
        s.als.threads = threads
        s.ease.threads = threads
        s.ease.maxMemoryBytes = easeMaxMemoryBytes
        return s
    }
}
