import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension FileEventLog {
    /// Below this many bytes committed during a compaction, the rest is copied during the swap.
    static let catchUpBytes = 256 << 10

    /// Starts a background compaction, or asks the running one to go again when it is done.
    func requestCompaction() {
        let start = locked { () -> Bool in
            if compacting {
                compactionWanted = true
                return false
            }
            compacting = true
            return true
        }
        guard start else { return }
        let thread = Thread { [self] in compactionLoop() }
        thread.name = "affinity-compact"
        thread.start()
    }

    private func compactionLoop() {
        lowerThreadPriority()
        while true {
            let (covered, error) = compact()
            state.lock()
            if error == nil { erasedThrough = max(erasedThrough, covered) }
            var done: [@Sendable (Result<Void, DataError>) -> Void] = []
            erasureWaiters.removeAll { waiter in
                guard waiter.seq <= max(erasedThrough, covered) else { return false }
                done.append(waiter.completion)
                return true
            }
            let again = compactionWanted
            compactionWanted = false
            if !again {
                compacting = false
                state.broadcast()
            }
            state.unlock()
            for completion in done { completion(error.map { .failure($0) } ?? .success(())) }
            if !again { return }
        }
    }

    /// Rewrites the log without the events hidden by tombstones (tombstones kept), in three steps, so
    /// that appends keep committing meanwhile:
    ///
    /// 1. off every lock: the committed part as it was when the compaction started is streamed into a
    ///    temporary file, dropping the hidden events, and fsynced;
    /// 2. off every lock: records committed meanwhile are copied unchanged (a few rounds, while there is
    ///    much to copy), and fsynced;
    /// 3. holding `fileLock` (the committer waits, appenders do not): the last few records are copied
    ///    and the committer pointed at the new file, which is then fsynced and renamed into place, and
    ///    its contents swapped in for readers (see `swap`).
    ///
    /// A crash at any point leaves either the old file or the complete new one. Returns the highest
    /// sequence number the rewrite covered (every tombstone up to it has its events erased) and the error
    /// that stopped it, if any.
    private func compact() -> (UInt64, DataError?) {
        let (live, end) = locked { (contents.index, contents.size) }
        let readFD = Foundation.open(path, O_RDONLY | O_CLOEXEC)
        guard readFD >= 0 else {
            return (live.lastSeq, .io(file: path, message: "cannot read for compaction: \(String(cString: strerror(errno)))"))
        }
        defer { closeFD(readFD) }
        let reader = LogFileReader(fd: readFD, path: path)
        var output: CompactionOutput
        do {
            output = try CompactionOutput(path: path + ".tmp")
        } catch {
            return (live.lastSeq, error)
        }
        defer { closeFD(output.fd) }
        do throws(DataError) {
            try reader.forEachRecord(limit: end) { (records, raw) throws(DataError) in
                let kept = records.filter { if case .event(let e) = $0 { live.isLive(e) } else { true } }
                if kept.count == records.count {
                    try output.add(records, raw)
                } else if !kept.isEmpty {
                    var bytes: [UInt8] = []
                    LogRecord.encode(kept, asBatch: true, into: &bytes)
                    try output.add(kept, bytes)
                }
            }
            try output.sync()
            var copied = end
            for _ in 0..<3 {
                let committed = locked { contents.size }
                if committed - copied < Self.catchUpBytes { break }
                try output.copy(from: reader, copied..<committed)
                copied = committed
            }
            try output.sync()
            try swap(in: &output, from: reader, copied: copied)
        } catch {
            output.discard()
            return (live.lastSeq, error)
        }
        return (live.lastSeq, nil)
    }

    /// Step 3 of `compact()`. `fileLock` is held (the committer waits; appenders never do) only to copy
    /// the last records and point the committer at the new file. The committer may then write and fsync
    /// its next batch into the new file while this fsyncs it and renames it into place, but it publishes
    /// (acknowledges) that batch only once the rename is durable (`renaming`): a crash leaves either the
    /// old file with every acknowledged event, or the new one.
    private func swap(in output: inout CompactionOutput, from reader: LogFileReader, copied: Int) throws(DataError) {
        fileLock.lock()
        let newFD: Int32
        do throws(DataError) {
            if let failure = queue.withLock({ failure }) { throw failure }
            try output.copy(from: reader, copied..<fileSize)
            try output.write()
            newFD = Foundation.open(output.path, O_WRONLY | O_APPEND | O_CLOEXEC)
            guard newFD >= 0 else { throw .io(file: output.path, message: "cannot open for appending: \(String(cString: strerror(errno)))") }
        } catch {
            fileLock.unlock()
            throw error
        }
        let oldFD = fd
        fd = newFD
        fileSize = output.contents.size
        locked { renaming = true }
        fileLock.unlock()
        closeFD(oldFD)
        var failed: DataError?
        do {
            try output.sync()
        } catch {
            failed = error
        }
        if failed == nil {
            // Renamed and published together: a reader opens the path and takes the contents under `state`.
            let compacted = output.contents
            state.lock()
            if rename(output.path, path) == 0 {
                contents = compacted
            } else {
                failed = .io(file: path, message: "cannot rename the compacted log into place: \(String(cString: strerror(errno)))")
            }
            state.unlock()
        }
        // Best effort, as before: the rename is done and the committer writes to the log; if the rename
        // is lost in a crash, the next open finds the tombstones and erases the forgotten events again.
        if failed == nil { try? AtomicFile.syncDirectory(of: path) }
        // The committer now writes to a file that is not the log: nothing more can be acknowledged.
        if let failed { queue.withLock { failure = failed } }
        locked {
            renaming = false
            state.broadcast()
        }
        if let failed { throw failed }
    }

    /// Compaction yields the processor to serving: nice 10 (on Linux, `who` 0 is the calling thread only).
    private func lowerThreadPriority() {
        #if canImport(Glibc)
        _ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, 10)
        #endif
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
