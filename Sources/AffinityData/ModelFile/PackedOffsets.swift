/// The start offsets of `count` consecutive runs (IDs in a blob, users' histories), stored as
/// each run's length plus a checkpoint every 32 runs — a few bits per run instead of a full
/// offset:
///
///     lengths       count `PackedInts` of lengthWidth bits
///     checkpoints   count/32 + 1 `PackedInts` of width(total) bits: checkpoint j = start of run 32·j
///
/// `start(i)` = checkpoint[i/32] + the lengths of runs 32·⌊i/32⌋ ..< i (at most 31 additions).
/// `init` checks every checkpoint against the lengths, so starts never decrease and never pass `total`.
public struct PackedOffsets: Sendable {
    public let count: Int
    public let total: Int
    let lengths: PackedInts
    let checkpoints: PackedInts
    static let block = 32

    /// Bytes taken by `count` runs with `lengthWidth`-bit lengths summing to `total`.
    public static func byteCount(count: Int, lengthWidth: Int, total: Int) -> Int {
        PackedInts.byteCount(count: count, width: lengthWidth)
            + PackedInts.byteCount(count: count / block + 1, width: PackedInts.width(forMax: UInt64(total)))
    }

    /// Reads and checks the encoding in `bytes` (exactly `byteCount` long).
    /// - Throws: a description of what is inconsistent.
    public init(_ bytes: UnsafeRawBufferPointer, count: Int, lengthWidth: Int, total: Int) throws(DataError) {
        guard let base = bytes.baseAddress, (1...57).contains(lengthWidth), count >= 0, total >= 0,
              bytes.count == Self.byteCount(count: count, lengthWidth: lengthWidth, total: total) else {
            throw .invalid("\(bytes.count) bytes do not hold \(count) offsets of \(lengthWidth)-bit lengths up to \(total)")
        }
        let lengthBytes = PackedInts.byteCount(count: count, width: lengthWidth)
        guard let lengths = PackedInts(UnsafeRawBufferPointer(start: base, count: lengthBytes), count: count, width: lengthWidth),
              let checkpoints = PackedInts(UnsafeRawBufferPointer(start: base + lengthBytes, count: bytes.count - lengthBytes),
                                           count: count / Self.block + 1, width: PackedInts.width(forMax: UInt64(total))) else {
            throw .invalid("the offsets' packed arrays do not fit their bytes")
        }
        guard checkpoints[0] == 0 else { throw .invalid("the offsets do not start at 0") }
        var sum: UInt64 = 0
        for i in 0..<count {
            if i % Self.block == 0, checkpoints[i / Self.block] != sum {
                throw .invalid("offset checkpoint \(i / Self.block) is \(checkpoints[i / Self.block]); the lengths before it sum to \(sum)")
            }
            sum += lengths[i]
            guard sum <= UInt64(total) else { throw .invalid("the lengths pass \(total) at run \(i)") }
        }
        guard sum == UInt64(total), count % Self.block != 0 || checkpoints[count / Self.block] == sum else {
            throw .invalid("the lengths sum to \(sum); expected \(total)")
        }
        self.count = count
        self.total = total
        self.lengths = lengths
        self.checkpoints = checkpoints
    }

    /// Where run `i` starts (0 ≤ i ≤ count; `start(count)` is `total`).
    @inline(__always)
    public func start(_ i: Int) -> Int {
        if i == count { return total }
        var s = checkpoints[i / Self.block]
        var k = i & ~(Self.block - 1)
        while k < i { s += lengths[k]; k += 1 }
        return Int(s)
    }

    /// Run `i`'s length.
    @inline(__always)
    public func length(_ i: Int) -> Int { Int(lengths[i]) }

    /// Run `i`'s positions.
    @inline(__always)
    public func range(_ i: Int) -> Range<Int> {
        let s = start(i)
        return s..<(s + Int(lengths[i]))
    }

    /// The length width for runs of these lengths.
    public static func lengthWidth(_ lengths: some Sequence<Int>) -> Int {
        PackedInts.width(forMax: UInt64(lengths.reduce(0) { max($0, $1) }))
    }

    /// Appends the encoding of runs with these `lengths` (which sum to `total`).
    public static func append(lengths: [Int], lengthWidth: Int, total: Int, to out: inout [UInt8]) {
        PackedInts.append(lengths.lazy.map { UInt64($0) }, width: lengthWidth, to: &out)
        var checkpoints: [UInt64] = []
        var sum = 0
        for (i, length) in lengths.enumerated() {
            if i % block == 0 { checkpoints.append(UInt64(sum)) }
            sum += length
        }
        if lengths.count % block == 0 { checkpoints.append(UInt64(sum)) }
        precondition(sum == total, "PackedOffsets: lengths sum to \(sum), not \(total)")
        PackedInts.append(checkpoints, width: PackedInts.width(forMax: UInt64(total)), to: &out)
    }
}
