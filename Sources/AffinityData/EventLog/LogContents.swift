/// What `FileEventLog` knows about the committed records of its file, built the same way when the log
/// is opened, as commits land, and by a compaction for the file it writes: tombstones and the last
/// sequence number, each user's record offsets, read checkpoints, and the events still on disk that
/// a tombstone hides (a compaction erases them). Not thread-safe (the log holds its lock).
struct LogContents: Sendable {
    var index = EventIndex()
    var users = UserIndex()
    var checkpoints = LogCheckpoints()
    /// Bytes of the file these records fill, from its start (the header included).
    var size = LogFormat.headerBytes
    /// Events still in the file whose user was forgotten after them.
    var hidden = 0

    /// Notes the next framed record of the file: `length` bytes at offset `size` holding `records`.
    /// Returns the number of events its tombstone hid (0 for events).
    @discardableResult
    mutating func append(_ records: [LogRecord], length: Int) -> Int {
        checkpoints.note(size, seqBefore: index.lastSeq)
        let dropped = users.apply(records, at: size)
        for r in records { index.apply(r) }
        hidden += dropped
        size += length
        return dropped
    }
}
