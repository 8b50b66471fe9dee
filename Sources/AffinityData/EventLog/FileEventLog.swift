import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An append-only, crash-safe event log in `directory/events.log` with group commit.
///
/// An append encodes its record and hands the bytes to the committer thread under a short lock (no
/// I/O: an event loop never waits on the file). The committer writes everything handed over meanwhile
/// in one `write(2)`, runs one fsync for it and then completes all of those appends together, so an
/// acknowledged event survives `kill -9` and power loss. A forget is a tombstone committed the same way;
/// a background compaction then rewrites the file without the forgotten events while appends keep
/// committing (`FileEventLog+Compaction.swift`). See `FileEventLog+Open.swift` for recovery on open.
///
/// Memory: tombstones, counters and one offset per live event (`LogContents`); events are read back
/// from the file: a user's by their offsets, a replay by a pass from a checkpoint.
///
/// `@unchecked Sendable`: each group of mutable state below is touched only while holding its lock.
/// Lock order: `fileLock`, then `state`, then `queue`.
public final class FileEventLog: EventLog, @unchecked Sendable {
    public static let fileName = "events.log"

    public let path: String
    public let policy: FsyncPolicy
    public let batchWindowMicroseconds: Int
    public let openReport: EventLogOpenReport

    // Handed-over appends (`queue`): encoded, not yet written.
    let queue = NSCondition()
    var pending: [Pending] = []
    var nextSeq: UInt64
    var failure: DataError?
    var closing = false

    // The file (`fileLock`): written by the committer, swapped by a compaction.
    let fileLock = NSLock()
    var fd: Int32
    /// Bytes written (the append offset).
    var fileSize: Int

    // What readers see (`state`): the committed records, and the compaction's bookkeeping.
    let state = NSCondition()
    var contents: LogContents
    /// Sequence number of the latest committed tombstone, and the highest one whose events are erased.
    var latestTombstone: UInt64 = 0
    var erasedThrough: UInt64 = 0
    var erasureWaiters: [(seq: UInt64, completion: @Sendable (Result<Void, DataError>) -> Void)] = []
    var compacting = false
    var compactionWanted = false
    /// A compaction has pointed the committer at the new file and is renaming it into place.
    var renaming = false

    private let stopped = DispatchSemaphore(value: 0)

    struct Pending {
        var bytes: [UInt8]
        var records: [LogRecord]
        var completion: @Sendable (Result<Int, DataError>) -> Void
    }

    init(path: String, fd: Int32, contents: LogContents, policy: FsyncPolicy, batchWindowMicroseconds: Int,
         report: EventLogOpenReport) {
        self.path = path
        self.fd = fd
        self.fileSize = contents.size
        self.contents = contents
        self.nextSeq = contents.index.lastSeq + 1
        self.policy = policy
        self.batchWindowMicroseconds = batchWindowMicroseconds
        self.openReport = report
        let thread = Thread { [self] in committerLoop() }
        thread.name = "affinity-fsync"
        thread.start()
        // Events a crash left hidden but not yet erased (a compaction that did not finish).
        latestTombstone = contents.index.tombstones.values.max() ?? 0
        if contents.hidden > 0 { requestCompaction() } else { erasedThrough = latestTombstone }
    }

    deinit { closeFD(fd) }

    public func append(_ events: [NewEvent], completion: @escaping @Sendable (Result<[LoggedEvent], DataError>) -> Void) {
        queue.lock()
        let firstSeq = nextSeq
        let logged = events.enumerated().map { LoggedEvent(seq: firstSeq + UInt64($0.offset), $0.element) }
        let error = enqueue(logged.map(LogRecord.event)) { result in completion(result.map { _ in logged }) }
        queue.unlock()
        if let error { completion(.failure(error)) }
    }

    public func forget(user: String, completion: @escaping @Sendable (Result<Int, DataError>) -> Void) {
        queue.lock()
        let record = LogRecord.tombstone(seq: nextSeq, user: user, timestamp: Int64(Date().timeIntervalSince1970))
        let error = enqueue([record], completion)
        queue.unlock()
        if let error { completion(.failure(error)) }
    }

    /// Encodes `records` and hands them to the committer (caller holds `queue`). Returns an error,
    /// without queueing, when the log is failed or closed or the records are too large for one record.
    private func enqueue(_ records: [LogRecord], _ completion: @escaping @Sendable (Result<Int, DataError>) -> Void) -> DataError? {
        if let failure { return failure }
        if closing { return .io(file: path, message: "the event log is closed") }
        var bytes: [UInt8] = []
        LogRecord.encode(records, asBatch: true, into: &bytes)
        if bytes.count > LogFormat.maxPayloadBytes {
            return .invalid("\(path): a batch of \(records.count) events encodes to \(bytes.count) bytes, over the record limit of \(LogFormat.maxPayloadBytes); send smaller batches")
        }
        if let last = records.last { nextSeq = last.seq + 1 }
        pending.append(Pending(bytes: bytes, records: records, completion: completion))
        queue.signal()
        return nil
    }

    public func forgottenUsers() -> [String: UInt64] { locked { contents.index.tombstones } }
    public var lastSeq: UInt64 { locked { contents.index.lastSeq } }

    public func close() {
        queue.lock()
        let wasClosing = closing
        closing = true
        queue.broadcast()
        queue.unlock()
        if !wasClosing { stopped.wait() }
        // A compaction under way finishes, so the forgotten events are erased before the process exits.
        state.lock()
        while compacting { state.wait() }
        state.unlock()
    }

    func stoppedSignal() { stopped.signal() }

    func locked<T>(_ body: () -> T) -> T {
        state.lock()
        defer { state.unlock() }
        return body()
    }
}

func closeFD(_ fd: Int32) {
    if fd >= 0 { _ = close(fd) }
}
