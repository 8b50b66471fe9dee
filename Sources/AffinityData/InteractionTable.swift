public import AffinityNumerics

/// Interactions as parallel columns: one row per (user, item) event or aggregate.
///
/// Indices refer to `users` and `items`. `timestamps` (Unix seconds) and `events`
/// (indices into `eventTypes`) are present when the source had them.
public struct InteractionTable: Sendable, Equatable {
    public var users: IDMap
    public var items: IDMap
    public var userIndices: [Int32]
    public var itemIndices: [Int32]
    public var weights: [Float]
    public var timestamps: [Int64]?
    public var events: [UInt8]?
    public var eventTypes: [String]

    public init(users: IDMap = IDMap(), items: IDMap = IDMap(), userIndices: [Int32] = [], itemIndices: [Int32] = [],
                weights: [Float] = [], timestamps: [Int64]? = nil, events: [UInt8]? = nil, eventTypes: [String] = []) {
        self.users = users
        self.items = items
        self.userIndices = userIndices
        self.itemIndices = itemIndices
        self.weights = weights
        self.timestamps = timestamps
        self.events = events
        self.eventTypes = eventTypes
    }

    /// Number of rows (before duplicate (user,item) pairs are merged).
    public var count: Int { weights.count }

    /// The user × item matrix with duplicate pairs summed. Cost O(rows + users).
    public func csr() -> CSRMatrix {
        CSRMatrix(rows: users.count, cols: items.count, rowIndices: userIndices, colIndices: itemIndices, values: weights)
    }

    /// The same matrix as `csr()`, built while the rows are released: afterwards the table keeps
    /// only its ID maps and event types (no rows, timestamps or events). When nothing else holds
    /// the row arrays, their memory is freed during the build (`CSRMatrix.init(rows:cols:taking:_:_:)`),
    /// so a trainer holds the matrix, not the table and the matrix.
    public mutating func takeCSR() -> CSRMatrix {
        var u = userIndices, i = itemIndices, w = weights
        userIndices = []
        itemIndices = []
        weights = []
        timestamps = nil
        events = nil
        return CSRMatrix(rows: users.count, cols: items.count, taking: &u, &i, &w)
    }
}
