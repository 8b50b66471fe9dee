/// Sparse read positions in a log file: (offset of a record boundary, highest sequence number before it),
/// one per `spacing` bytes, so a scan after a recent sequence number skips the older part of the file.
struct LogCheckpoints: Sendable {
    static let spacing = 4 << 20
    private var marks: [(offset: Int, seqBefore: UInt64)] = []

    /// Notes the record boundary at `offset`; every record before it has a sequence number ≤ `seqBefore`.
    mutating func note(_ offset: Int, seqBefore: UInt64) {
        if offset - (marks.last?.offset ?? LogFormat.headerBytes) >= Self.spacing { marks.append((offset, seqBefore)) }
    }

    /// Where a scan for the records with a sequence number above `seq` may start.
    func start(after seq: UInt64) -> Int {
        marks.last { $0.seqBefore <= seq }?.offset ?? LogFormat.headerBytes
    }
}
