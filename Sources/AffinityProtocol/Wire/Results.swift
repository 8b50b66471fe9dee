/// Result payloads of each op (`"result": {...}` in a successful reply), snake_case on the wire.

public struct AuthResult: Codable, Sendable, Equatable {
    public var role: Role
    public init(role: Role) { self.role = role }
}

public struct ScoredItem: Codable, Sendable, Equatable {
    public var item: String
    public var score: Float
    /// Only with `recommend … explain: true` (left out of the JSON otherwise).
    public var because: [BecauseItem]?
    public init(item: String, score: Float, because: [BecauseItem]? = nil) {
        self.item = item
        self.score = score
        self.because = because
    }
}

/// `recommend`, `recommend_items` and `similar_items`.
public struct RecommendResult: Codable, Sendable, Equatable {
    public var items: [ScoredItem]
    /// `model` or `popular_fallback`.
    public var source: String
    public var modelVersion: String

    enum CodingKeys: String, CodingKey {
        case items, source
        case modelVersion = "model_version"
    }

    public init(items: [ScoredItem], source: String, modelVersion: String) {
        self.items = items
        self.source = source
        self.modelVersion = modelVersion
    }
}

public struct FeedbackResult: Codable, Sendable, Equatable {
    public var seq: UInt64
    public init(seq: UInt64) { self.seq = seq }
}

public struct FeedbackBatchResult: Codable, Sendable, Equatable {
    public var firstSeq: UInt64
    public var count: Int
    enum CodingKeys: String, CodingKey {
        case firstSeq = "first_seq"
        case count
    }
    public init(firstSeq: UInt64, count: Int) { self.firstSeq = firstSeq; self.count = count }
}

public struct ChurnReason: Codable, Sendable, Equatable {
    public var feature: String
    public var value: String
    public var contribution: Double
    /// The reason in words for a model with binned features (`churn train --features auto`): the bin
    /// ("tenure ≤ 5") or an interaction's two cells; absent from the reply otherwise.
    public var label: String?
    public init(feature: String, value: String, contribution: Double, label: String? = nil) {
        self.feature = feature
        self.value = value
        self.contribution = contribution
        self.label = label
    }
}

public struct ChurnResult: Codable, Sendable, Equatable {
    public var probability: Double
    public var tier: String
    public var reasons: [ChurnReason]
    public init(probability: Double, tier: String, reasons: [ChurnReason]) {
        self.probability = probability
        self.tier = tier
        self.reasons = reasons
    }
}

public struct ChurnBatchResult: Codable, Sendable, Equatable {
    public var results: [ChurnResult]
    public init(results: [ChurnResult]) { self.results = results }
}

public struct ForgetResult: Codable, Sendable, Equatable {
    public var user: String
    public var eventsRemoved: Int
    public var hadFactors: Bool
    /// False for a user the server has never seen: nothing was forgotten and no tombstone written.
    public var known: Bool
    enum CodingKeys: String, CodingKey {
        case user, known
        case eventsRemoved = "events_removed"
        case hadFactors = "had_factors"
    }
    public init(user: String, eventsRemoved: Int, hadFactors: Bool, known: Bool = true) {
        self.user = user
        self.eventsRemoved = eventsRemoved
        self.hadFactors = hadFactors
        self.known = known
    }
}

/// `catalogOverlap`: the share of the new model's items the previous model knew (nil without a
/// previous model). Below `minimumCatalogOverlap` a reload is refused unless `force` is set.
public struct ReloadResult: Codable, Sendable, Equatable {
    public var modelVersion: String
    public var previousVersion: String?
    public var catalogOverlap: Double?
    public static let minimumCatalogOverlap = 0.5
    enum CodingKeys: String, CodingKey {
        case modelVersion = "model_version"
        case previousVersion = "previous_version"
        case catalogOverlap = "catalog_overlap"
    }
    public init(modelVersion: String, previousVersion: String?, catalogOverlap: Double? = nil) {
        self.modelVersion = modelVersion
        self.previousVersion = previousVersion
        self.catalogOverlap = catalogOverlap
    }
}

/// `health`: the status, and (for an authenticated caller, or without `--tokens`) the details.
/// The details are nil, and left out of the JSON, in a status-only reply.
public struct HealthResult: Codable, Sendable, Equatable {
    public var status: String
    public var `protocol`: String?
    public var modelLoaded: Bool?
    public var churnLoaded: Bool?
    enum CodingKeys: String, CodingKey {
        case status, `protocol`
        case modelLoaded = "model_loaded"
        case churnLoaded = "churn_loaded"
    }
    public init(status: String, modelLoaded: Bool, churnLoaded: Bool) {
        self.status = status
        self.protocol = ProtocolVersion.name
        self.modelLoaded = modelLoaded
        self.churnLoaded = churnLoaded
    }
    /// The status alone: the answer to a caller that has not authenticated.
    public init(status: String) {
        self.status = status
    }
}
