/// Result payloads of the operator ops: `export_user`, `model_info`, `stats`.

public struct ExportedEvent: Codable, Sendable, Equatable {
    public var seq: UInt64
    public var item: String
    public var event: String
    public var weight: Double
    public var timestamp: Int64
    public init(seq: UInt64, item: String, event: String, weight: Double, timestamp: Int64) {
        self.seq = seq
        self.item = item
        self.event = event
        self.weight = weight
        self.timestamp = timestamp
    }
}

/// One training interaction of the user as stored in the model.
public struct HistoryEntry: Codable, Sendable, Equatable {
    public var item: String
    public var weight: Double
    public init(item: String, weight: Double) { self.item = item; self.weight = weight }
}

public struct ExportResult: Codable, Sendable, Equatable {
    public var user: String
    public var events: [ExportedEvent]
    public var history: [HistoryEntry]
    /// Null (not absent) when the user has no factors.
    public var factors: [Float]?
    /// False for a user the server has never seen (not in the model's training data, no event, no tombstone).
    public var known: Bool

    enum CodingKeys: String, CodingKey { case user, events, history, factors, known }

    public init(user: String, events: [ExportedEvent], history: [HistoryEntry], factors: [Float]?, known: Bool = true) {
        self.user = user
        self.events = events
        self.history = history
        self.factors = factors
        self.known = known
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(user, forKey: .user)
        try c.encode(events, forKey: .events)
        try c.encode(history, forKey: .history)
        if let factors { try c.encode(factors, forKey: .factors) } else { try c.encodeNil(forKey: .factors) }
        try c.encode(known, forKey: .known)
    }
}

public struct ModelInfoResult: Codable, Sendable, Equatable {
    public var modelVersion: String?
    public var modelPath: String?
    public var users: Int
    public var items: Int
    public var factors: Int
    public var factorBytes: Int
    public var hyperparameters: [String: String]
    public var eventWeights: [String: Double]
    public var trainedAt: String?
    /// The highest event-log sequence number the model was trained on (0: trained from files only);
    /// the server replays logged events with a higher sequence number.
    public var eventWatermark: UInt64
    /// The latest interaction timestamp in the training data (Unix seconds), nil when unknown.
    public var trainedThrough: Int64?
    /// The old name of `eventWatermark`, still sent (same value) so existing clients keep working.
    public var watermark: UInt64
    public var eventsSinceTraining: UInt64
    public var churnModel: String?
    /// Up to 100 user and item ids of the model, for load generators and smoke tests.
    public var sampleUsers: [String]
    public var sampleItems: [String]

    enum CodingKeys: String, CodingKey {
        case users, items, factors, hyperparameters, watermark
        case sampleUsers = "sample_users"
        case sampleItems = "sample_items"
        case modelVersion = "model_version"
        case modelPath = "model_path"
        case factorBytes = "factor_bytes"
        case eventWeights = "event_weights"
        case trainedAt = "trained_at"
        case eventWatermark = "event_watermark"
        case trainedThrough = "trained_through"
        case eventsSinceTraining = "events_since_training"
        case churnModel = "churn_model"
    }

    public init(modelVersion: String?, modelPath: String?, users: Int, items: Int, factors: Int, factorBytes: Int,
                hyperparameters: [String: String], eventWeights: [String: Double], trainedAt: String?,
                eventWatermark: UInt64, trainedThrough: Int64?, eventsSinceTraining: UInt64, churnModel: String?,
                sampleUsers: [String] = [], sampleItems: [String] = []) {
        self.sampleUsers = sampleUsers
        self.sampleItems = sampleItems
        self.modelVersion = modelVersion
        self.modelPath = modelPath
        self.users = users
        self.items = items
        self.factors = factors
        self.factorBytes = factorBytes
        self.hyperparameters = hyperparameters
        self.eventWeights = eventWeights
        self.trainedAt = trainedAt
        self.eventWatermark = eventWatermark
        self.trainedThrough = trainedThrough
        watermark = eventWatermark
        self.eventsSinceTraining = eventsSinceTraining
        self.churnModel = churnModel
    }
}

public struct LatencySummary: Codable, Sendable, Equatable {
    public var p50Ms: Double
    public var p99Ms: Double
    public var p999Ms: Double
    enum CodingKeys: String, CodingKey {
        case p50Ms = "p50_ms"
        case p99Ms = "p99_ms"
        case p999Ms = "p999_ms"
    }
    public init(p50Ms: Double, p99Ms: Double, p999Ms: Double) {
        self.p50Ms = p50Ms
        self.p99Ms = p99Ms
        self.p999Ms = p999Ms
    }
}

public struct StatsResult: Codable, Sendable, Equatable {
    public var requests: UInt64
    public var errors: [String: UInt64]
    public var latency: LatencySummary
    public var eventsIngested: UInt64
    public var connections: Int
    public var uptimeSeconds: Double
    /// `recommend` scoring passes and the requests they scored (mean batch = batched / batches).
    public var recommendBatches: UInt64?
    public var recommendsBatched: UInt64?
    /// The shared event store this replica follows (absent without `--events`).
    public var store: StoreStatus?

    enum CodingKeys: String, CodingKey {
        case requests, errors, latency, connections, store
        case eventsIngested = "events_ingested"
        case uptimeSeconds = "uptime_seconds"
        case recommendBatches = "recommend_batches"
        case recommendsBatched = "recommends_batched"
    }

    public init(requests: UInt64, errors: [String: UInt64], latency: LatencySummary, eventsIngested: UInt64,
                connections: Int, uptimeSeconds: Double, recommendBatches: UInt64? = nil, recommendsBatched: UInt64? = nil,
                store: StoreStatus? = nil) {
        self.requests = requests
        self.errors = errors
        self.latency = latency
        self.eventsIngested = eventsIngested
        self.connections = connections
        self.uptimeSeconds = uptimeSeconds
        self.recommendBatches = recommendBatches
        self.recommendsBatched = recommendsBatched
        self.store = store
    }
}
