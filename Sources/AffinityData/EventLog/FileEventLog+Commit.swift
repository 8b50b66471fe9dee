import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension FileEventLog {
    /// The committer thread: takes everything handed over, writes it, runs one fsync for it, then
    /// completes those appends in order. Appenders only ever wait on `queue` for the hand-over itself.
    func committerLoop() {
        queue.lock()
        while true {
            while pending.isEmpty && !closing { queue.wait() }
            if pending.isEmpty && closing { break }
            if policy == .batch && !closing {
                // Bounded window: let more appends join this fsync.
                let deadline = Date().addingTimeInterval(Double(batchWindowMicroseconds) / 1e6)
                while !closing, queue.wait(until: deadline) {}
            }
            let batch = pending
            pending.removeAll(keepingCapacity: true)
            queue.unlock()
            let (outcomes, forgot) = commit(batch)
            if forgot { requestCompaction() }
            for (p, outcome) in zip(batch, outcomes) { p.completion(outcome) }
            queue.lock()
        }
        queue.unlock()
        stoppedSignal()
    }

    /// Writes and syncs `batch`, then publishes its records to readers. Returns each append's outcome
    /// (a forget's: the events its tombstone removed) and whether a tombstone was committed.
    private func commit(_ batch: [Pending]) -> ([Result<Int, DataError>], Bool) {
        fileLock.lock()
        defer { fileLock.unlock() }
        if let failure = queue.withLock({ failure }) { return (batch.map { _ in .failure(failure) }, false) }
        var outcomes = [Result<Int, DataError>](repeating: .success(0), count: batch.count)
        var written = [Bool](repeating: true, count: batch.count)
        let start = fileSize
        var all: [UInt8] = []
        all.reserveCapacity(batch.reduce(0) { $0 + $1.bytes.count })
        for p in batch { all += p.bytes }
        if all.withUnsafeBytes({ writeAll(fd, $0) }) != nil {
            // Cut back, then write one by one so that each append gets its own outcome (a full disk may
            // still take the small ones); a failed one is cut back so no half record stays in the file.
            _ = ftruncate(fd, off_t(start))
            fileSize = start
            for (i, p) in batch.enumerated() {
                if let errno = p.bytes.withUnsafeBytes({ writeAll(fd, $0) }) {
                    _ = ftruncate(fd, off_t(fileSize))
                    written[i] = false
                    outcomes[i] = .failure(.io(file: path, message: "append failed: \(String(cString: strerror(errno))); the event was not stored"))
                } else {
                    fileSize += p.bytes.count
                }
            }
        } else {
            fileSize += all.count
        }
        if syncData(fd) != 0 {
            let error = DataError.io(file: path, message: "fsync failed: \(String(cString: strerror(errno))); events since the last successful fsync are not acknowledged")
            queue.lock()
            failure = error
            queue.unlock()
            return (outcomes.map { _ in .failure(error) }, false)
        }
        state.lock()
        defer { state.unlock() }
        // Written into a compacted file that is still being renamed into place: publish once it is.
        while renaming { state.wait() }
        if let failure = queue.withLock({ failure }) { return (batch.map { _ in .failure(failure) }, false) }
        var forgot = false
        for (i, p) in batch.enumerated() where written[i] && !p.records.isEmpty {
            outcomes[i] = .success(contents.append(p.records, length: p.bytes.count))
            if case .tombstone(let seq, _, _) = p.records[0] {
                latestTombstone = seq
                forgot = true
            }
        }
        return (outcomes, forgot)
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
