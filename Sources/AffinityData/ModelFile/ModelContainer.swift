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
/// Writers write to a temporary file beside the target and rename it into place, so a
/// reader never sees a half-written model.
public enum ModelContainer {
    public static let endMarker: [UInt8] = Array("AFN!".utf8)
    static let alignment = 64

    /// Writes `header` and `sections` to `path` atomically (temp file + rename).
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
        let temporary = path + ".tmp-\(getpid())"
        guard let file = fopen(temporary, "wb") else {
            throw .io(file: path, message: "cannot create \(temporary): \(String(cString: strerror(errno)))")
        }
        var crc = crc32(0, nil, 0)
        var written = 0
        var failed = false
        func emit(_ bytes: UnsafeRawBufferPointer) {
            guard !failed, let base = bytes.baseAddress, bytes.count > 0 else { return }
            var done = 0
            while done < bytes.count {  // zlib takes 32-bit lengths
                let n = min(bytes.count - done, 1 << 30)
                crc = crc32(crc, (base + done).assumingMemoryBound(to: Bytef.self), uInt(n))
                done += n
            }
            if fwrite(base, 1, bytes.count, file) != bytes.count { failed = true }
            written += bytes.count
        }
        layout.withUnsafeBytes { emit($0) }
        let zeros = [UInt8](repeating: 0, count: alignment)
        for (s, start) in zip(sections, offsets) {
            zeros.withUnsafeBytes { emit(UnsafeRawBufferPointer(rebasing: $0[0..<(start - written)])) }
            emit(s)
        }
        var trailer = [UInt8]()
        trailer.appendLittleEndian(UInt32(crc))
        trailer += endMarker
        if !failed { failed = trailer.withUnsafeBytes { fwrite($0.baseAddress, 1, 8, file) } != 8 }
        if fflush(file) != 0 || fsync(fileno(file)) != 0 { failed = true }
        fclose(file)
        if failed || rename(temporary, path) != 0 {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw .io(file: path, message: "cannot write model file: \(reason)")
        }
    }
}

extension Array where Element == UInt8 {
    mutating func appendLittleEndian<T: FixedWidthInteger>(_ v: T) {
        Swift.withUnsafeBytes(of: v.littleEndian) { append(contentsOf: $0) }
    }
}
