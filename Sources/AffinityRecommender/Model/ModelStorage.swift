import AffinityData

/// The large arrays of a model: factors and the compact user→items history (`ModelHistory`),
/// either read in place from a loaded model file (`MappedModelContainer`) or owned in one heap block (a freshly
/// trained model, encoded exactly as a file would hold it).
///
/// `@unchecked Sendable` is safe: every pointer is written only inside `init` (heap case) or
/// points into a loaded container's read-only memory; afterwards the storage is immutable, and
/// the memory is released only in `deinit`, when no reference remains.
final class ModelStorage: @unchecked Sendable {
    let users: Int, items: Int, factors: Int, nnz: Int
    let userFactors: UnsafePointer<Float>    // users × factors, row-major
    let itemFactors: UnsafePointer<Float>    // items × factors, row-major
    let history: ModelHistory
    /// Sections 0–4 as a model file stores them: factors, then the history's three sections.
    let sections: [UnsafeRawBufferPointer]
    private let mapped: MappedModelContainer?
    private let heap: UnsafeMutableRawPointer?

    /// Encodes the history and copies everything into one heap block.
    convenience init(users: [Float], items: [Float], factors: Int, rowPointers: [Int], columns: [Int32], values: [Float]) {
        let encoded = ModelHistory.encode(rowPointers: rowPointers, columns: columns, values: values,
                                          items: items.count / max(factors, 1))
        self.init(users: users, items: items, factors: factors, history: encoded, nnz: columns.count)
    }

    /// Copies the factors and an encoded history (`ModelHistory.encode`, `nnz` interactions) into one heap block.
    init(users: [Float], items: [Float], factors: Int, history encoded: (offsets: [UInt8], entries: [UInt8], weights: [UInt8]),
         nnz: Int) {
        let u = users.count / max(factors, 1), i = items.count / max(factors, 1)
        self.users = u; self.items = i; self.factors = factors; self.nnz = nnz
        let sizes = [users.count * 4, items.count * 4, encoded.offsets.count, encoded.entries.count, encoded.weights.count]
        let starts = sizes.reduce(into: [0]) { $0.append(($0.last! + $1 + 63) / 64 * 64) }
        let block = UnsafeMutableRawPointer.allocate(byteCount: max(starts.last!, 64), alignment: 64)
        func copy(_ bytes: UnsafeRawBufferPointer, _ s: Int) {
            if let b = bytes.baseAddress { (block + starts[s]).copyMemory(from: b, byteCount: bytes.count) }
        }
        users.withUnsafeBytes { copy($0, 0) }
        items.withUnsafeBytes { copy($0, 1) }
        encoded.offsets.withUnsafeBytes { copy($0, 2) }
        encoded.entries.withUnsafeBytes { copy($0, 3) }
        encoded.weights.withUnsafeBytes { copy($0, 4) }
        heap = block
        mapped = nil
        sections = (0..<5).map { UnsafeRawBufferPointer(start: block + starts[$0], count: sizes[$0]) }
        userFactors = UnsafePointer(block.assumingMemoryBound(to: Float.self))
        itemFactors = UnsafePointer((block + starts[1]).assumingMemoryBound(to: Float.self))
        do {
            history = try ModelHistory(offsets: sections[2], entries: sections[3], weights: sections[4],
                                       users: u, items: i, nnz: nnz)
        } catch {
            preconditionFailure("ModelStorage: the trained history does not encode consistently: \(error.message)")
        }
    }

    /// Uses sections 0–4 of a verified container in place, validating the history.
    /// - Throws: `HistoryError` when the history sections are inconsistent.
    init(container: MappedModelContainer, users: Int, items: Int, factors: Int, nnz: Int) throws(HistoryError) {
        self.users = users; self.items = items; self.factors = factors; self.nnz = nnz
        mapped = container
        heap = nil
        sections = (0..<5).map { container.section($0) }
        userFactors = sections[0].baseAddress!.assumingMemoryBound(to: Float.self)
        itemFactors = sections[1].baseAddress!.assumingMemoryBound(to: Float.self)
        history = try ModelHistory(offsets: sections[2], entries: sections[3], weights: sections[4],
                                   users: users, items: items, nnz: nnz)
    }

    deinit { heap?.deallocate() }

    /// User `u`'s history as a range of positions into `history`.
    @inline(__always)
    func historyRange(_ u: Int) -> Range<Int> { history.range(u) }
}
