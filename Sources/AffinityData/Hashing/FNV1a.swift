/// FNV-1a, 64-bit (Fowler–Noll–Vo; offset basis 0xcbf29ce484222325, prime 0x100000001b3):
/// the one byte hash behind ID interning, model-file ID tables, the dataset fingerprint and the
/// server's user stripes. Stable across runs and platforms (model files store values derived
/// from it), unlike `Hasher`. Callers that need well-mixed high bits add their own finalizer.
public struct FNV1a: Sendable {
    public static let offsetBasis: UInt64 = 0xcbf2_9ce4_8422_2325
    public static let prime: UInt64 = 0x100_0000_01b3

    /// The hash of the bytes combined so far.
    public var value: UInt64 = FNV1a.offsetBasis

    @inlinable public init() {}

    @inlinable @inline(__always)
    public mutating func combine(_ byte: UInt8) { value = (value ^ UInt64(byte)) &* FNV1a.prime }

    @inlinable @inline(__always)
    public mutating func combine(_ bytes: some Sequence<UInt8>) { for b in bytes { combine(b) } }

    /// Combines the little-endian bytes of `v` (the same on every platform).
    @inlinable @inline(__always)
    public mutating func combine<T: FixedWidthInteger>(littleEndian v: T) {
        Swift.withUnsafeBytes(of: v.littleEndian) { for b in $0 { combine(b) } }
    }

    /// FNV-1a of `bytes`.
    @inlinable @inline(__always)
    public static func hash(_ bytes: some Sequence<UInt8>) -> UInt64 {
        var h = FNV1a()
        h.combine(bytes)
        return h.value
    }
}
