import AffinityData

/// The training history (CSR: per user, sorted item indices with summed weights) read in place
/// from its compact encoding — model file sections 2–4, or the same bytes on the heap:
/// - offsets: users + 1 entries, u32le when nnz ≤ 2³² − 1, else u64le;
/// - items: nnz entries, u16le when the model has ≤ 65,536 items, else i32le; sorted within a user;
/// - weights: u32le palette size P, then — when the history has at most 256 distinct weights
///   (bit patterns) and the palette is smaller (4P + nnz < 4·nnz) — P float32le palette entries
///   and nnz u8 codes, else (P = 0) nnz float32le.
/// The encoding is exact: decoding gives back the same items and weight bit patterns.
///
/// `@unchecked Sendable` is safe: the pointers address immutable bytes owned by `ModelStorage`.
struct ModelHistory: @unchecked Sendable {
    let users: Int, items: Int, nnz: Int
    private let offsets: UnsafeRawPointer, wideOffsets: Bool
    private let itemData: UnsafeRawPointer, wideItems: Bool
    private let palette: UnsafePointer<Float>?
    private let weightData: UnsafeRawPointer

    static func wideOffsets(nnz: Int) -> Bool { nnz > Int(UInt32.max) }
    static func wideItems(items: Int) -> Bool { items > 65_536 }

    /// Validates the three sections against the shape (sizes, offsets from 0 to nnz and
    /// non-decreasing, items in range and strictly increasing per user, palette codes in range,
    /// finite weights) and reads them in place. O(users + nnz).
    /// - Throws: a message saying what is inconsistent.
    init(offsets o: UnsafeRawBufferPointer, items it: UnsafeRawBufferPointer, weights w: UnsafeRawBufferPointer,
         users: Int, items itemCount: Int, nnz: Int) throws(HistoryError) {
        self.users = users; self.items = itemCount; self.nnz = nnz
        wideOffsets = Self.wideOffsets(nnz: nnz)
        wideItems = Self.wideItems(items: itemCount)
        guard let ob = o.baseAddress, let ib = it.baseAddress, let wb = w.baseAddress else { throw HistoryError("a history section is missing") }
        guard o.count == (users + 1) * (wideOffsets ? 8 : 4) else { throw HistoryError("the history offsets take \(o.count) bytes; \(users) users need \((users + 1) * (wideOffsets ? 8 : 4))") }
        guard it.count == nnz * (wideItems ? 4 : 2) else { throw HistoryError("the history items take \(it.count) bytes; \(nnz) interactions need \(nnz * (wideItems ? 4 : 2))") }
        guard w.count >= 4 else { throw HistoryError("the history weights section is shorter than its palette size") }
        let p = Int(UInt32(littleEndian: wb.loadUnaligned(as: UInt32.self)))
        guard p <= 256, w.count == 4 + (p > 0 ? 4 * p + nnz : 4 * nnz) else {
            throw HistoryError("the history weights take \(w.count) bytes, which does not fit a palette of \(p) and \(nnz) interactions")
        }
        offsets = ob
        itemData = ib
        palette = p > 0 ? (wb + 4).assumingMemoryBound(to: Float.self) : nil
        weightData = p > 0 ? wb + 4 + 4 * p : wb + 4
        guard offset(0) == 0, offset(users) == nnz else { throw HistoryError("the history offsets do not run from 0 to \(nnz)") }
        for u in 0..<users {
            let lo = offset(u), hi = offset(u + 1)
            guard lo <= hi, hi <= nnz else { throw HistoryError("the history offsets decrease or pass \(nnz) at user \(u)") }
            var previous: Int32 = -1
            for k in lo..<hi {
                let i = item(k)
                guard i > previous, Int(i) < itemCount else { throw HistoryError("user \(u)'s history has item index \(i) out of order or out of 0..<\(itemCount)") }
                previous = i
            }
        }
        if let palette {
            guard (0..<p).allSatisfy({ palette[$0].isFinite }) else { throw HistoryError("the weight palette has a non-finite value") }
            let codes = weightData.assumingMemoryBound(to: UInt8.self)
            for k in 0..<nnz where Int(codes[k]) >= p { throw HistoryError("interaction \(k) has weight code \(codes[k]) of a \(p)-entry palette") }
        } else {
            for k in 0..<nnz where !weight(k).isFinite { throw HistoryError("interaction \(k) has a non-finite weight") }
        }
    }

    @inline(__always)
    func offset(_ u: Int) -> Int {
        wideOffsets ? Int(truncatingIfNeeded: offsets.loadUnaligned(fromByteOffset: 8 * u, as: Int64.self))
                    : Int(offsets.loadUnaligned(fromByteOffset: 4 * u, as: UInt32.self))
    }

    /// User `u`'s interactions as a range of positions `k` for `item(_:)` / `weight(_:)`.
    @inline(__always)
    func range(_ u: Int) -> Range<Int> { offset(u)..<offset(u + 1) }

    @inline(__always)
    func item(_ k: Int) -> Int32 {
        wideItems ? itemData.loadUnaligned(fromByteOffset: 4 * k, as: Int32.self)
                  : Int32(itemData.loadUnaligned(fromByteOffset: 2 * k, as: UInt16.self))
    }

    @inline(__always)
    func weight(_ k: Int) -> Float {
        if let palette { return palette[Int(weightData.load(fromByteOffset: k, as: UInt8.self))] }
        return weightData.loadUnaligned(fromByteOffset: 4 * k, as: Float.self)
    }
}

/// Why a history encoding was refused (becomes part of a `RecommenderError.modelFile` message).
struct HistoryError: Error {
    let message: String
    init(_ message: String) { self.message = message }
}
