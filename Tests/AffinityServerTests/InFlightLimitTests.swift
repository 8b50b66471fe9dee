import AffinityData
import AffinityProtocol
@testable import AffinityServer
import Foundation
import NIOCore
import NIOEmbedded
import Testing

/// The per-connection in-flight limit: with `maxInFlight` requests open, `DispatchHandler` stops
/// passing reads toward the socket, and asks again as soon as one reply goes out.
@Suite struct InFlightLimitTests {
    @Test func readsStopAtTheLimitAndResumeWhenAReplyGoesOut() throws {
        let log = HeldForgetLog()
        let fx = try DispatcherFixture(log: log)
        let reads = ReadCounter()
        let channel = EmbeddedChannel()
        try channel.pipeline.syncOperations.addHandler(reads)
        try channel.pipeline.syncOperations.addHandler(DispatchHandler(dispatcher: fx.dispatcher, maxInFlight: 2))

        func send(_ i: Int64) throws {
            let request = GatedRequest(id: .int(i), action: .dispatch(.forgetUser(UserParams(user: "alice"))), receivedAt: .now)
            try channel.writeInbound(request)
        }
        try send(1)
        channel.read()
        #expect(reads.count == 1, "one request open, below the limit of 2: the read passes")
        try send(2)
        channel.read()
        #expect(reads.count == 1, "two requests open: the read is held back")
        try send(3)  // bytes already buffered may still arrive
        channel.read()
        #expect(reads.count == 1, "three open: still held")
        #expect(try channel.readOutbound(as: Reply.self) == nil, "nothing is answered while the log holds every forget")

        log.releaseOldest()  // request 1 completes: 2 open, still at the limit
        #expect(reads.count == 1)
        log.releaseOldest()  // request 2 completes: 1 open, below the limit, so the held read goes out
        #expect(reads.count == 2)
        log.releaseOldest()
        let ids = try (0..<3).map { _ in try channel.readOutbound(as: Reply.self)?.id }
        #expect(ids == [.int(1), .int(2), .int(3)], "replies in request order")
        _ = try channel.finish(acceptAlreadyClosed: true)
    }
}

/// Counts the reads that reach the head of the pipeline (the socket, in a real channel).
private final class ReadCounter: ChannelOutboundHandler {
    typealias OutboundIn = Any
    private(set) var count = 0
    func read(context: ChannelHandlerContext) {
        count += 1
        context.read()
    }
}

/// A memory log whose `forget` completes only when the test releases it, oldest first.
private final class HeldForgetLog: EventLog, @unchecked Sendable {
    // `@unchecked Sendable`: used from the test's thread only (EmbeddedChannel runs inline).
    private let memory = MemoryEventLog()
    private var held: [@Sendable (Result<Int, DataError>) -> Void] = []

    func releaseOldest() { held.removeFirst()(.success(0)) }

    func append(_ events: [NewEvent], completion: @escaping @Sendable (Result<[LoggedEvent], DataError>) -> Void) {
        memory.append(events, completion: completion)
    }
    func forget(user: String, completion: @escaping @Sendable (Result<Int, DataError>) -> Void) { held.append(completion) }
    func scanEvents(after seq: UInt64, _ visit: (LoggedEvent) -> Void) throws(DataError) -> UInt64 {
        try memory.scanEvents(after: seq, visit)
    }
    func forgottenUsers() -> [String: UInt64] { memory.forgottenUsers() }
    var lastSeq: UInt64 { memory.lastSeq }
    func close() {}
}
