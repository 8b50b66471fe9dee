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
        buffer.append(contentsOf: repeatElement(0, count: want))
        var done = 0
        while done < want {
            let n = buffer.withUnsafeMutableBytes { b in
                pread(fd, b.baseAddress! + old + done, want - done, off_t(bufferStart + old + done))
            }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else {
                throw .io(file: path, message: n == 0 ? "the log ended early at byte \(bufferStart + old + done)"
                                                      : "read failed: \(String(cString: strerror(errno)))")
            }
            done += n
        }
    }

    private func damaged(_ offset: Int, _ reason: String) -> DataError {
        .invalid("\(path): byte offset \(offset): \(reason), in a part of the log this process wrote and synced")
    }
}
