/// An event log that several servers write at once (the fleet's PostgreSQL store, docs/FLEET.md):
/// each server also follows what the others commit.
///
/// Sequence numbers are drawn before commit, so with several writers a lower one may become visible
/// after a higher one. A follower therefore keeps two things per user store: a watermark below which
/// everything that will ever commit has been applied, and the set of sequence numbers above it that
/// it applied already (its own acknowledged events among them). `poll` returns every visible record
/// above the watermark and how far the watermark may now move.
///
/// `scanEvents(after:)` keeps the `EventLog` contract: it visits only records up to the sequence
/// number it returns, and every record up to that number that will ever commit is visible to it.
public protocol SharedEventLog: EventLog {
    /// Every visible record (events of users not forgotten since, and tombstones) with `seq > after`,
    /// oldest first, at most `limit` of them, read in one snapshot; and the highest sequence number
    /// below which every record that will ever commit is visible in that snapshot (capped at the last
    /// record returned when `limit` cut the page). Blocks: never call it on an event-loop thread.
    func poll(after seq: UInt64, limit: Int) throws(DataError) -> TailBatch

    /// Waits until another writer may have committed something (a notification from the store), or
    /// `timeout` seconds passed. Returns true when woken by a notification.
    func waitForCommit(timeout: Double) -> Bool
}
