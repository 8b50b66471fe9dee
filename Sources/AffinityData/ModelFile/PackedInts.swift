/// Unsigned integers of a fixed bit width packed into a little-endian bit stream: value k holds
/// bits [k·w, (k+1)·w), bit j being bit (j mod 8) of byte ⌊j/8⌋; 8 zero bytes follow, so one
/// unaligned 8-byte load at any value's first byte stays inside. Widths are 1...57 bits.
///
/// `@unchecked Sendable` is safe: `base` addresses immutable bytes owned by the caller's container.
public struct PackedInts: @unchecked Sendable {
    public let count: Int
    public let width: Int
    private let base: UnsafeRawPointer
    private let mask: UInt64

    /// The width that holds every value in 0...maxValue (at least 1 bit).
    public static func width(forMax maxValue: UInt64) -> Int { max(1, 64 - maxValue.leadingZeroBitCount) }

    /// Bytes taken by `count` values of `width` bits, padding included.
    public static func byteCount(count: Int, width: Int) -> Int { (count * width + 7) / 8 + 8 }

    /// Reads `count` values of `width` bits from `bytes`, which must be exactly
    /// `byteCount(count:width:)` long (else nil).
    public init?(_ bytes: UnsafeRawBufferPointer, count: Int, width: Int) {
        guard (1...57).contains(width), count >= 0, let base = bytes.baseAddress,
              bytes.count == Self.byteCount(count: count, width: width) else { return nil }
        self.count = count
        self.width = width
        self.base = base
        mask = (1 << UInt64(width)) - 1
    }

    /// Value `k` (0 ≤ k < count; checked in debug builds only — callers check ranges).
    @inline(__always)
    public subscript(k: Int) -> UInt64 {
        assert(k >= 0 && k < count, "PackedInts: index \(k) out of 0..<\(count)")
        let bit = k * width
        return (base.loadUnaligned(fromByteOffset: bit >> 3, as: UInt64.self) >> UInt64(bit & 7)) & mask
    }

    /// Packs `values` (each below 2^width) and appends the bytes, padding included, to `out`.
    public static func append(_ values: some Sequence<UInt64>, width: Int, to out: inout [UInt8]) {
        precondition((1...57).contains(width), "PackedInts: width \(width) out of 1...57")
        var accumulator: UInt64 = 0, bits = 0
        for v in values {
            precondition(v >> UInt64(width) == 0, "PackedInts: \(v) does not fit in \(width) bits")
            accumulator |= v << UInt64(bits)
            bits += width
            while bits >= 8 {
                out.append(UInt8(truncatingIfNeeded: accumulator))
                accumulator >>= 8
                bits -= 8
            }
        }
        if bits > 0 { out.append(UInt8(truncatingIfNeeded: accumulator)) }
        out += [UInt8](repeating: 0, count: 8)
    }
}
