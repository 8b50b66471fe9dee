import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An append-only, crash-safe event log in `directory/events.log` with group commit.
///
/// Appends are written (not yet synced) under a lock in arrival order; a dedicated committer thread
/// runs one fsync for everything written meanwhile and then completes all of those appends together.
/// An append's completion succeeds only after an fsync that covers it, so an acknowledged event
/// survives `kill -9` and power loss. See `FileEventLog+Open.swift` for recovery on open and
/// `FileEventLog+Compaction.swift` for `forget`.
///
/// Memory: only tombstones and counters (`EventIndex`); events are read back from the file
/// (`scanEvents(after:_:)`, up to the bytes the last completed fsync covered).
///
/// `@unchecked Sendable`: all mutable state below is touched only while holding `condition`.
public final class FileEventLog: EventLog, @unchecked Sendable {
    public static let fileName = "events.log"

    public let path: String
    public let policy: FsyncPolicy
    public let batchWindowMicroseconds: Int
    public let openReport: EventLogOpenReport

    let condition = NSCondition()
    var fd: Int32
    /// Bytes written (the append offset).
    var fileSize: Int
    /// Bytes covered by the last completed commit: what `scanEvents` reads.
    var syncedSize: Int
    /// Sparse read positions: (offset of a record boundary, highest seq before it), one per
    /// `checkpointBytes` of committed log, so a scan after a recent seq skips the older part of the file.
    var checkpoints: [(offset: Int, seqBefore: UInt64)]
    static let checkpointBytes = 4 << 20
    var index: EventIndex
    var nextSeq: UInt64
    var pending: [Pending] = []
    var failure: DataError?
    var closing = false
    private let stopped = DispatchSemaphore(value: 0)

    func stoppedSignal() { stopped.signal() }

    struct Pending {
        var records: [LogRecord]
        var completion: @Sendable (Result<Int, DataError>) -> Void
    }

    init(path: String, fd: Int32, fileSize: Int, index: EventIndex, policy: FsyncPolicy,
         batchWindowMicroseconds: Int, report: EventLogOpenReport) {
        self.path = path
        self.fd = fd
        self.fileSize = fileSize
        self.syncedSize = fileSize
        checkpoints = [(offset: fileSize, seqBefore: index.lastSeq)]
        self.index = index
        self.nextSeq = index.lastSeq + 1
        self.policy = policy
        self.batchWindowMicroseconds = batchWindowMicroseconds
        self.openReport = report
        let thread = Thread { [self] in committerLoop() }
        thread.name = "affinity-fsync"
        thread.start()
    }

    deinit { closeFD(fd) }

    public func append(_ events: [NewEvent], completion: @escaping @Sendable (Result<[LoggedEvent], DataError>) -> Void) {
        condition.lock()
        let firstSeq = nextSeq
        let logged = events.enumerated().map { LoggedEvent(seq: firstSeq + UInt64($0.offset), $0.element) }
        let error = write(logged.map(LogRecord.event)) { result in completion(result.map { _ in logged }) }
        condition.unlock()
        if let error { completion(.failure(error)) }
    }

    public func forget(user: String, completion: @escaping @Sendable (Result<Int, DataError>) -> Void) {
        condition.lock()
        let record = LogRecord.tombstone(seq: nextSeq, user: user, timestamp: Int64(Date().timeIntervalSince1970))
        let error = write([record], completion)
        condition.unlock()
        if let error { completion(.failure(error)) }
    }

    public func scanEvents(after seq: UInt64, _ visit: (LoggedEvent) -> Void) throws(DataError) -> UInt64 {
        // A descriptor of its own keeps this inode readable even if a compaction renames a new file in.
        condition.lock()
        let readFD = Foundation.open(path, O_RDONLY | O_CLOEXEC)
        let openErrno = errno
        let limit = syncedSize, live = index
        let start = checkpoints.last { $0.seqBefore <= seq }?.offset ?? LogFormat.headerBytes
        condition.unlock()
        guard readFD >= 0 else { throw .io(file: path, message: "cannot open for reading: \(String(cString: strerror(openErrno)))") }
        defer { closeFD(readFD) }
        try LogFileReader(fd: readFD, path: path).forEachRecord(from: start, limit: limit) { records, _ in
            for case .event(let e) in records where e.seq > seq && live.isLive(e) { visit(e) }
        }
        return live.lastSeq
    }

    public func forgottenUsers() -> [String: UInt64] { locked { index.tombstones } }
    public var lastSeq: UInt64 { locked { index.lastSeq } }

    public func close() {
        condition.lock()
        let wasClosing = closing
        closing = true
        condition.broadcast()
        condition.unlock()
        if !wasClosing { stopped.wait() }
    }

    func locked<T>(_ body: () -> T) -> T {
        condition.lock()
        defer { condition.unlock() }
        return body()
    }
}

func closeFD(_ fd: Int32) {
    if fd >= 0 { _ = close(fd) }
}
