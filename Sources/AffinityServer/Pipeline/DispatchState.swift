/// The request-order and flow-control state of one connection's `DispatchHandler`, without NIO.
///
/// Requests get sequence numbers as they arrive; replies complete in any order and are released in
/// request order. At most `maxInFlight` requests are open: beyond that a read is held back until a
/// reply goes out. A reply marked `close` is written, flushed and closes the connection; replies
/// released after it are discarded (but still counted). Draining (shutdown, or the client closed its
/// input) stops reads and closes once nothing is in flight. While `holdsFlush` is set (a read round or
/// a recommend batch delivering replies) writes are flushed once at the end instead of per reply.
///
/// The handler feeds events in (`accept`, `complete`, `readRequested`, `drain`) and then performs
/// `nextAction()` until it returns nil.
struct DispatchState<Reply> {
    enum Action {
        /// Count and write this reply.
        case write(Reply)
        /// Count this reply without writing it: the connection is closing.
        case discard(Reply)
        case flush
        /// Ask the channel for more data.
        case read
        case close
    }

    private enum Phase {
        case idle
        /// Releasing completed replies in request order, then settling.
        case releasing
        /// Checking whether to flush, read or close.
        case settling
        /// A reply that closes the connection was written: flush, then close.
        case flushThenClose
        case closeNow
    }

    let maxInFlight: Int
    private var nextSeq = 0
    private var nextToWrite = 0
    private var done: [Int: (reply: Reply, close: Bool)] = [:]
    private var readPending = false
    private(set) var draining = false
    private(set) var closing = false
    /// Set while reads or a batch deliver replies: they flush once at the end instead of per reply.
    var holdsFlush = false
    private var needsFlush = false
    private var phase = Phase.idle

    init(maxInFlight: Int) {
        self.maxInFlight = maxInFlight
    }

    var inFlight: Int { nextSeq - nextToWrite }

    /// A request arrived: its sequence number, or nil when the connection is closing (it is dropped).
    mutating func accept() -> Int? {
        if closing { return nil }
        defer { nextSeq += 1 }
        return nextSeq
    }

    /// Request `seq` has its reply; `close` closes the connection after it.
    mutating func complete(_ seq: Int, _ reply: Reply, close: Bool = false) {
        done[seq] = (reply, close)
        phase = .releasing
    }

    /// The channel asks for data: true to pass the read on, false to hold it back.
    mutating func readRequested() -> Bool {
        if inFlight >= maxInFlight || draining {
            readPending = true
            return false
        }
        return true
    }

    /// Stop reading and close once nothing is in flight.
    mutating func drain() {
        draining = true
        phase = .settling
    }

    /// The held flush is due (end of a read round or of a batch): true to flush.
    mutating func flushIfNeeded() -> Bool {
        defer { needsFlush = false }
        return needsFlush
    }

    /// The next thing to do after an event; nil when there is nothing more.
    mutating func nextAction() -> Action? {
        switch phase {
        case .idle:
            return nil
        case .releasing:
            if let next = done.removeValue(forKey: nextToWrite) {
                nextToWrite += 1
                if closing { return .discard(next.reply) }
                if next.close {
                    closing = true
                    needsFlush = false
                    phase = .flushThenClose
                } else {
                    needsFlush = true
                }
                return .write(next.reply)
            }
            phase = .settling
            return settle()
        case .settling:
            return settle()
        case .flushThenClose:
            phase = .closeNow
            return .flush
        case .closeNow:
            phase = .idle
            return .close
        }
    }

    private mutating func settle() -> Action? {
        if !holdsFlush && needsFlush {
            needsFlush = false
            return .flush
        }
        if readPending && inFlight < maxInFlight && !draining {
            readPending = false
            return .read
        }
        if draining && inFlight == 0 && !closing {
            closing = true
            if needsFlush {
                needsFlush = false
                phase = .closeNow
                return .flush
            }
            phase = .idle
            return .close
        }
        phase = .idle
        return nil
    }
}

extension DispatchState.Action: Equatable where Reply: Equatable {}
