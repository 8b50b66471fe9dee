import AffinityData

/// The large arrays of a model: factors and the user→items history, either memory-mapped
/// from a model file (no copy) or owned on the heap (a freshly trained model).
///
/// `@unchecked Sendable` is safe: every pointer is written only inside `init` (heap case) or
/// points into a read-only mapping (mapped case); afterwards the storage is immutable, and
/// the memory is released only in `deinit`, when no reference remains.
final class ModelStorage: @unchecked Sendable {
    let users: Int, items: Int, factors: Int, nnz: Int
    let userFactors: UnsafePointer<Float>    // users × factors, row-major
    let itemFactors: UnsafePointer<Float>    // items × factors, row-major
    let historyOffsets: UnsafePointer<Int64> // users + 1
    let historyItems: UnsafePointer<Int32>   // nnz, sorted within each user
    let historyWeights: UnsafePointer<Float> // nnz
    private let mapped: MappedModelContainer?
    private let heap: UnsafeMutableRawPointer?

    /// Copies trained arrays into one heap block.
    init(users: [Float], items: [Float], factors: Int, offsets: [Int64], historyItems: [Int32], weights: [Float]) {
        let u = users.count / max(factors, 1), i = items.count / max(factors, 1)
        self.users = u; self.items = i; self.factors = factors; self.nnz = historyItems.count
        let sizes = [users.count * 4, items.count * 4, offsets.count * 8, historyItems.count * 4, weights.count * 4]
        let starts = sizes.reduce(into: [0]) { $0.append(($0.last! + $1 + 63) / 64 * 64) }
        let block = UnsafeMutableRawPointer.allocate(byteCount: max(starts.last!, 64), alignment: 64)
        users.withUnsafeBytes { (block + starts[0]).copyMemory(from: $0.baseAddress!, byteCount: $0.count) }
        items.withUnsafeBytes { (block + starts[1]).copyMemory(from: $0.baseAddress!, byteCount: $0.count) }
        offsets.withUnsafeBytes { (block + starts[2]).copyMemory(from: $0.baseAddress!, byteCount: $0.count) }
        historyItems.withUnsafeBytes { if let b = $0.baseAddress { (block + starts[3]).copyMemory(from: b, byteCount: $0.count) } }
        weights.withUnsafeBytes { if let b = $0.baseAddress { (block + starts[4]).copyMemory(from: b, byteCount: $0.count) } }
        heap = block
        mapped = nil
        userFactors = UnsafePointer((block + starts[0]).assumingMemoryBound(to: Float.self))
        itemFactors = UnsafePointer((block + starts[1]).assumingMemoryBound(to: Float.self))
        historyOffsets = UnsafePointer((block + starts[2]).assumingMemoryBound(to: Int64.self))
        self.historyItems = UnsafePointer((block + starts[3]).assumingMemoryBound(to: Int32.self))
        historyWeights = UnsafePointer((block + starts[4]).assumingMemoryBound(to: Float.self))
    }

    /// Uses sections 0–4 of a verified container in place.
    init(container: MappedModelContainer, users: Int, items: Int, factors: Int, nnz: Int) {
        self.users = users; self.items = items; self.factors = factors; self.nnz = nnz
        mapped = container
        heap = nil
        userFactors = container.section(0).baseAddress!.assumingMemoryBound(to: Float.self)
        itemFactors = container.section(1).baseAddress!.assumingMemoryBound(to: Float.self)
        historyOffsets = container.section(2).baseAddress!.assumingMemoryBound(to: Int64.self)
        historyItems = container.section(3).baseAddress!.assumingMemoryBound(to: Int32.self)
        historyWeights = container.section(4).baseAddress!.assumingMemoryBound(to: Float.self)
    }

    deinit { heap?.deallocate() }

    /// User `u`'s history as index range into `historyItems` / `historyWeights`.
    @inline(__always)
    func historyRange(_ u: Int) -> Range<Int> { Int(historyOffsets[u])..<Int(historyOffsets[u + 1]) }
}
