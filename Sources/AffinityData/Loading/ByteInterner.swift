#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Assigns dense indices to byte strings without building a `String` per lookup:
/// an open-addressing hash table (FNV-1a, linear probing, load ≤ 1/2) over a byte arena.
struct ByteInterner {
    private var arena: [UInt8] = []
    private var starts: [Int] = [0]
    private var hashes: [UInt64] = []
    private var slots: [Int32]
    private var mask: Int
    /// The last ID returned: real files repeat IDs in runs (lines of one invoice, ratings sorted by user).
    private var lastID: Int32 = -1

    init(capacity: Int = 1024) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        slots = [Int32](repeating: -1, count: size)
        mask = size - 1
    }

    var count: Int { hashes.count }

    @inline(__always)
    static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        let h = FNV1a.hash(bytes)
        return h ^ (h >> 29)
    }

    /// The index of `bytes`, and whether it was added by this call.
    @inline(__always)
    mutating func intern(_ bytes: UnsafeBufferPointer<UInt8>) -> (index: Int32, isNew: Bool) {
        if lastID >= 0 && equals(Int(lastID), bytes) { return (lastID, false) }
        let h = ByteInterner.hash(bytes)
        var slot = Int(truncatingIfNeeded: h) & mask
        while true {
            let id = slots[slot]
            if id < 0 { break }
            if hashes[Int(id)] == h && equals(Int(id), bytes) {
                lastID = id
                return (id, false)
            }
            slot = (slot + 1) & mask
        }
        let id = Int32(hashes.count)
        hashes.append(h)
        arena.append(contentsOf: bytes)
        starts.append(arena.count)
        slots[slot] = id
        lastID = id
        if hashes.count * 2 > slots.count { grow() }
        return (id, true)
    }

    @inline(__always)
    private func equals(_ id: Int, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let start = starts[id], length = starts[id + 1] - start
        guard length == bytes.count else { return false }
        if length == 0 { return true }
        return arena.withUnsafeBufferPointer { memcmp($0.baseAddress! + start, bytes.baseAddress!, length) == 0 }
    }

    private mutating func grow() {
        let size = slots.count * 2
        slots = [Int32](repeating: -1, count: size)
        mask = size - 1
        for (id, h) in hashes.enumerated() {
            var slot = Int(truncatingIfNeeded: h) & mask
            while slots[slot] >= 0 { slot = (slot + 1) & mask }
            slots[slot] = Int32(id)
        }
    }
}
