import Foundation

/// An ID map read in place from a loaded model file: the IDs' UTF-8 bytes in one blob, their
/// offsets, and a precomputed open-addressing hash table, so a lookup hashes the query and
/// compares bytes where they lie — no `String` is made per ID and no table is built at load.
///
///     0        count n           u64le
///     8        slot count m      u64le (≥ n + 1, so every probe sequence meets an empty slot)
///     16       blob byte count B u64le
///     24       length width L    u64le, bits per ID length (1...57)
///     32       offsets           `PackedOffsets` of n runs (ID byte lengths, L bits) summing to B
///              slots             m `PackedInts` of width(n) bits: 0 empty, else index + 1
///              blob              B bytes; ID i is blob[start(i) ..< start(i+1)]
///
/// (width(x) is the bits needed for 0...x, at least 1; each packed array ends with 8 zero bytes.)
///
/// ID `i` lives in the slot found by linear probing from `home(hash)`, where `hash` is FNV-1a 64
/// of its bytes followed by MurmurHash3's fmix64 and `home(h) = (h × m) >> 64`. IDs compare byte for byte (no Unicode normalization).
///
/// `@unchecked Sendable` is safe: the bytes are immutable (a loaded model file or a heap block) kept alive by
/// `owner`, and every offset read from them was bounds-checked in `init`.
public struct IDTable: @unchecked Sendable {
    public let count: Int
    let slotCount: Int
    let offsets: PackedOffsets
    let slots: PackedInts
    let blob: UnsafeRawPointer
    let owner: AnyObject

    static let headerBytes = 32

    /// Validates `bytes` (an ID table section) as the map of `expectedCount` IDs: sizes, offsets,
    /// slot values, and that every ID is found at its own index (so IDs are distinct and the
    /// hash table is complete). Cost O(n + m + B). `owner` keeps `bytes` alive.
    /// - Throws: `DataError.invalid` saying what is inconsistent.
    public init(bytes: UnsafeRawBufferPointer, expectedCount: Int, owner: AnyObject) throws(DataError) {
        guard let base = bytes.baseAddress, bytes.count >= Self.headerBytes else {
            throw .invalid("the ID table is shorter than its 32-byte header")
        }
        func u64(_ at: Int) -> UInt64 { UInt64(littleEndian: base.loadUnaligned(fromByteOffset: at, as: UInt64.self)) }
        let limit = UInt64(bytes.count)
        let (n, m, b) = (u64(0), u64(8), u64(16))
        guard n <= limit, m <= limit, b <= limit else { throw .invalid("the ID table's sizes exceed its section") }
        guard n == UInt64(expectedCount) else { throw .invalid("the ID table holds \(n) IDs; the header says \(expectedCount)") }
        guard m >= n + 1 else { throw .invalid("the ID table has \(m) hash slots for \(n) IDs (needs more than \(n))") }
        let (count, slotCount, blobCount) = (Int(n), Int(m), Int(b))
        let lengthWidth = Int(min(u64(24), 64))
        guard (1...57).contains(lengthWidth) else { throw .invalid("the ID table's length width is \(u64(24)) bits (expected 1...57)") }
        let offsetBytes = PackedOffsets.byteCount(count: count, lengthWidth: lengthWidth, total: blobCount)
        let slotBytes = PackedInts.byteCount(count: slotCount, width: PackedInts.width(forMax: n))
        guard Self.headerBytes + offsetBytes + slotBytes + blobCount == bytes.count,
              let slots = PackedInts(UnsafeRawBufferPointer(start: base + Self.headerBytes + offsetBytes, count: slotBytes),
                                     count: slotCount, width: PackedInts.width(forMax: n)) else {
            throw .invalid("the ID table's section is \(bytes.count) bytes; its sizes need \(Self.headerBytes + offsetBytes + slotBytes + blobCount)")
        }
        let offsets: PackedOffsets
        do {
            offsets = try PackedOffsets(UnsafeRawBufferPointer(start: base + Self.headerBytes, count: offsetBytes),
                                        count: count, lengthWidth: lengthWidth, total: blobCount)
        } catch { throw .invalid("the ID table's offsets are inconsistent (\(error))") }
        var used = 0
        for s in 0..<slotCount where slots[s] != 0 {
            guard slots[s] <= n else { throw .invalid("the ID table's slot \(s) names ID \(slots[s] - 1) of \(count)") }
            used += 1
        }
        guard used == count else { throw .invalid("the ID table fills \(used) slots for \(count) IDs") }
        self.count = count
        self.slotCount = slotCount
        self.offsets = offsets
        self.slots = slots
        self.blob = base + Self.headerBytes + offsetBytes + slotBytes
        self.owner = owner
        var start = 0  // ID i's bytes, walked in order (no checkpoint sums)
        for i in 0..<count {
            let key = UnsafeRawBufferPointer(start: blob + start, count: offsets.length(i))
            start += key.count
            guard lookup(key) == Int32(i) else {
                throw .invalid("the ID table does not find ID \(i) at its index (duplicate ID or damaged hash table)")
            }
        }
    }

    /// The index of the ID with these UTF-8 bytes, or nil. Cost: one hash plus the probes (about
    /// 2 at the table's load of 2/3), each one byte comparison.
    public func lookup(_ key: UnsafeRawBufferPointer) -> Int32? {
        var s = Self.home(Self.hash(key), slots: slotCount)
        for _ in 0..<slotCount {
            let v = slots[s]
            if v == 0 { return nil }
            let i = Int(v) - 1
            let r = offsets.range(i)
            let lo = r.lowerBound, length = r.count
            if length == key.count, length == 0 || memcmp(blob + lo, key.baseAddress!, length) == 0 { return Int32(i) }
            s = s + 1 == slotCount ? 0 : s + 1
        }
        return nil
    }

    /// The index of `id` (compared as UTF-8 bytes), or nil.
    public func index(of id: String) -> Int32? {
        var id = id
        return id.withUTF8 { lookup(UnsafeRawBufferPointer($0)) }
    }

    /// Calls `body` with ID `i`'s bytes in place.
    public func withBytes<R>(_ i: Int32, _ body: (UnsafeRawBufferPointer) -> R) -> R {
        precondition(i >= 0 && Int(i) < count, "IDTable: index \(i) out of 0..<\(count)")
        let r = offsets.range(Int(i))
        return body(UnsafeRawBufferPointer(start: blob + r.lowerBound, count: r.count))
    }

    /// ID `i` as a `String` (invalid UTF-8 is repaired with U+FFFD).
    public subscript(i: Int32) -> String { withBytes(i) { String(decoding: $0, as: UTF8.self) } }

    static func hash(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in bytes { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
        // MurmurHash3's 64-bit finalizer: FNV-1a alone leaves IDs such as "c1".."c999999" in
        // correlated high bits, which makes long linear-probing clusters.
        h = (h ^ (h >> 33)) &* 0xff51_afd7_ed55_8ccd
        h = (h ^ (h >> 33)) &* 0xc4ce_b9fe_1a85_ec53
        return h ^ (h >> 33)
    }

    static func home(_ hash: UInt64, slots: Int) -> Int { Int(hash.multipliedFullWidth(by: UInt64(slots)).high) }
}
