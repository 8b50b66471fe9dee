/// EASE hyperparameters and limits (Steck 2019, "Embarrassingly Shallow Autoencoders").
public struct EASEConfig: Sendable, Equatable {
    /// λ added to the diagonal of the item Gram matrix XᵀX before inverting (> 0). Larger values
    /// shrink the item–item weights; Steck used 500 on MovieLens-20M and Netflix.
    public var l2: Double = 500
    /// How each user's summed weight per item is reshaped before it enters X, in training and in
    /// every score (the ALS routine, `WeightTransform`); `none` keeps X as the summed weights.
    public var weightTransform: WeightTransform = .none
    /// OpenBLAS threads for the Gram update and the inverse (1...256).
    public var threads: Int = 1
    /// Refuse to train when `EASETrainer.requiredBytes(items:)` exceeds this; nil = no limit.
    public var maxMemoryBytes: Int?

    public init(l2: Double = 500, weightTransform: WeightTransform = .none, threads: Int = 1, maxMemoryBytes: Int? = nil) {
        self.l2 = l2
        self.weightTransform = weightTransform
        self.threads = threads
        self.maxMemoryBytes = maxMemoryBytes
    }

    /// Checks every field; the parameter names are the CLI flags without `--`.
    public func validate() throws(RecommenderError) {
        guard l2.isFinite, l2 > 0 else { throw .invalidParameter(name: "l2", requirement: "a finite number > 0", got: "\(l2)") }
        try weightTransform.validate()
        guard (1...256).contains(threads) else { throw .invalidParameter(name: "threads", requirement: "between 1 and 256", got: "\(threads)") }
        if let m = maxMemoryBytes, m <= 0 { throw .invalidParameter(name: "max-memory", requirement: "positive", got: "\(m) bytes") }
    }
}
