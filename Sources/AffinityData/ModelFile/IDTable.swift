import Foundation

/// An ID map read in place from a loaded model file: the IDs' UTF-8 bytes in one blob, their
/// offsets, and a precomputed open-addressing hash table, so a lookup hashes the query and
/// compares bytes where they lie — no `String` is made per ID and no table is built at load.
///
///     0        count n           u64le
///     8        slot count m      u64le (≥ n + 1, so every probe sequence meets an empty slot)
///     16       blob byte count B u64le
///     24       layout word       u64le: bits 0–7 a width W (1...57), bit 8 set for numeric IDs
///     32       byte IDs:         `PackedOffsets` of n runs (ID byte lengths, W bits) summing to B
///              numeric IDs:      n `PackedInts` of W bits, the IDs' numbers
///              slots             m `PackedInts` of width(n) bits: 0 empty, else index + 1
///              blob              B bytes. Byte IDs: ID i is blob[start(i) ..< start(i+1)].
///                                Numeric IDs (every ID is one common prefix followed by a canonical
///                                decimal number of 1–17 digits, e.g. "17850" or "c123"): the prefix,
///                                and ID i is the prefix + the decimal digits of number i.
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
    /// Byte IDs: each ID's bytes in the blob. Numeric IDs: each ID is the blob (a common prefix)
    /// followed by a canonical decimal number, and only the numbers are stored.
    enum Layout { case bytes(PackedOffsets), numbers(PackedInts) }
    let layout: Layout
    let slots: PackedInts
    let blobCount: Int
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
        let numeric = u64(24) & 0x100 != 0, width = Int(u64(24) & 0xFF)
        guard u64(24) >> 9 == 0, (1...57).contains(width) else {
            throw .invalid("the ID table's layout word is \(u64(24)) (expected a width of 1...57 bits, and bit 8 for numeric IDs)")
        }
        let idBytes = numeric ? PackedInts.byteCount(count: count, width: width)
                              : PackedOffsets.byteCount(count: count, lengthWidth: width, total: blobCount)
        let slotBytes = PackedInts.byteCount(count: slotCount, width: PackedInts.width(forMax: n))
        guard Self.headerBytes + idBytes + slotBytes + blobCount == bytes.count,
              let slots = PackedInts(UnsafeRawBufferPointer(start: base + Self.headerBytes + idBytes, count: slotBytes),
                                     count: slotCount, width: PackedInts.width(forMax: n)) else {
            throw .invalid("the ID table's section is \(bytes.count) bytes; its sizes need \(Self.headerBytes + idBytes + slotBytes + blobCount)")
        }
        let idRegion = UnsafeRawBufferPointer(start: base + Self.headerBytes, count: idBytes)
        let layout: Layout
        if numeric {
            guard let numbers = PackedInts(idRegion, count: count, width: width) else { throw .invalid("the ID table's numbers do not fit their bytes") }
            layout = .numbers(numbers)
        } else {
            do {
                layout = .bytes(try PackedOffsets(idRegion, count: count, lengthWidth: width, total: blobCount))
            } catch { throw .invalid("the ID table's offsets are inconsistent (\(error))") }
        }
        var used = 0
        for s in 0..<slotCount where slots[s] != 0 {
            guard slots[s] <= n else { throw .invalid("the ID table's slot \(s) names ID \(slots[s] - 1) of \(count)") }
            used += 1
        }
        guard used == count else { throw .invalid("the ID table fills \(used) slots for \(count) IDs") }
        self.count = count
        self.slotCount = slotCount
        self.layout = layout
        self.slots = slots
        self.blobCount = blobCount
        self.blob = base + Self.headerBytes + idBytes + slotBytes
        self.owner = owner
        var start = 0  // byte IDs walked in order (no checkpoint sums)
        for i in 0..<count {
            let found: Int32?
            if case .bytes(let offsets) = layout {
                found = lookup(UnsafeRawBufferPointer(start: blob + start, count: offsets.length(i)))
                start += offsets.length(i)
            } else {
                found = withBytes(Int32(i)) { lookup($0) }
            }
            guard found == Int32(i) else {
                throw .invalid("the ID table does not find ID \(i) at its index (duplicate ID or damaged hash table)")
            }
        }
    }

    /// The index of the ID with these UTF-8 bytes, or nil. Cost: one hash plus the probes (about
    /// 3 for a known ID and 13 for an unknown one at the table's load of 0.8), each one comparison.
    public func lookup(_ key: UnsafeRawBufferPointer) -> Int32? {
        var s = Self.home(Self.hash(key), slots: slotCount)
        switch layout {
        case .bytes(let offsets):
            for _ in 0..<slotCount {
                let v = slots[s]
                if v == 0 { return nil }
                let r = offsets.range(Int(v) - 1)
                if r.count == key.count, r.count == 0 || memcmp(blob + r.lowerBound, key.baseAddress!, r.count) == 0 { return Int32(v - 1) }
                s = s + 1 == slotCount ? 0 : s + 1
            }
        case .numbers(let numbers):
            guard key.count > blobCount, blobCount == 0 || memcmp(blob, key.baseAddress!, blobCount) == 0,
                  let number = Self.decimal(UnsafeRawBufferPointer(rebasing: key[blobCount...])) else { return nil }
            for _ in 0..<slotCount {
                let v = slots[s]
                if v == 0 { return nil }
                if numbers[Int(v) - 1] == number { return Int32(v - 1) }
                s = s + 1 == slotCount ? 0 : s + 1
            }
        }
        return nil
    }

    /// The value of canonical decimal digits (1 to 17 of them, no leading zero unless "0"), or nil.
    static func decimal(_ digits: UnsafeRawBufferPointer) -> UInt64? {
        guard (1...17).contains(digits.count), digits.count == 1 || digits[0] != UInt8(ascii: "0") else { return nil }
        var v: UInt64 = 0
        for d in digits {
            guard d >= UInt8(ascii: "0"), d <= UInt8(ascii: "9") else { return nil }
            v = v * 10 + UInt64(d - UInt8(ascii: "0"))
        }
        return v
    }

    /// The index of `id` (compared as UTF-8 bytes), or nil.
    public func index(of id: String) -> Int32? {
        var id = id
        return id.withUTF8 { lookup(UnsafeRawBufferPointer($0)) }
    }

    /// Calls `body` with ID `i`'s bytes (in place for byte IDs, rendered on the stack for numeric ones).
    public func withBytes<R>(_ i: Int32, _ body: (UnsafeRawBufferPointer) -> R) -> R {
        precondition(i >= 0 && Int(i) < count, "IDTable: index \(i) out of 0..<\(count)")
        switch layout {
        case .bytes(let offsets):
            let r = offsets.range(Int(i))
            return body(UnsafeRawBufferPointer(start: blob + r.lowerBound, count: r.count))
        case .numbers(let numbers):
            return withUnsafeTemporaryAllocation(byteCount: blobCount + 20, alignment: 1) { buffer in
                if blobCount > 0 { buffer.baseAddress!.copyMemory(from: blob, byteCount: blobCount) }
                var v = numbers[Int(i)], digits = 0
                repeat { digits += 1; v /= 10 } while v > 0
                v = numbers[Int(i)]
                for d in stride(from: blobCount + digits - 1, through: blobCount, by: -1) {
                    buffer[d] = UInt8(ascii: "0") + UInt8(v % 10)
                    v /= 10
                }
                return body(UnsafeRawBufferPointer(rebasing: buffer[0..<(blobCount + digits)]))
            }
        }
    }

    /// ID `i` as a `String` (invalid UTF-8 is repaired with U+FFFD).
    public subscript(i: Int32) -> String { withBytes(i) { String(decoding: $0, as: UTF8.self) } }

    static func hash(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        var h = FNV1a.hash(bytes)
        // MurmurHash3's 64-bit finalizer: FNV-1a alone leaves IDs such as "c1".."c999999" in
        // correlated high bits, which makes long linear-probing clusters.
        h = (h ^ (h >> 33)) &* 0xff51_afd7_ed55_8ccd
        h = (h ^ (h >> 33)) &* 0xc4ce_b9fe_1a85_ec53
        return h ^ (h >> 33)
    }

    static func home(_ hash: UInt64, slots: Int) -> Int { Int(hash.multipliedFullWidth(by: UInt64(slots)).high) }
}
