import Foundation

/// The JSON header of an EASE model file (kind "ease"). Keys are snake_case and shared with
/// `ALSModelHeader` where the meaning is the same; unknown keys are ignored on load.
public struct EASEModelHeader: Codable, Sendable, Equatable {
    public var kind: String = "ease"
    public var users: Int
    public var items: Int
    public var nnz: Int
    /// λ added to the diagonal of XᵀX.
    public var l2: Double
    /// The transform of each summed weight in X, at training and scoring; absent means `none`
    /// (files written before it existed).
    public var weightTransform: WeightTransform? = nil
    /// Precision of the Gram matrix and its inverse ("float64"); B is stored as float32.
    public var inversePrecision: String = "float64"
    public var threads: Int
    /// FNV-1a 64 over the training matrix, as `ALSModel.fingerprint`.
    public var datasetFingerprint: String
    public var datasetSource: String?
    /// ISO-8601 UTC time the model was trained.
    public var createdAt: String
    /// Weight per event type used to build the users' history rows x_u (and by per-click learning).
    public var eventWeights: [String: Float]
    /// Latest interaction time (Unix seconds) in the training data; nil without timestamps.
    public var trainingWatermark: Int64?
    public var fitSeconds: Double

    /// The transform training and scoring use: `weightTransform`, `none` when absent.
    public var transform: WeightTransform { weightTransform ?? .none }

    enum CodingKeys: String, CodingKey {
        case kind, users, items, nnz, l2, threads
        case weightTransform = "weight_transform"
        case inversePrecision = "inverse_precision"
        case datasetFingerprint = "dataset_fingerprint"
        case datasetSource = "dataset_source"
        case createdAt = "created_at"
        case eventWeights = "event_weights"
        case trainingWatermark = "training_watermark"
        case fitSeconds = "fit_seconds"
    }
}
