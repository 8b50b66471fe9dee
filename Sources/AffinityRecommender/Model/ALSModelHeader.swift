import Foundation

/// The JSON header of a model file: everything about a model except its arrays.
/// Keys are snake_case. Unknown keys are ignored on load, so later versions may add fields.
public struct ALSModelHeader: Codable, Sendable, Equatable {
    public var kind: String = "als"
    public var factors: Int
    public var users: Int
    public var items: Int
    public var nnz: Int
    public var iterations: Int
    public var regularization: Float
    /// How λ scales per row (`frequency`: λ·n); nil (key absent, as in older files) means `none`.
    public var regularizationScaling: RegularizationScaling? = nil
    public var alpha: Float
    /// How summed weights were reshaped before training (fold-in does the same); nil (key
    /// absent, as in older files) means `none`. The stored history keeps the untransformed sums.
    public var weightTransform: WeightTransform? = nil
    public var confidence: ConfidenceConvention
    /// Stored as "cholesky" or "cg".
    public var solver: ALSSolver.Name
    public var cgSteps: Int?
    public var seed: UInt64
    public var threads: Int
    /// FNV-1a 64 over the training matrix (shape, row pointers, columns, weights), hex.
    public var datasetFingerprint: String
    /// Where the training data came from (a path or preset), for people reading the header.
    public var datasetSource: String?
    /// ISO-8601 UTC time the model was created.
    public var createdAt: String
    /// Weight per event type used to build the training matrix (and by online fold-in): `EventWeights.byEvent`.
    public var eventWeights: [String: Float]
    /// Latest interaction time (Unix seconds) in the training data: events after it are
    /// replayed by the server on start. Nil when the input had no timestamps.
    public var trainingWatermark: Int64?
    /// The highest event-log sequence number folded into the training data, when trained
    /// from an event log (the server replays events after it); nil otherwise.
    public var trainingEventSequence: UInt64?
    public var fitSeconds: Double

    /// The scaling fold-in and training use: `regularizationScaling`, `none` when absent.
    public var scaling: RegularizationScaling { regularizationScaling ?? .none }

    /// The transform fold-in and training use: `weightTransform`, `none` when absent.
    public var transform: WeightTransform { weightTransform ?? .none }

    enum CodingKeys: String, CodingKey {
        case kind, factors, users, items, nnz, iterations, regularization, alpha, confidence, solver, seed, threads
        case cgSteps = "cg_steps"
        case regularizationScaling = "regularization_scaling"
        case weightTransform = "weight_transform"
        case datasetFingerprint = "dataset_fingerprint"
        case datasetSource = "dataset_source"
        case createdAt = "created_at"
        case eventWeights = "event_weights"
        case trainingWatermark = "training_watermark"
        case trainingEventSequence = "training_event_sequence"
        case fitSeconds = "fit_seconds"
    }
}
