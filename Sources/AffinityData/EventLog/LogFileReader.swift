import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads the records of a log file from an open descriptor in bounded chunks (positional reads), so a
/// pass over a large log holds one chunk, not the file. Used for replay, export and compaction.
struct LogFileReader {
    static let chunkBytes = 1 << 20

    let fd: Int32
    let path: String

    /// Calls `visit` with each record's decoded contents and its framed bytes, for the records in
    /// `[from, limit)`. Every byte there was written by this log, so a record that fails its CRC or is cut
    /// short is an error naming the offset.
    func forEachRecord(from: Int = LogFormat.headerBytes, limit: Int,
                       _ visit: ([LogRecord], UnsafeRawBufferPointer) throws(DataError) -> Void) throws(DataError) {
        var buffer: [UInt8] = []
        var bufferStart = from  // file offset of buffer[0]
        var position = from     // file offset of the next record
        while position < limit {
            guard position + 8 <= limit else { throw damaged(position, "incomplete record header") }
            try fill(&buffer, &bufferStart, position: position, through: position + 8, limit: limit)
            let local = position - bufferStart
            let length = buffer.withUnsafeBytes { Int(UInt32(littleEndian: $0.loadUnaligned(fromByteOffset: local, as: UInt32.self))) }
            guard length > 0, length <= LogFormat.maxPayloadBytes, position + 8 + length <= limit else {
                throw damaged(position, "record length \(length) is out of range")
            }
            try fill(&buffer, &bufferStart, position: position, through: position + 8 + length, limit: limit)
            let decoded = buffer.withUnsafeBytes { LogScanner.record(at: position - bufferStart, in: $0) }
            guard let (records, end) = decoded else { throw damaged(position, "record fails its CRC check or does not decode") }
            let start = position - bufferStart
            var failure: DataError?
            buffer.withUnsafeBytes { b in
                do throws(DataError) { try visit(records, UnsafeRawBufferPointer(rebasing: b[start..<end])) } catch { failure = error }
            }
            if let failure { throw failure }
            position = bufferStart + end
        }
    }

    /// Makes `buffer` cover file bytes `[position, end)`: drops what lies before `position`, then reads
    /// at least a chunk (never past `limit`).
    private func fill(_ buffer: inout [UInt8], _ bufferStart: inout Int, position: Int, through end: Int,
                      limit: Int) throws(DataError) {
        if end <= bufferStart + buffer.count { return }
        buffer.removeFirst(position - bufferStart)
        bufferStart = position
        let want = min(limit, max(end, position + Self.chunkBytes)) - (bufferStart + buffer.count)
        let old = buffer.count
        buffer.append(contentsOf: [UInt8](repeating: 0, count: want))
        try read(into: &buffer, from: old, at: bufferStart + old)
    }

    /// Calls `visit` with the decoded contents of the framed record at each of `offsets` (positional
    /// reads of those records only: an index lookup, not a pass over the file).
    func records(at offsets: [Int], _ visit: ([LogRecord]) -> Void) throws(DataError) {
        var buffer: [UInt8] = []
        for offset in offsets {
            buffer.removeAll(keepingCapacity: true)
            buffer.append(contentsOf: [UInt8](repeating: 0, count: 8))
            try read(into: &buffer, from: 0, at: offset)
            let length = buffer.withUnsafeBytes { Int(UInt32(littleEndian: $0.loadUnaligned(fromByteOffset: 0, as: UInt32.self))) }
            guard length > 0, length <= LogFormat.maxPayloadBytes else { throw damaged(offset, "record length \(length) is out of range") }
            buffer.append(contentsOf: [UInt8](repeating: 0, count: length))
            try read(into: &buffer, from: 8, at: offset + 8)
            guard let (decoded, _) = buffer.withUnsafeBytes({ LogScanner.record(at: 0, in: $0) }) else {
                throw damaged(offset, "record fails its CRC check or does not decode")
            }
            visit(decoded)
        }
    }

    /// Fills `buffer[from...]` with the file's bytes starting at `fileOffset`.
    private func read(into buffer: inout [UInt8], from start: Int, at fileOffset: Int) throws(DataError) {
        let want = buffer.count - start
        var done = 0
        while done < want {
            let n = buffer.withUnsafeMutableBytes { b in
                pread(fd, b.baseAddress! + start + done, want - done, off_t(fileOffset + done))
            }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else {
                throw .io(file: path, message: n == 0 ? "the log ended early at byte \(fileOffset + done)"
                                                      : "read failed: \(String(cString: strerror(errno)))")
            }
            done += n
        }
    }

    private func damaged(_ offset: Int, _ reason: String) -> DataError {
        .invalid("\(path): byte offset \(offset): \(reason), in a part of the log this process wrote and synced")
    }
}
