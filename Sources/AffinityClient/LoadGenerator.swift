import AffinityProtocol
import Foundation
import Histogram
import NIOCore
import NIOPosix

/// Closed-loop load over loopback: each connection keeps `pipeline` requests outstanding and sends a
/// new one as each reply arrives, until the duration or the request budget runs out. Latency (send to
/// reply) goes into an HdrHistogram per connection; the histograms are merged at the end.
public enum LoadGenerator {
    public static func run(_ config: LoadConfig) async throws -> LoadReport {
        try config.validate()
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        do {
            let report = try await run(config, group: group)
            try? await group.shutdownGracefully()
            return report
        } catch {
            try? await group.shutdownGracefully()
            throw error
        }
    }

    static func run(_ config: LoadConfig, group: MultiThreadedEventLoopGroup) async throws -> LoadReport {
        let templates = makeTemplates(config)
        let perConnection = max(1, config.maxRequests / config.connections)
        let start = NIODeadline.now()
        let deadline = start + .nanoseconds(Int64(config.durationSeconds * 1e9))
        var futures: [EventLoopFuture<BenchHandler.Outcome>] = []
        for c in 0..<config.connections {
            let loop = group.next()
            let promise = loop.makePromise(of: BenchHandler.Outcome.self)
            let settings = BenchHandler.Settings(templates: templates, offset: c * 97, pipeline: config.pipeline,
                                                 budget: perConnection, deadline: deadline, token: config.token)
            do {
                _ = try await ClientBootstrap(group: loop)
                    .channelOption(.socketOption(.tcp_nodelay), value: 1)
                    .channelInitializer { channel in
                        channel.eventLoop.makeCompletedFuture {
                            try channel.pipeline.syncOperations.addHandler(ByteToMessageHandler(NDJSONFrameDecoder(maxFrameBytes: 64 << 20)))
                            try channel.pipeline.syncOperations.addHandler(BenchHandler(settings: settings, done: promise))
                        }
                    }
                    .connect(host: config.host, port: config.port).get()
            } catch {
                promise.fail(error)
                throw ClientError.connect(host: config.host, port: config.port, reason: AffinityConnection.reason(error))
            }
            futures.append(promise.futureResult)
        }
        var histogram = Histogram<UInt64>(highestTrackableValue: 60_000_000)
        var requests = 0, errors = 0
        for f in futures {
            let o = try await f.get()
            histogram.add(o.histogram)
            requests += o.requests
            errors += o.errors
        }
        let elapsed = Double((NIODeadline.now() - start).nanoseconds) / 1e9
        func ms(_ p: Double) -> Double { Double(histogram.valueAtPercentile(p)) / 1000 }
        return LoadReport(requests: requests, errors: errors, throughput: Double(requests) / max(elapsed, 1e-9),
                          p50Ms: ms(50), p99Ms: ms(99), p999Ms: ms(99.9))
    }

    /// Pre-encoded request lines (seeded choice of users and items) so the loop does no JSON encoding.
    static func makeTemplates(_ config: LoadConfig) -> [ByteBuffer] {
        var rng = SplitMix(state: config.seed)
        return (0..<4096).map { i in
            let user = config.users[Int(rng.next() % UInt64(config.users.count))]
            let feedback = config.op == .feedback || (config.op == .mixed && i % 5 == 0)
            let line: String
            if feedback {
                let item = config.items[Int(rng.next() % UInt64(config.items.count))]
                line = #"{"id":\#(i),"op":"feedback","user":\#(quoted(user)),"item":\#(quoted(item)),"event":"click"}"#
            } else {
                line = #"{"id":\#(i),"op":"recommend","user":\#(quoted(user)),"k":\#(config.k)}"#
            }
            return ByteBuffer(string: line + "\n")
        }
    }

    static func quoted(_ s: String) -> String {
        String(decoding: (try? JSONEncoder().encode(s)) ?? Data("\"\"".utf8), as: UTF8.self)
    }
}

struct SplitMix {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
