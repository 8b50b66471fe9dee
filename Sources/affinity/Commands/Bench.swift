import AffinityClient
import AffinityProtocol
public import ArgumentParser
import Foundation

extension LoadOp: ExpressibleByArgument {}

/// `affinity bench …`: load generators.
struct Bench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Benchmarks that drive a running service.",
        subcommands: [BenchServe.self, BenchLag.self]
    )
}

/// `affinity bench serve`: closed-loop load from this process against a server on loopback.
struct BenchServe: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Closed-loop load over loopback: N connections × D pipelined requests for S seconds.",
        discussion: "JSON keys: requests, errors, throughput, p50_ms, p99_ms, p999_ms. User and item ids come from the server's model_info."
    )

    @OptionGroup var target: BenchTargetOptions
    @Option(help: "Concurrent connections.")
    var connections = 1
    @Option(help: "Requests kept outstanding per connection.")
    var pipeline = 1
    @Option(help: "Seconds to run.")
    var duration = 5.0
    @Option(name: .customLong("max-requests"), help: "Stop after this many replies in total.")
    var maxRequests = 10_000_000
    @Option(help: "Requests to send: recommend, feedback, or mixed (80% recommend, 20% feedback).")
    var op = LoadOp.recommend
    @Option(help: "Items per recommend reply.")
    var k = 10

    func validate() throws {
        if !(1...1000).contains(k) { throw ValidationError("--k must be between 1 and 1000; got \(k)") }
    }

    func run() async throws {
        var config = LoadConfig()
        config.host = target.host
        config.port = target.port
        config.token = target.token
        config.connections = connections
        config.pipeline = pipeline
        config.durationSeconds = duration
        config.maxRequests = maxRequests
        config.op = op
        config.k = k
        let ids = try await target.sampleIDs()
        config.users = ids.users
        config.items = ids.items
        do { try config.validate() } catch { throw ValidationError(error.description) }
        let report = try await LoadGenerator.run(config)
        let summary = String(format: "%d requests, %d errors, %.0f req/s, p50 %.3f ms, p99 %.3f ms, p99.9 %.3f ms",
                             report.requests, report.errors, report.throughput, report.p50Ms, report.p99Ms, report.p999Ms)
        try target.finish(summary, report)
    }
}
