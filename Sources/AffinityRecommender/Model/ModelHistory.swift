import AffinityData

/// The training history (CSR: per user, sorted item indices with summed weights) read in place
/// from its compact encoding — model file sections 2–4, or the same bytes on the heap:
/// - 2 offsets: u64le length width L, then `PackedOffsets` of the users' history lengths (L bits) summing to nnz;
/// - 3 entries: nnz `PackedInts` of itemBits + codeBits bits, entry = item | code << itemBits,
///   itemBits = width(items − 1), codeBits = width(P − 1) with a palette of P ≥ 2 weights, else 0;
///   items strictly increasing within a user;
/// - 4 weights: u32le palette size P, then P float32le palette entries (the codes are in the
///   entries) or, with P = 0, nnz float32le.
/// A palette is used when the history has at most 256 distinct weights (bit patterns) and it is
/// smaller than raw float32 weights. The encoding is exact: decoding gives back the same items
/// and weight bit patterns.
///
/// `@unchecked Sendable` is safe: the pointers address immutable bytes owned by `ModelStorage`.
struct ModelHistory: @unchecked Sendable {
    let users: Int, items: Int, nnz: Int
    private let offsets: PackedOffsets
    private let entries: PackedInts
    private let itemBits: UInt64, itemMask: UInt64
    private let palette: UnsafePointer<Float>?
    private let paletteCount: Int
    private let rawWeights: UnsafeRawPointer

    static func itemBits(items: Int) -> Int { PackedInts.width(forMax: UInt64(max(items, 1) - 1)) }
    static func codeBits(palette p: Int) -> Int { p >= 2 ? PackedInts.width(forMax: UInt64(p - 1)) : 0 }

    /// Validates the three sections against the shape (sizes, offsets from 0 to nnz and
    /// non-decreasing, items in range and strictly increasing per user, codes inside the
    /// palette, finite weights) and reads them in place. O(users + nnz).
    /// - Throws: a message saying what is inconsistent.
    init(offsets o: UnsafeRawBufferPointer, entries e: UnsafeRawBufferPointer, weights w: UnsafeRawBufferPointer,
         users: Int, items itemCount: Int, nnz: Int) throws(HistoryError) {
        self.users = users; self.items = itemCount; self.nnz = nnz
        guard let wb = w.baseAddress, w.count >= 4 else { throw HistoryError("the history weights section is shorter than its palette size") }
        let p = Int(UInt32(littleEndian: wb.loadUnaligned(as: UInt32.self)))
        guard p <= 256, w.count == 4 + 4 * (p > 0 ? p : nnz) else {
            throw HistoryError("the history weights take \(w.count) bytes, which does not fit a palette of \(p) and \(nnz) interactions")
        }
        let ib = Self.itemBits(items: itemCount), cb = Self.codeBits(palette: p)
        guard let ob = o.baseAddress, o.count >= 8 else { throw HistoryError("the history offsets section is shorter than its length width") }
        let lengthWidth = Int(min(UInt64(littleEndian: ob.loadUnaligned(as: UInt64.self)), 64))
        let offsets: PackedOffsets
        do {
            offsets = try PackedOffsets(UnsafeRawBufferPointer(rebasing: o[8...]), count: users, lengthWidth: lengthWidth, total: nnz)
        } catch { throw HistoryError("the history offsets are inconsistent: \(error)") }
        guard let entries = PackedInts(e, count: nnz, width: ib + cb) else {
            throw HistoryError("the history entries take \(e.count) bytes; \(nnz) interactions need \(PackedInts.byteCount(count: nnz, width: ib + cb))")
        }
        self.offsets = offsets
        self.entries = entries
        itemBits = UInt64(ib)
        itemMask = (1 << UInt64(ib)) - 1
        paletteCount = p
        palette = p > 0 ? (wb + 4).assumingMemoryBound(to: Float.self) : nil
        rawWeights = wb + 4
        var start = 0  // user u's interactions, walked in order (no checkpoint sums)
        for u in 0..<users {
            let r = start..<(start + offsets.length(u))
            start = r.upperBound
            var previous: Int32 = -1
            for k in r {
                let i = item(k)
                guard i > previous, Int(i) < itemCount else { throw HistoryError("user \(u)'s history has item index \(i) out of order or out of 0..<\(itemCount)") }
                previous = i
            }
        }
        if let palette {
            guard (0..<p).allSatisfy({ palette[$0].isFinite }) else { throw HistoryError("the weight palette has a non-finite value") }
            for k in 0..<nnz where Int(entries[k] >> itemBits) >= p {
                throw HistoryError("interaction \(k) has weight code \(entries[k] >> itemBits) of a \(p)-entry palette")
            }
        } else {
            for k in 0..<nnz where !weight(k).isFinite { throw HistoryError("interaction \(k) has a non-finite weight") }
        }
    }

    /// User `u`'s interactions as a range of positions `k` for `item(_:)` / `weight(_:)`.
    @inline(__always)
    func range(_ u: Int) -> Range<Int> { offsets.range(u) }

    /// Whether user `u`'s history holds item `i` (binary search over its sorted items, O(log history)).
    func contains(user u: Int, item i: Int32) -> Bool {
        var lo = range(u).lowerBound, hi = range(u).upperBound
        while lo < hi {
            let mid = (lo + hi) / 2
            let v = item(mid)
            if v == i { return true }
            if v < i { lo = mid + 1 } else { hi = mid }
        }
        return false
    }

    @inline(__always)
    func item(_ k: Int) -> Int32 { Int32(truncatingIfNeeded: entries[k] & itemMask) }

    @inline(__always)
    func weight(_ k: Int) -> Float {
        if let palette { return palette[Int(entries[k] >> itemBits)] }
        return rawWeights.loadUnaligned(fromByteOffset: 4 * k, as: Float.self)
    }
}

/// Why a history encoding was refused (becomes part of a `RecommenderError.modelFile` message).
struct HistoryError: Error {
    let message: String
    init(_ message: String) { self.message = message }
}
