import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The file a compaction writes (`events.log.tmp`): framed records appended through a buffer flushed in
/// chunks, and the `LogContents` they describe (offsets in the new file), built as they are added.
struct CompactionOutput {
    let fd: Int32
    let path: String
    private(set) var contents = LogContents()
    private var buffer = LogFormat.magic

    init(path: String) throws(DataError) {
        fd = Foundation.open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw .io(file: path, message: "cannot create: \(String(cString: strerror(errno)))") }
        self.path = path
    }

    /// Appends one framed record (`bytes`) holding `records`.
    mutating func add<Bytes: Collection<UInt8>>(_ records: [LogRecord], _ bytes: Bytes) throws(DataError) {
        buffer.append(contentsOf: bytes)
        contents.append(records, length: bytes.count)
        if buffer.count >= LogFileReader.chunkBytes { try flush(sync: true) }
    }

    /// Copies the records of `reader`'s file in `range` unchanged.
    mutating func copy(from reader: LogFileReader, _ range: Range<Int>) throws(DataError) {
        try reader.forEachRecord(from: range.lowerBound, limit: range.upperBound) { (records, raw) throws(DataError) in
            try add(records, raw)
        }
    }

    /// Writes what is buffered and fsyncs the file.
    mutating func sync() throws(DataError) {
        try flush(sync: true)
    }

    /// Writes what is buffered, without an fsync.
    mutating func write() throws(DataError) {
        try flush(sync: false)
    }

    /// Removes the file (a compaction that did not finish; the owner closes `fd`).
    func discard() {
        _ = unlink(path)
    }

    /// Writes the buffer and syncs it: writing back chunk by chunk keeps the disk's queue short for the
    /// log's own fsyncs (one large fsync at the end would hold them up) and the final fsync small.
    private mutating func flush(sync: Bool) throws(DataError) {
        if let failed = buffer.withUnsafeBytes({ writeAll(fd, $0) }) {
            throw .io(file: path, message: "cannot write: \(String(cString: strerror(failed)))")
        }
        buffer.removeAll(keepingCapacity: true)
        guard !sync || syncData(fd) == 0 else { throw .io(file: path, message: "fsync failed: \(String(cString: strerror(errno)))") }
    }
}
