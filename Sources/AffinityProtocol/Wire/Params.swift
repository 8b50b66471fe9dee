/// Parameters of each op, with snake_case wire keys. `validate()` checks ranges after decoding and
/// throws `ProtocolError.badRequest` naming the field.

public struct AuthParams: Codable, Sendable, Equatable {
    public var token: String
    public init(token: String) { self.token = token }
}

public struct RecommendParams: Codable, Sendable, Equatable {
    public var user: String
    public var k: Int?
    public var excludeSeen: Bool?
    public var categories: [String]?
    public var excludeCategories: [String]?
    public var excludeItems: [String]?
    public var maxPerCategory: Int?

    enum CodingKeys: String, CodingKey {
        case user, k, categories
        case excludeSeen = "exclude_seen"
        case excludeCategories = "exclude_categories"
        case excludeItems = "exclude_items"
        case maxPerCategory = "max_per_category"
    }

    public init(user: String, k: Int? = nil, excludeSeen: Bool? = nil, categories: [String]? = nil,
                excludeCategories: [String]? = nil, excludeItems: [String]? = nil, maxPerCategory: Int? = nil) {
        self.user = user
        self.k = k
        self.excludeSeen = excludeSeen
        self.categories = categories
        self.excludeCategories = excludeCategories
        self.excludeItems = excludeItems
        self.maxPerCategory = maxPerCategory
    }

    public func validate() throws(ProtocolError) {
        try Validate.nonEmpty(user, field: "user")
        try Validate.k(k)
        if let m = maxPerCategory, m < 1 {
            throw .badRequest(field: "max_per_category", expected: "an integer ≥ 1", got: "\(m)")
        }
    }
}

public struct RecommendItemsParams: Codable, Sendable, Equatable {
    public var items: [String]
    public var k: Int?
    public init(items: [String], k: Int? = nil) { self.items = items; self.k = k }

    public func validate() throws(ProtocolError) {
        if items.isEmpty { throw .badRequest(field: "items", expected: "a non-empty array of item ids", got: "[]") }
        try Validate.count(items.count, field: "items")
        try Validate.k(k)
    }
}

public struct SimilarItemsParams: Codable, Sendable, Equatable {
    public var item: String
    public var k: Int?
    public init(item: String, k: Int? = nil) { self.item = item; self.k = k }

    public func validate() throws(ProtocolError) {
        try Validate.nonEmpty(item, field: "item")
        try Validate.k(k)
    }
}

/// One feedback event. `timestamp` is Unix seconds; the server's clock is used when absent.
public struct FeedbackParams: Codable, Sendable, Equatable {
    public var user: String
    public var item: String
    public var event: String
    public var weight: Double?
    public var timestamp: Int64?

    public init(user: String, item: String, event: String, weight: Double? = nil, timestamp: Int64? = nil) {
        self.user = user
        self.item = item
        self.event = event
        self.weight = weight
        self.timestamp = timestamp
    }

    public func validate(prefix: String = "") throws(ProtocolError) {
        try Validate.nonEmpty(user, field: prefix + "user")
        try Validate.nonEmpty(item, field: prefix + "item")
        try Validate.nonEmpty(event, field: prefix + "event")
        if let w = weight, !(w.isFinite && w >= 0 && w <= 1e6) {
            throw .badRequest(field: prefix + "weight", expected: "a finite number between 0 and 1000000", got: "\(w)")
        }
    }
}

public struct FeedbackBatchParams: Codable, Sendable, Equatable {
    public var events: [FeedbackParams]
    public init(events: [FeedbackParams]) { self.events = events }

    public func validate() throws(ProtocolError) {
        if events.isEmpty { throw .badRequest(field: "events", expected: "a non-empty array of events", got: "[]") }
        try Validate.count(events.count, field: "events")
        for (i, e) in events.enumerated() { try e.validate(prefix: "events[\(i)].") }
    }
}

public struct ChurnScoreParams: Codable, Sendable, Equatable {
    public var customer: [String: JSONScalar]
    public init(customer: [String: JSONScalar]) { self.customer = customer }
}

public struct ChurnBatchParams: Codable, Sendable, Equatable {
    public var customers: [[String: JSONScalar]]
    public init(customers: [[String: JSONScalar]]) { self.customers = customers }

    public func validate() throws(ProtocolError) {
        try Validate.count(customers.count, field: "customers")
    }
}

/// `forget_user` and `export_user`.
public struct UserParams: Codable, Sendable, Equatable {
    public var user: String
    public init(user: String) { self.user = user }

    public func validate() throws(ProtocolError) { try Validate.nonEmpty(user, field: "user") }
}

public struct ReloadParams: Codable, Sendable, Equatable {
    public var path: String?
    public init(path: String? = nil) { self.path = path }
}

enum Validate {
    static func nonEmpty(_ s: String, field: String) throws(ProtocolError) {
        if s.isEmpty { throw .badRequest(field: field, expected: "a non-empty string", got: "\"\"") }
    }

    static func k(_ k: Int?) throws(ProtocolError) {
        if let k, !(1...ProtocolLimits.maxK).contains(k) {
            throw .badRequest(field: "k", expected: "an integer between 1 and \(ProtocolLimits.maxK)", got: "\(k)")
        }
    }

    static func count(_ n: Int, field: String) throws(ProtocolError) {
        if n > ProtocolLimits.maxBatch {
            throw .badRequest(field: field, expected: "at most \(ProtocolLimits.maxBatch) entries", got: "\(n)")
        }
    }
}
