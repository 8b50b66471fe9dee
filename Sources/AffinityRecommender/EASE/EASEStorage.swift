import AffinityData
import AffinityNumerics

/// The large arrays of an EASE model: B (items × items Float32, row-major) and the users' compact
/// training history (`ModelHistory`), either read in place from a loaded file or owned on the heap.
///
/// `@unchecked Sendable` is safe: the memory is written only inside `init` (or by the trainer
/// before ownership passes here) and freed only in `deinit`, when no reference remains.
final class EASEStorage: @unchecked Sendable {
    let users: Int, items: Int, nnz: Int
    let weights: UnsafePointer<Float>
    let history: ModelHistory
    /// Sections 0–3 as a model file stores them: B, then the history's three sections.
    let sections: [UnsafeRawBufferPointer]
    private let mapped: MappedModelContainer?
    private let owned: [UnsafeMutableRawPointer]

    /// Takes ownership of `b` (items² Floats from `EASETrainer.fit`) and encodes the history.
    init(b: UnsafeMutablePointer<Float>, matrix: CSRMatrix) {
        users = matrix.rows; items = matrix.cols; nnz = matrix.nnz
        let encoded = ModelHistory.encode(rowPointers: matrix.rowPointers, columns: matrix.columns,
                                          values: matrix.values, items: items)
        var blocks = [UnsafeMutableRawPointer(b)]
        var parts = [UnsafeRawBufferPointer(start: b, count: items * items * 4)]
        for bytes in [encoded.offsets, encoded.entries, encoded.weights] {
            let block = UnsafeMutableRawPointer.allocate(byteCount: max(bytes.count, 1), alignment: 64)
            bytes.withUnsafeBytes { if let s = $0.baseAddress { block.copyMemory(from: s, byteCount: bytes.count) } }
            blocks.append(block)
            parts.append(UnsafeRawBufferPointer(start: block, count: bytes.count))
        }
        owned = blocks
        sections = parts
        mapped = nil
        weights = UnsafePointer(b)
        do {
            history = try ModelHistory(offsets: parts[1], entries: parts[2], weights: parts[3], users: users, items: items, nnz: nnz)
        } catch {
            preconditionFailure("EASEStorage: the trained history does not encode consistently: \(error.message)")
        }
    }

    /// Uses sections 0–3 of a verified container in place, validating the history.
    init(container: MappedModelContainer, users: Int, items: Int, nnz: Int) throws(HistoryError) {
        self.users = users; self.items = items; self.nnz = nnz
        mapped = container
        owned = []
        sections = (0..<4).map { container.section($0) }
        weights = (sections[0].baseAddress ?? UnsafeRawPointer(bitPattern: 64)!).assumingMemoryBound(to: Float.self)
        history = try ModelHistory(offsets: sections[1], entries: sections[2], weights: sections[3],
                                   users: users, items: items, nnz: nnz)
    }

    deinit { for block in owned { block.deallocate() } }
}
