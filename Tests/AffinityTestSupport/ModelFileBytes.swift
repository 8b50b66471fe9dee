/// Byte-level helpers for tests that damage model containers (docs/FORMATS.md).
public enum ModelFileBytes {
    /// Applies `change` and writes a fresh CRC-32, so only the changed bytes can be the reason for refusal.
    public static func resealed(_ bytes: [UInt8], _ change: (inout [UInt8]) -> Void) -> [UInt8] {
        var bytes = bytes
        change(&bytes)
        let crc = crc32(bytes[..<(bytes.count - 8)])
        withUnsafeBytes(of: crc.littleEndian) { bytes.replaceSubrange((bytes.count - 8)..<(bytes.count - 4), with: $0) }
        return bytes
    }

    /// Section `s`'s (offset, byte count) from the container's section table.
    public static func section(_ bytes: [UInt8], _ s: Int) -> (offset: Int, count: Int) {
        (u64(bytes, 24 + 16 * s), u64(bytes, 32 + 16 * s))
    }

    public static func u64(_ bytes: [UInt8], _ at: Int) -> Int {
        (0..<8).reduce(0) { $0 | Int(bytes[at + $1]) << (8 * $1) }
    }

    /// Writes `value`'s low `width` bytes little-endian at `at`.
    public static func put(_ bytes: inout [UInt8], _ at: Int, _ value: UInt64, width: Int) {
        for b in 0..<width { bytes[at + b] = UInt8(truncatingIfNeeded: value >> (8 * UInt64(b))) }
    }

    /// Bitwise CRC-32 (IEEE, reflected), the reference for zlib's crc32.
    public static func crc32(_ bytes: ArraySlice<UInt8>) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for b in bytes {
            crc ^= UInt32(b)
            for _ in 0..<8 { crc = (crc >> 1) ^ (0xEDB8_8320 & (0 &- (crc & 1))) }
        }
        return ~crc
    }
}

extension ModelFileBytes {
    /// Decodes `count` packed values of `width` bits at `at` (the `PackedInts` layout), lets
    /// `change` edit them (each must still fit in `width` bits), and packs them back in place.
    public static func repack(_ bytes: inout [UInt8], at: Int, count: Int, width: Int, _ change: (inout [UInt64]) -> Void) {
        var values = unpack(bytes, at: at, count: count, width: width)
        change(&values)
        var packed: [UInt8] = []
        var accumulator: UInt64 = 0, bits = 0
        for v in values {
            accumulator |= (v & ((1 << UInt64(width)) - 1)) << UInt64(bits)
            bits += width
            while bits >= 8 { packed.append(UInt8(truncatingIfNeeded: accumulator)); accumulator >>= 8; bits -= 8 }
        }
        if bits > 0 { packed.append(UInt8(truncatingIfNeeded: accumulator)) }
        bytes.replaceSubrange(at..<(at + packed.count), with: packed)
    }

    /// `count` values of `width` bits from the bit stream at `at` (bit j = bit j mod 8 of byte j/8).
    public static func unpack(_ bytes: [UInt8], at: Int, count: Int, width: Int) -> [UInt64] {
        (0..<count).map { k in
            var v: UInt64 = 0
            for b in 0..<width {
                let bit = k * width + b
                v |= UInt64((bytes[at + bit / 8] >> UInt8(bit % 8)) & 1) << UInt64(b)
            }
            return v
        }
    }

    /// Bits needed for 0...x (at least 1).
    public static func width(_ x: Int) -> Int { max(1, 64 - UInt64(x).leadingZeroBitCount) }

    /// Packed bytes of `count` values of `width` bits, the 8 padding bytes included.
    public static func packedBytes(_ count: Int, _ width: Int) -> Int { (count * width + 7) / 8 + 8 }
}
