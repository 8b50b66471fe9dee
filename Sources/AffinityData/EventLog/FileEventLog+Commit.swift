import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension FileEventLog {
    /// Writes `records` to the file (caller holds the lock) and queues `completion` for the next fsync.
    /// Returns an error, without queueing, when the log is failed/closed or the write fails; a partial
    /// write is cut back so the file never holds half a record that could be followed by valid ones.
    func write(_ records: [LogRecord], _ completion: @escaping @Sendable (Result<Int, DataError>) -> Void) -> DataError? {
        if let failure { return failure }
        if closing { return .io(file: path, message: "the event log is closed") }
        if records.isEmpty {
            pending.append(Pending(records: [], completion: completion))
            condition.signal()
            return nil
        }
        var bytes: [UInt8] = []
        LogRecord.encode(records, asBatch: true, into: &bytes)
        if bytes.count > LogFormat.maxPayloadBytes {
            return .invalid("\(path): a batch of \(records.count) events encodes to \(bytes.count) bytes, over the record limit of \(LogFormat.maxPayloadBytes); send smaller batches")
        }
        let written = bytes.withUnsafeBytes { writeAll(fd, $0) }
        if let errno = written {
            _ = ftruncate(fd, off_t(fileSize))
            return .io(file: path, message: "append failed: \(String(cString: strerror(errno))); the event was not stored")
        }
        fileSize += bytes.count
        nextSeq = records.last!.seq + 1
        pending.append(Pending(records: records, completion: completion))
        condition.signal()
        return nil
    }

    /// The committer thread: one fsync per group of pending appends, then completes them in order.
    func committerLoop() {
        condition.lock()
        while true {
            while pending.isEmpty && !closing { condition.wait() }
            if pending.isEmpty && closing { break }
            if policy == .batch && !closing {
                // Bounded window: let more appends join this fsync.
                let deadline = Date().addingTimeInterval(Double(batchWindowMicroseconds) / 1e6)
                while !closing, condition.wait(until: deadline) {}
            }
            let batch = pending
            let batchEnd = fileSize
            pending.removeAll(keepingCapacity: true)
            let syncFD = fd
            condition.unlock()
            let syncError: Int32? = syncData(syncFD) == 0 ? nil : errno
            condition.lock()
            if let syncError {
                let error = DataError.io(file: path, message: "fsync failed: \(String(cString: strerror(syncError))); events since the last successful fsync are not acknowledged")
                failure = error
                condition.unlock()
                for p in batch { p.completion(.failure(error)) }
                condition.lock()
                continue
            }
            var compact = false
            for p in batch {
                for r in p.records {
                    index.apply(r)
                    if case .tombstone = r { compact = true }
                }
            }
            syncedSize = batchEnd
            if batchEnd - (checkpoints.last?.offset ?? 0) >= Self.checkpointBytes {
                checkpoints.append((offset: batchEnd, seqBefore: index.lastSeq))
            }
            var removed: Result<[String: Int], DataError> = .success([:])
            if compact { removed = compactLocked() }
            condition.unlock()
            complete(batch, removed: removed)
            condition.lock()
        }
        condition.unlock()
        stoppedSignal()
    }
}

extension FileEventLog {
    /// Completes a committed batch in order; a forget completes with the count its compaction removed.
    private func complete(_ batch: [Pending], removed: Result<[String: Int], DataError>) {
        var counts = (try? removed.get()) ?? [:]
        for p in batch {
            let forgotten = p.records.compactMap { if case .tombstone(_, let user, _) = $0 { user } else { nil } }
            if forgotten.isEmpty { p.completion(.success(0)); continue }
            if case .failure(let error) = removed { p.completion(.failure(error)); continue }
            p.completion(.success(forgotten.reduce(0) { n, user in n + (counts.removeValue(forKey: user) ?? 0) }))
        }
    }
}

/// Writes all of `bytes` to `fd`; returns errno on failure.
func writeAll(_ fd: Int32, _ bytes: UnsafeRawBufferPointer) -> Int32? {
    var offset = 0
    while offset < bytes.count {
        let n = Foundation.write(fd, bytes.baseAddress! + offset, bytes.count - offset)
        if n < 0 {
            if errno == EINTR { continue }
            return errno
        }
        offset += n
    }
    return nil
}

/// fdatasync where available (the file's size changes are covered), fsync elsewhere.
func syncData(_ fd: Int32) -> Int32 {
    #if canImport(Glibc)
    return fdatasync(fd)
    #else
    return fsync(fd)
    #endif
}
