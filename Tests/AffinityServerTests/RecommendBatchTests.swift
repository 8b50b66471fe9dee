import AffinityClient
import AffinityData
import AffinityProtocol
@testable import AffinityServer
import AffinityTestSupport
import Foundation
import Logging
import NIOCore
import NIOEmbedded
import Testing

/// Batched `recommend` (one scoring pass per event-loop read round) answers exactly as requests one
/// at a time: at the dispatcher, through a connection's pipeline with other ops and errors in
/// between, and over real sockets with many connections.
@Suite struct RecommendBatchTests {
    /// A dispatcher over a real ALS model file (60 users × 30 items) and a memory log.
    static func dispatcher(_ dir: TemporaryDirectory) throws -> Dispatcher {
        let path = dir.path("m.affinity")
        if !FileManager.default.fileExists(atPath: path) { try ModelFile.write(to: path) }
        let log = MemoryEventLog()
        let loaded = try Dispatcher.loadSnapshot(loader: ProductionModelLoader(), modelPath: path, churnPath: nil, log: log,
                                                 logger: Logger(label: "test"))
        return Dispatcher(registry: ModelRegistry(loaded.snapshot), log: log, loader: ProductionModelLoader(),
                          logger: Logger(label: "test"))
    }

    static func params(_ count: Int) -> [RecommendParams] {
        (0..<count).map { i in
            var p = RecommendParams(user: i % 11 == 10 ? "stranger-\(i)" : "u\(i * 7 % 60)", k: [1, 5, 10, 40][i % 4],
                                    excludeSeen: i % 3 == 0 ? false : nil)
            if i % 5 == 1 { p.excludeItems = ["i\(i % 30)", "i\((i + 1) % 30)"] }
            if i % 13 == 12 { p.categories = ["shoes"] }  // no catalog: bad_request inside the batch
            return p
        }
    }

    static func line(_ id: Int, _ result: Result<RecommendResult, ProtocolError>) -> String {
        let reply = Reply(id: .int(Int64(id)), outcome: result.map { $0 as any Encodable & Sendable })
        return String(buffer: reply.encoded(allocator: ByteBufferAllocator()))
    }

