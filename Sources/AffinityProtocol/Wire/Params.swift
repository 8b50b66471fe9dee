/// Parameters of each op, with snake_case wire keys. `validate()` checks ranges after decoding and
/// throws `ProtocolError.badRequest` naming the field. `fields` lists the keys each op accepts
/// (besides `id` and `op`); any other key is a `bad_request` naming it.

public struct AuthParams: Codable, Sendable, Equatable {
    public var token: String
    public init(token: String) { self.token = token }
    enum CodingKeys: String, CodingKey, CaseIterable { case token }
    static var fields: [String] { CodingKeys.allCases.map(\.stringValue) }
}

public struct RecommendParams: Codable, Sendable, Equatable {
    public var user: String
    public var k: Int?
    public var excludeSeen: Bool?
    public var categories: [String]?
    public var excludeCategories: [String]?
    public var excludeItems: [String]?
    public var maxPerCategory: Int?
    /// Each item carries `because`: the history items that contribute most to its score.
    public var explain: Bool?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case user, k
        case excludeSeen = "exclude_seen"
        case categories
        case excludeCategories = "exclude_categories"
        case excludeItems = "exclude_items"
        case maxPerCategory = "max_per_category"
        case explain
    }
    static var fields: [String] { CodingKeys.allCases.map(\.stringValue) }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        user = try c.decode(String.self, forKey: .user)
        k = try WireFields.integer(Int.self, c, .k, expected: Validate.kExpected)
        excludeSeen = try c.decodeIfPresent(Bool.self, forKey: .excludeSeen)
        categories = try c.decodeIfPresent([String].self, forKey: .categories)
        excludeCategories = try c.decodeIfPresent([String].self, forKey: .excludeCategories)
        excludeItems = try c.decodeIfPresent([String].self, forKey: .excludeItems)
        maxPerCategory = try WireFields.integer(Int.self, c, .maxPerCategory, expected: "an integer ≥ 1")
        explain = try c.decodeIfPresent(Bool.self, forKey: .explain)
    }

    public init(user: String, k: Int? = nil, excludeSeen: Bool? = nil, categories: [String]? = nil,
                excludeCategories: [String]? = nil, excludeItems: [String]? = nil, maxPerCategory: Int? = nil,
                explain: Bool? = nil) {
        self.user = user
        self.k = k
        self.excludeSeen = excludeSeen
        self.categories = categories
        self.excludeCategories = excludeCategories
        self.excludeItems = excludeItems
        self.maxPerCategory = maxPerCategory
        self.explain = explain
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
    enum CodingKeys: String, CodingKey, CaseIterable { case items, k }
    static var fields: [String] { CodingKeys.allCases.map(\.stringValue) }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        items = try c.decode([String].self, forKey: .items)
        k = try WireFields.integer(Int.self, c, .k, expected: Validate.kExpected)
    }

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
    enum CodingKeys: String, CodingKey, CaseIterable { case item, k }
    static var fields: [String] { CodingKeys.allCases.map(\.stringValue) }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        item = try c.decode(String.self, forKey: .item)
        k = try WireFields.integer(Int.self, c, .k, expected: Validate.kExpected)
    }

    public func validate() throws(ProtocolError) {
        try Validate.nonEmpty(item, field: "item")
        try Validate.k(k)
    }
}

/// One feedback event. `timestamp` is Unix seconds within `ProtocolLimits.timestampRange`; the
/// server's clock is used when absent.
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

    enum CodingKeys: String, CodingKey, CaseIterable { case user, item, event, weight, timestamp }
    static var fields: [String] { CodingKeys.allCases.map(\.stringValue) }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        user = try c.decode(String.self, forKey: .user)
        item = try c.decode(String.self, forKey: .item)
        event = try c.decode(String.self, forKey: .event)
        weight = try WireFields.number(c, .weight, expected: Validate.weightExpected)
        timestamp = try WireFields.integer(Int64.self, c, .timestamp, expected: Validate.timestampExpected)
    }

    public func validate(prefix: String = "") throws(ProtocolError) {
        try Validate.nonEmpty(user, field: prefix + "user")
        try Validate.nonEmpty(item, field: prefix + "item")
        try Validate.nonEmpty(event, field: prefix + "event")
        if let w = weight, !(w.isFinite && w >= 0 && w <= 1e6) {
            throw .badRequest(field: prefix + "weight", expected: Validate.weightExpected, got: "\(w)")
        }
        if let t = timestamp { try Validate.timestamp(t, field: prefix + "timestamp") }
    }
}

