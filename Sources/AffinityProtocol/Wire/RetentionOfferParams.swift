/// `retention_offer`: one customer's churn risk, value at risk, reasons and offers. `customer` holds
/// their churn features (as `churn_score` takes them), for the churn model; without it the risk comes
/// from the server's CLV scores. `k` offers (default 3).
public struct RetentionOfferParams: Codable, Sendable, Equatable {
    public var user: String
    public var customer: [String: JSONScalar]?
    public var k: Int?

    enum CodingKeys: String, CodingKey, CaseIterable { case user, customer, k }
    static var fields: [String] { CodingKeys.allCases.map(\.stringValue) }

    public init(user: String, customer: [String: JSONScalar]? = nil, k: Int? = nil) {
        self.user = user
        self.customer = customer
        self.k = k
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        user = try c.decode(String.self, forKey: .user)
        customer = try c.decodeIfPresent([String: JSONScalar].self, forKey: .customer)
        k = try WireFields.integer(Int.self, c, .k, expected: Validate.kExpected)
    }

    public func validate() throws(ProtocolError) {
        try Validate.nonEmpty(user, field: "user")
        try Validate.k(k)
    }
}
