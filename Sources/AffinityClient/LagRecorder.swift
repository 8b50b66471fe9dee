import Foundation

/// The acknowledgements of a lag probe, from many tasks.
final class LagRecorder: @unchecked Sendable {
    // `@unchecked Sendable`: every field is touched only under `lock`.
    private let lock = NSLock()
    private var list: [(seq: UInt64, time: Double)] = []
    private var failed = 0
    private var finished = false

    func acknowledged(_ seq: UInt64?, at time: Double) {
        lock.withLock {
            if let seq { list.append((seq, time)) } else { failed += 1 }
        }
    }

    func finishSending() { lock.withLock { finished = true } }

    /// The highest acknowledged seq once sending finished; nil before.
    func highestIfFinished() -> UInt64? {
        lock.withLock { finished ? (list.map(\.seq).max() ?? 0) : nil }
    }

    var acks: [(seq: UInt64, time: Double)] { lock.withLock { list } }
    var errors: Int { lock.withLock { failed } }
}