public struct FeedbackBatchParams: Codable, Sendable, Equatable {
    public var events: [FeedbackParams]
    public init(events: [FeedbackParams]) { self.events = events }
    enum CodingKeys: String, CodingKey, CaseIterable { case events }
    static var fields: [String] { CodingKeys.allCases.map(\.stringValue) }

    /// Each event is checked for unknown fields, so an error names it as `events[i].field`.
    public init(from decoder: any Decoder) throws {
        var list = try decoder.container(keyedBy: CodingKeys.self).nestedUnkeyedContainer(forKey: .events)
        var events: [FeedbackParams] = []
        while !list.isAtEnd {
            let element = try list.superDecoder()
            try WireFields.requireKnown(element, allowed: FeedbackParams.fields, of: "an event")
            events.append(try FeedbackParams(from: element))
        }
        self.events = events
    }

    public func validate() throws(ProtocolError) {
        if events.isEmpty { throw .badRequest(field: "events", expected: "a non-empty array of events", got: "[]") }
        try Validate.count(events.count, field: "events")
        for (i, e) in events.enumerated() { try e.validate(prefix: "events[\(i)].") }
    }
}

public struct ChurnScoreParams: Codable, Sendable, Equatable {
    public var customer: [String: JSONScalar]
    public init(customer: [String: JSONScalar]) { self.customer = customer }
    enum CodingKeys: String, CodingKey, CaseIterable { case customer }
    static var fields: [String] { CodingKeys.allCases.map(\.stringValue) }
}

public struct ChurnBatchParams: Codable, Sendable, Equatable {
    public var customers: [[String: JSONScalar]]
    public init(customers: [[String: JSONScalar]]) { self.customers = customers }
    enum CodingKeys: String, CodingKey, CaseIterable { case customers }
    static var fields: [String] { CodingKeys.allCases.map(\.stringValue) }

    public func validate() throws(ProtocolError) {
        try Validate.count(customers.count, field: "customers")
    }
}

/// `forget_user` and `export_user`.
public struct UserParams: Codable, Sendable, Equatable {
    public var user: String
    public init(user: String) { self.user = user }
    enum CodingKeys: String, CodingKey, CaseIterable { case user }
    static var fields: [String] { CodingKeys.allCases.map(\.stringValue) }

    public func validate() throws(ProtocolError) { try Validate.nonEmpty(user, field: "user") }
}

/// `force` allows a model whose item catalogue differs from the current one (see `ReloadResult`).
public struct ReloadParams: Codable, Sendable, Equatable {
    public var path: String?
    public var force: Bool?
    public init(path: String? = nil, force: Bool? = nil) { self.path = path; self.force = force }
    enum CodingKeys: String, CodingKey, CaseIterable { case path, force }
    static var fields: [String] { CodingKeys.allCases.map(\.stringValue) }
}

enum Validate {
    static func nonEmpty(_ s: String, field: String) throws(ProtocolError) {
        if s.isEmpty { throw .badRequest(field: field, expected: "a non-empty string", got: "\"\"") }
    }

    static let kExpected = "an integer between 1 and \(ProtocolLimits.maxK)"
    static let weightExpected = "a finite number between 0 and 1000000"
    static let timestampExpected = "Unix seconds between \(ProtocolLimits.timestampRange.lowerBound) (2000-01-01T00:00:00Z) and \(ProtocolLimits.timestampRange.upperBound) (2099-12-31T23:59:59Z)"

    static func k(_ k: Int?) throws(ProtocolError) {
        if let k, !(1...ProtocolLimits.maxK).contains(k) {
            throw .badRequest(field: "k", expected: kExpected, got: "\(k)")
        }
    }

    /// A timestamp outside the window; one that would fit it divided by 1000 was sent in milliseconds.
    static func timestamp(_ t: Int64, field: String) throws(ProtocolError) {
        let window = ProtocolLimits.timestampRange
        guard !window.contains(t) else { return }
        let hint = t / 1000 >= window.lowerBound ? " (milliseconds? send seconds)" : ""
        throw .badRequest(field: field, expected: timestampExpected, got: "\(t)\(hint)")
    }

    static func count(_ n: Int, field: String) throws(ProtocolError) {
        if n > ProtocolLimits.maxBatch {
            throw .badRequest(field: field, expected: "at most \(ProtocolLimits.maxBatch) entries", got: "\(n)")
        }
    }
}
