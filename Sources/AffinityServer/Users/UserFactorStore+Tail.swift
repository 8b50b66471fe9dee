public import AffinityData
import Foundation

extension UserFactorStore {
    /// Applies what a replica's tail read (`SharedEventLog.poll`): each record not applied yet (an event
    /// is added to its user's sums, solved at the user's next read; a tombstone drops the user's state).
    /// Then `advance(to: batch.covered)`.
    public func applyTail(_ batch: TailBatch) {
        applied.withLock { applied in
            for record in batch.records where applied.claim(record.seq) {
                switch record {
                case .event(let e): add(e)
                case .tombstone(let seq, let user, _): forget(user, before: seq)
                }
            }
        }
    }

    /// Hides `user`'s trained data and drops their online state unless it began after the tombstone
    /// `seq` (events this replica applied from after the forget stay).
    private func forget(_ user: String, before seq: UInt64) {
        forgotten.withLock { _ = $0.insert(user) }
        stripe(user).withLock { users in
            if let state = users[user], state.born < seq { users.removeValue(forKey: user) }
        }
    }
}
