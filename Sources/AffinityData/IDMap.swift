/// A bijection between external string IDs and dense indices `0..<count`,
/// assigned in order of first appearance.
public struct IDMap: Sendable, Equatable {
    public private(set) var ids: [String] = []
    private var lookup: [String: Int32] = [:]

    public init() {}

    /// Builds from an ordered list of distinct IDs (index = position).
    public init(ids: [String]) {
        self.ids = ids
        lookup.reserveCapacity(ids.count)
        for (i, id) in ids.enumerated() { lookup[id] = Int32(i) }
        precondition(lookup.count == ids.count, "IDMap: duplicate IDs")
    }

    public var count: Int { ids.count }

    /// The dense index of `id`, or nil when unknown.
    public func index(of id: String) -> Int32? { lookup[id] }

    /// The dense index of `id`, adding it when new.
    public mutating func intern(_ id: String) -> Int32 {
        if let i = lookup[id] { return i }
        let i = Int32(ids.count)
        ids.append(id)
        lookup[id] = i
        return i
    }

    /// The external ID at dense index `i`.
    public subscript(i: Int32) -> String { ids[Int(i)] }
}