    @Test func dispatcherBatchEqualsOneAtATime() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let dispatcher = try Self.dispatcher(dir)
        let params = Self.params(40)
        let batched = dispatcher.recommendBatch(params)
        for (i, p) in params.enumerated() {
            let alone = await withCheckedContinuation { c in dispatcher.handle(.recommend(p)) { c.resume(returning: $0) } }
            let single = Self.line(i, alone.map { $0 as! RecommendResult })
            #expect(Self.line(i, batched[i]) == single)
        }
        #expect(batched.contains { if case .failure(let e) = $0 { e.code == .badRequest } else { false } })
        #expect(batched.contains { (try? $0.get())?.source == "popular_fallback" })
    }

    /// Request lines with recommends around a feedback for the same user, a bad frame, an unknown op and health.
    static let mixedLines: [String] = {
        var lines: [String] = []
        for i in 0..<6 { lines.append(#"{"id":\#(lines.count),"op":"recommend","user":"u\#(i)","k":5}"#) }
        lines.append(#"{"id":\#(lines.count),"op":"feedback","user":"u1","item":"i29","event":"cart_add"}"#)
        lines.append(#"{"id":\#(lines.count),"op":"recommend","user":"u1","k":5}"#)
        lines.append("{not json")
        lines.append(#"{"id":\#(lines.count),"op":"nonsense"}"#)
        lines.append(#"{"id":\#(lines.count),"op":"health"}"#)
        for i in 0..<4 { lines.append(#"{"id":\#(lines.count),"op":"recommend","user":"u\#(i + 20)","k":3,"exclude_seen":false}"#) }
        lines.append(#"{"id":\#(lines.count),"op":"recommend","user":"u2","categories":["x"]}"#)
        lines.append(#"{"id":\#(lines.count),"op":"recommend","user":"nobody","k":4}"#)
        return lines
    }()

    /// Runs `chunks` (each one read) through a full connection pipeline; returns the reply lines and the batcher.
    static func replies(chunks: [String], dir: TemporaryDirectory) throws -> (lines: [String], batcher: RecommendBatcher) {
        let dispatcher = try Self.dispatcher(dir)
        let channel = EmbeddedChannel()
        var config = ConnectionConfig()
        config.batchers = RecommendBatchers(dispatcher: dispatcher)
        try Pipeline.configure(channel, config: config, dispatcher: dispatcher, logger: Logger(label: "test"))
        for chunk in chunks {
            try channel.writeInbound(ByteBuffer(string: chunk))
            channel.embeddedEventLoop.run()
        }
        var out = ""
        while let buffer = try channel.readOutbound(as: ByteBuffer.self) { out += String(buffer: buffer) }
        let batcher = config.batchers!.batcher(for: channel.embeddedEventLoop)
        _ = try? channel.finish(acceptAlreadyClosed: true)
        return (out.split(separator: "\n").map(String.init), batcher)
    }

    @Test func pipelinedBurstEqualsSequentialThroughTheHandler() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let lines = Self.mixedLines
        let sequential = try Self.replies(chunks: lines.map { $0 + "\n" }, dir: dir)
        let burst = try Self.replies(chunks: [lines.map { $0 + "\n" }.joined()], dir: dir)
        #expect(sequential.lines.count == lines.count)
        #expect(burst.lines == sequential.lines, "same replies, same order")
        // In order: ids 0, 1, 2, … (the bad frame has no id).
        let ids = burst.lines.map { ByteBuffer(string: $0).replyID }
        #expect(ids == (0..<lines.count).map { $0 == 8 ? nil : .int(Int64($0)) })
        // The feedback's effect: u1's list after the cart add differs from before it.
        #expect(burst.lines[1].replacingOccurrences(of: #""id":1"#, with: "") !=
                burst.lines[7].replacingOccurrences(of: #""id":7"#, with: ""))
        // One read: the recommends before the feedback formed one batch, the rest a second one.
        #expect(sequential.batcher.batches == sequential.batcher.requests)
        #expect(burst.batcher.requests == sequential.batcher.requests)
        #expect(burst.batcher.batches == 2)
    }

    @Test func pipelinedAndConcurrentConnectionsEqualSequentialOverSockets() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try ModelFile.write(to: dir.path("m.affinity"))
        var config = ServerConfig()
        config.port = 0
        config.threads = 2
        config.modelPath = dir.path("m.affinity")
        config.dataDirectory = dir.path("data")
        var logger = Logger(label: "batch-test")
        logger.logLevel = .critical
        let server = try AffinityServer(config: config, loader: ProductionModelLoader(), logger: logger)
        let port = try await server.start().port ?? 0
        let requests = (0..<48).map { i in
            #"{"id":\#(i),"op":"recommend","user":"\#(i % 9 == 8 ? "new-\(i)" : "u\(i % 60)")","k":\#(1 + i % 12)}"#
        }
        do {
            let one = try await AffinityConnection.connect(host: "127.0.0.1", port: port)
            var sequential: [String] = []
            for r in requests { sequential.append(try await one.exchange(r)) }
            let pipelined = try await one.send(raw: ByteBuffer(string: requests.map { $0 + "\n" }.joined()), replies: requests.count)
            #expect(pipelined.map { String(buffer: $0) } == sequential)
            await one.close()
            // Eight connections at once, each pipelining all requests.
            let results = try await withThrowingTaskGroup(of: [String].self) { group in
                for _ in 0..<8 {
                    group.addTask {
                        let c = try await AffinityConnection.connect(host: "127.0.0.1", port: port)
                        let r = try await c.send(raw: ByteBuffer(string: requests.map { $0 + "\n" }.joined()), replies: requests.count)
                        await c.close()
                        return r.map { String(buffer: $0) }
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(results.count == 8)
            for r in results { #expect(r == sequential) }
            // Every recommend went through the batcher (how many shared a pass depends on timing).
            let stats = server.dispatcher.stats.result()
            #expect(stats.recommendsBatched == UInt64(requests.count * 10))
            #expect((stats.recommendBatches ?? 0) >= 1 && (stats.recommendBatches ?? 0) <= stats.recommendsBatched ?? 0)
        } catch {
            await server.shutdown(timeout: .seconds(5))
            throw error
        }
        await server.shutdown(timeout: .seconds(5))
    }
}
