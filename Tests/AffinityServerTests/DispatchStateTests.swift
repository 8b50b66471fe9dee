@testable import AffinityServer
import Testing

/// `DispatchState` without NIO: replies in request order, the in-flight limit, flushing once per
/// round, closing after a reply and draining. Replies are strings named after their request.
@Suite struct DispatchStateTests {
    typealias State = DispatchState<String>

    /// Every action the state asks for now.
    private func actions(_ s: inout State) -> [State.Action] {
        var out: [State.Action] = []
        while let a = s.nextAction() { out.append(a) }
        return out
    }

    @Test func repliesGoOutInRequestOrderWhateverOrderTheyComplete() {
        var s = State(maxInFlight: 8)
        let seqs = (0..<3).map { _ in s.accept()! }
        #expect(seqs == [0, 1, 2])
        s.complete(2, "r2")
        #expect(actions(&s).isEmpty, "request 0 is still open: nothing may be written")
        s.complete(0, "r0")
        #expect(actions(&s) == [.write("r0"), .flush])
        s.complete(1, "r1")
        #expect(actions(&s) == [.write("r1"), .write("r2"), .flush])
        #expect(s.inFlight == 0)
    }

    @Test func heldFlushGoesOutOnceAtTheEndOfTheRound() {
        var s = State(maxInFlight: 8)
        s.holdsFlush = true
        for i in 0..<3 {
            let seq = s.accept()!
            s.complete(seq, "r\(i)")
            #expect(actions(&s) == [.write("r\(i)")])
        }
        s.holdsFlush = false
        let first = s.flushIfNeeded(), second = s.flushIfNeeded()
        #expect(first)
        #expect(!second, "flushed once")
    }

    @Test func readsAreHeldAtTheLimitAndResumeWhenAReplyGoesOut() {
        var s = State(maxInFlight: 2)
        _ = s.accept()
        let belowLimit = s.readRequested()
        #expect(belowLimit, "one open, below the limit of 2")
        _ = s.accept()
        let atLimit = s.readRequested()
        #expect(!atLimit, "two open: held")
        _ = s.accept()
        let overLimit = s.readRequested()
        #expect(!overLimit, "three open (bytes already buffered): held")
        s.complete(0, "r0")
        #expect(actions(&s) == [.write("r0"), .flush], "two open: still at the limit")
        s.complete(1, "r1")
        #expect(actions(&s) == [.write("r1"), .flush, .read], "one open: the held read goes out, once")
        s.complete(2, "r2")
        #expect(actions(&s) == [.write("r2"), .flush])
    }

    @Test func aClosingReplyIsFlushedThenClosesAndLaterRequestsAreDropped() {
        var s = State(maxInFlight: 8)
        for _ in 0..<4 { _ = s.accept() }
        s.complete(2, "r2")
        s.complete(1, "bye", close: true)
        #expect(actions(&s).isEmpty)
        s.complete(0, "r0")
        #expect(actions(&s) == [.write("r0"), .write("bye"), .flush, .close])
        #expect(s.accept() == nil, "a request after the close is dropped")
        s.complete(3, "r3")
        #expect(actions(&s) == [.discard("r2"), .discard("r3")], "replies after the closing one are counted, not written")
    }

    @Test func drainClosesOnceNothingIsInFlightAndStopsReads() {
        var s = State(maxInFlight: 8)
        _ = s.accept()
        s.drain()
        #expect(actions(&s).isEmpty, "a request is still open")
        let readWhileDraining = s.readRequested()
        #expect(!readWhileDraining, "no reads while draining")
        s.complete(0, "r0")
        #expect(actions(&s) == [.write("r0"), .flush, .close])
        #expect(s.accept() == nil)

        var idle = State(maxInFlight: 8)
        idle.drain()
        #expect(actions(&idle) == [.close], "nothing in flight: close at once")
        idle.drain()
        #expect(actions(&idle).isEmpty, "closed once")
    }

    @Test func drainDuringAHeldRoundFlushesBeforeClosing() {
        var s = State(maxInFlight: 8)
        s.holdsFlush = true
        s.complete(s.accept()!, "r0")
        #expect(actions(&s) == [.write("r0")])
        s.drain()
        #expect(actions(&s) == [.flush, .close])
    }
}
