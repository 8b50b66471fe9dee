import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension FileEventLog {
    /// Rewrites the log from the live records (forgotten users' events gone, tombstones kept) plus any
    /// appends written since the current batch was taken, then swaps the file in. Caller holds the lock.
    func compactLocked() -> DataError? {
        var bytes = LogFormat.magic
        LogRecord.encode(index.records, asBatch: false, into: &bytes)
        for p in pending { LogRecord.encode(p.records, asBatch: true, into: &bytes) }
        do {
            try Self.writeFile(path, Data(bytes))
        } catch {
            return error
        }
        let newFD = Foundation.open(path, O_WRONLY | O_APPEND | O_CLOEXEC)
        guard newFD >= 0 else {
            let error = DataError.io(file: path, message: "cannot reopen after compaction: \(String(cString: strerror(errno)))")
            failure = error
            return error
        }
        closeFD(fd)
        fd = newFD
        fileSize = bytes.count
        return nil
    }
}

/// Reads a log without changing it: for retraining (`affinity train als --events DATA_DIR/events.log`)
/// and export. Tombstoned users' earlier events are left out; a torn tail is ignored; damage in the
/// middle throws, naming the offset.
public enum EventLogReader {
    public static func read(path: String) throws(DataError) -> (events: [LoggedEvent], forgotten: [String: UInt64]) {
        guard let image = FileManager.default.contents(atPath: path) else {
            throw .io(file: path, message: "cannot read the event log")
        }
        guard image.count >= LogFormat.headerBytes, Array(image.prefix(LogFormat.headerBytes)) == LogFormat.magic else {
            throw .malformed(file: path, line: 0, column: nil, message: "not an Affinity event log (expected magic \"AFYEVT01\")")
        }
        let scan = image.withUnsafeBytes { LogScanner(bytes: $0, skipDamage: false) }
        if let d = scan.damages.first {
            throw .invalid("\(path): byte offset \(d.offset): \(d.reason), and valid records follow at offset \(d.resume); the log is damaged in the middle")
        }
        var index = EventIndex()
        for r in scan.records { index.apply(r) }
        return (index.events(after: 0), index.tombstones)
    }
}
