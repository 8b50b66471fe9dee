import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension FileEventLog {
    /// Rewrites the log without forgotten users' events (tombstones kept), streaming it through a
    /// temporary file: every record written so far, including appends written after the current batch
    /// was taken (their bytes are carried over unchanged). Then fsync, rename, reopen. Caller holds the
    /// lock. Returns the number of events removed per user.
    func compactLocked() -> Result<[String: Int], DataError> {
        let readFD = Foundation.open(path, O_RDONLY | O_CLOEXEC)
        guard readFD >= 0 else { return .failure(.io(file: path, message: "cannot read for compaction: \(String(cString: strerror(errno)))")) }
        defer { closeFD(readFD) }
        let tmp = path + ".tmp"
        let out = Foundation.open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard out >= 0 else { return .failure(.io(file: tmp, message: "cannot create: \(String(cString: strerror(errno)))")) }
        var removed: [String: Int] = [:]
        var bytes = LogFormat.magic
        var flushed = 0, synced = LogFormat.headerBytes
        let index = self.index
        func flush() throws(DataError) {
            if let failed = bytes.withUnsafeBytes({ writeAll(out, $0) }) {
                throw .io(file: tmp, message: "cannot write: \(String(cString: strerror(failed)))")
            }
            flushed += bytes.count
            bytes.removeAll(keepingCapacity: true)
        }
        do throws(DataError) {
            try LogFileReader(fd: readFD, path: path).forEachRecord(limit: fileSize) { (records, raw) throws(DataError) in
                let kept = records.filter { if case .event(let e) = $0 { index.isLive(e) } else { true } }
                for case .event(let e) in records where !index.isLive(e) { removed[e.user, default: 0] += 1 }
                if kept.count == records.count {
                    bytes.append(contentsOf: raw)
                } else if !kept.isEmpty {
                    LogRecord.encode(kept, asBatch: true, into: &bytes)
                }
                // Records up to the index's last sequence number are committed; later ones are still pending.
                if let last = records.last, last.seq <= index.lastSeq { synced = flushed + bytes.count }
                if bytes.count >= LogFileReader.chunkBytes { try flush() }
            }
            try flush()
            guard syncData(out) == 0 else { throw .io(file: tmp, message: "fsync failed: \(String(cString: strerror(errno)))") }
        } catch {
            closeFD(out)
            _ = unlink(tmp)
            return .failure(error)
        }
        closeFD(out)
        guard rename(tmp, path) == 0 else {
            return .failure(.io(file: path, message: "cannot rename into place: \(String(cString: strerror(errno)))"))
        }
        Self.syncDirectory(of: path)
        let newFD = Foundation.open(path, O_WRONLY | O_APPEND | O_CLOEXEC)
        guard newFD >= 0 else {
            let error = DataError.io(file: path, message: "cannot reopen after compaction: \(String(cString: strerror(errno)))")
            failure = error
            return .failure(error)
        }
        closeFD(fd)
        fd = newFD
        fileSize = flushed
        syncedSize = synced
        checkpoints = [(offset: synced, seqBefore: index.lastSeq)]
        return .success(removed)
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
        return (index.liveEvents(scan.records), index.tombstones)
    }
}
