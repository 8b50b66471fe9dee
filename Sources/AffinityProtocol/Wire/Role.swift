/// A token's role. Which ops a role may call is `Role.allows(_:)`, the single source of truth.
public enum Role: String, CaseIterable, Codable, Sendable {
    case storefront
    case marketer
    case admin

    /// The ops each role may call (`auth` is always allowed; `admin` may call everything).
    public static let table: [Role: Set<Op>] = [
        .storefront: [.auth, .recommend, .recommendItems, .similarItems, .feedback, .feedbackBatch, .health],
        .marketer: [.auth, .churnScore, .churnBatch, .retentionOffer, .health, .modelInfo],
        .admin: Set(Op.allCases),
    ]

    public func allows(_ op: Op) -> Bool { Role.table[self]?.contains(op) ?? false }
}
