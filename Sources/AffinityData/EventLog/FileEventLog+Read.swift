import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension FileEventLog {
    public func scanEvents(after seq: UInt64, _ visit: (LoggedEvent) -> Void) throws(DataError) -> UInt64 {
        let (reader, (live, start, size)) = try openForReading { ($0.index, $0.checkpoints.start(after: seq), $0.size) }
        defer { closeFD(reader.fd) }
        try reader.forEachRecord(from: start, limit: size) { records, _ in
            for case .event(let e) in records where e.seq > seq && live.isLive(e) { visit(e) }
        }
        return live.lastSeq
    }

    /// Reads only the records the index lists for `user` (they hold no forgotten event of theirs).
    public func events(of user: String) throws(DataError) -> [LoggedEvent] {
        let (reader, offsets) = try openForReading { $0.users.positions(of: user) }
        defer { closeFD(reader.fd) }
        var out: [LoggedEvent] = []
        try reader.records(at: offsets) { records in
            for case .event(let e) in records where e.user == user { out.append(e) }
        }
        return out
    }

    public func knows(user: String) throws(DataError) -> Bool {
        locked { contents.index.tombstones[user] != nil || contents.users.contains(user) }
    }

    public func whenErased(_ completion: @escaping @Sendable (Result<Void, DataError>) -> Void) {
        let done = locked {
            if latestTombstone <= erasedThrough { return true }
            erasureWaiters.append((latestTombstone, completion))
            return false
        }
        if done { completion(.success(())) }
    }

    /// A descriptor of the current file and what `take` reads from the committed contents, taken
    /// together (a compaction swaps both under `state`): the descriptor keeps that inode readable after
    /// a compaction renames a new file in.
    private func openForReading<T>(_ take: (LogContents) -> T) throws(DataError) -> (LogFileReader, T) {
        state.lock()
        let fd = Foundation.open(path, O_RDONLY | O_CLOEXEC)
        let openErrno = errno
        let taken = take(contents)
        state.unlock()
        guard fd >= 0 else { throw .io(file: path, message: "cannot open for reading: \(String(cString: strerror(openErrno)))") }
        return (LogFileReader(fd: fd, path: path), taken)
    }
}
