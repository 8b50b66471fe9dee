import AffinityClient
import ArgumentParser
import Foundation

/// `affinity bench lag`: cross-replica visibility lag of a fleet (docs/FLEET.md).
struct BenchLag: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lag",
        abstract: "Cross-replica lag: feedback to one replica at a fixed rate, the other's stats.store.applied_seq polled.",
        discussion: """
            Each acknowledged event's lag is the first poll at which the peer's applied_seq reached its seq, less \
            the time its acknowledgement arrived. JSON keys: acked, errors, unseen, p50_ms, p99_ms, max_ms, poll_ms \
            (the mean time between polls: the resolution). Both replicas serve with --events on the same store.
            """
    )

    /// --host, --port (the replica that takes the feedback), --token (both replicas), --json.
    @OptionGroup var target: BenchTargetOptions
    @Option(name: .customLong("peer-port"), help: "Port of the replica whose stats are polled (same host).")
    var peerPort: Int
    @Option(help: "Feedback events per second (1...100000).")
    var rate = 5000
    @Option(help: "Seconds to send.")
    var duration = 5.0

    func validate() throws {
        if !(1...65535).contains(peerPort) || peerPort == target.port {
            throw ValidationError("--peer-port must be between 1 and 65535 and differ from --port; got \(peerPort)")
        }
    }

    func run() async throws {
        var config = LagConfig()
        config.host = target.host
        config.port = target.port
        config.peerPort = peerPort
        config.token = target.token
        config.rate = rate
        config.durationSeconds = duration
        let ids = try await target.sampleIDs()
        config.users = ids.users
        config.items = ids.items
        do { try config.validate() } catch { throw ValidationError(error.description) }
        let report = try await LagProbe.run(config)
        let summary = String(format: "%d acknowledged, %d errors, %d unseen; lag p50 %.2f ms, p99 %.2f ms, max %.2f ms (poll every %.2f ms)",
                             report.acked, report.errors, report.unseen, report.p50Ms, report.p99Ms, report.maxMs, report.pollMs)
        try target.finish(summary, report)
    }
}
