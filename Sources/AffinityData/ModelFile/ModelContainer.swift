import CZlib
public import Foundation

/// Affinity's versioned binary container for trained models.
///
///     offset 0   magic              8 bytes, chosen by the model kind (e.g. "AFFNALS\0")
///            8   format version     u32le
///           12   header byte count  u32le (H)
///           16   section count      u64le (S)
///           24   section table      S × (u64le offset, u64le byte count)
///                header             H bytes of UTF-8 JSON (the model's Codable header)
///                sections           raw little-endian arrays, each starting on a 64-byte boundary
///     end − 8    crc32              u32le, zlib CRC-32 of every byte before it
///     end − 4    end marker         "AFN!"
///
/// Sections are aligned so a reader can use factor arrays in place (`MappedModelContainer` reads
/// the file into page-aligned memory).
/// Files are written with `AtomicFile`, so a reader never sees a half-written model.
public enum ModelContainer {
    public static let endMarker: [UInt8] = Array("AFN!".utf8)
    static let alignment = 64

    /// Writes `header` and `sections` to `path` with `AtomicFile` (temporary file, fsync, rename).
    /// - Throws: `DataError.io` naming the path when the file cannot be written.
    public static func write(path: String, magic: [UInt8], version: UInt32, header: Data,
                             sections: [UnsafeRawBufferPointer]) throws(DataError) {
        precondition(magic.count == 8, "ModelContainer: magic must be 8 bytes")
        var layout = [UInt8]()
        layout += magic
        layout.appendLittleEndian(version)
        layout.appendLittleEndian(UInt32(header.count))
        layout.appendLittleEndian(UInt64(sections.count))
        var offset = 24 + 16 * sections.count + header.count
        var offsets: [Int] = []
        for s in sections {
            offset = (offset + alignment - 1) / alignment * alignment
            offsets.append(offset)
            layout.appendLittleEndian(UInt64(offset))
            layout.appendLittleEndian(UInt64(s.count))
            offset += s.count
        }
        layout += header
        try AtomicFile.write(to: path) { (file) throws(DataError) in
            var crc = crc32(0, nil, 0)
            var written = 0
            var failure: DataError?
            func emit(_ bytes: UnsafeRawBufferPointer) {
                guard failure == nil, let base = bytes.baseAddress, bytes.count > 0 else { return }
                var done = 0
                while done < bytes.count {  // zlib takes 32-bit lengths
                    let n = min(bytes.count - done, 1 << 30)
                    crc = crc32(crc, (base + done).assumingMemoryBound(to: Bytef.self), uInt(n))
                    done += n
                }
                do throws(DataError) { try file.write(bytes) } catch { failure = error }
                written += bytes.count
            }
            layout.withUnsafeBytes { emit($0) }
            let zeros = [UInt8](repeating: 0, count: alignment)
            for (s, start) in zip(sections, offsets) {
                zeros.withUnsafeBytes { emit(UnsafeRawBufferPointer(rebasing: $0[0..<(start - written)])) }
                emit(s)
            }
            if let failure { throw failure }
            var trailer = [UInt8]()
            trailer.appendLittleEndian(UInt32(crc))
            trailer += endMarker
            try file.write(trailer)
        }
    }
}

extension Array where Element == UInt8 {
    mutating func appendLittleEndian<T: FixedWidthInteger>(_ v: T) {
        Swift.withUnsafeBytes(of: v.littleEndian) { append(contentsOf: $0) }
    }
}
