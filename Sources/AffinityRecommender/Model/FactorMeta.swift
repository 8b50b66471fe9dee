/// `meta.json` beside imported factors (written by the Spark job, optional for numpy users):
/// the hyperparameters the factors were trained with. Every key is optional; unknown keys
/// are ignored. Keys follow Spark's parameter names where Spark has one.
public struct FactorMeta: Codable, Sendable, Equatable {
    /// Latent dimension; must equal the factor files' column count.
    public var rank: Int?
    /// Spark's `alpha`: the confidence scale α.
    public var alpha: Float?
    /// Spark's `regParam`: λ.
    public var regParam: Float?
    /// `none` or `frequency` (Spark's λ·n).
    public var regularizationScaling: RegularizationScaling?
    /// `one-plus-alpha` (Spark) or `alpha` (the library `implicit`).
    public var confidence: ConfidenceConvention?
    /// Spark's `maxIter`, recorded as the model's iterations.
    public var maxIter: Int?

    public init() {}

    enum CodingKeys: String, CodingKey {
        case rank, alpha, regParam, maxIter, confidence
        case regularizationScaling = "regularization_scaling"
    }
}
