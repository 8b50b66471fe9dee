/// One user's training item indices (sorted, distinct), read in place from the model's compact
/// history without copying. Keeps the model's storage alive.
public struct HistoryItems: RandomAccessCollection, Sendable {
    private let storage: ModelStorage?
    private let range: Range<Int>

    /// No items.
    public init() {
        storage = nil
        range = 0..<0
    }

    init(storage: ModelStorage, user u: Int) {
        self.storage = storage
        range = storage.history.range(u)
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { range.count }

    public subscript(position: Int) -> Int32 {
        precondition(position >= 0 && position < range.count, "HistoryItems: position \(position) out of 0..<\(range.count)")
        return storage!.history.item(range.lowerBound + position)
    }
}
