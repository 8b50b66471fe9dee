/// Settings of the deterministic synthetic storefront. Same settings → byte-identical files.
public struct SyntheticShopConfig: Sendable, Equatable {
    public var users: Int
    public var items: Int
    public var seed: UInt64
    /// Length of the simulated period in days.
    public var days: Int
    /// Start of the period, Unix seconds (default 2025-01-01T00:00:00Z).
    public var start: Int64

    public static let userRange = 1...1_000_000
    public static let itemRange = 2...1_000_000
    public static let dayRange = 7...3650

    public init(users: Int = 2000, items: Int = 500, seed: UInt64 = 42, days: Int = 182, start: Int64 = 1_735_689_600) {
        self.users = users
        self.items = items
        self.seed = seed
        self.days = days
        self.start = start
    }

    /// Throws `DataError.invalid` naming the setting, its range and the value.
    public func validate() throws {
        func check(_ name: String, _ value: Int, _ range: ClosedRange<Int>) throws {
            guard range.contains(value) else {
                throw DataError.invalid("\(name) must be between \(range.lowerBound) and \(range.upperBound); got \(value)")
            }
        }
        try check("users", users, Self.userRange)
        try check("items", items, Self.itemRange)
        try check("days", days, Self.dayRange)
    }

    /// Number of product categories: about one per 25 items, between 4 and 24.
    public var categoryCount: Int { min(24, max(4, items / 25)) }

    /// Number of latent taste clusters among users.
    public var clusterCount: Int { max(2, min(8, categoryCount / 2)) }
}
