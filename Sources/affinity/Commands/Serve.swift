import AffinityData
import AffinityNumerics
import AffinityServer
#if AFFINITY_STORE
import AffinityStore
#endif
public import ArgumentParser
import Foundation
import Logging

extension FsyncPolicy: ExpressibleByArgument {}
extension LogRecovery: ExpressibleByArgument {}

/// `affinity serve`: the affinity/1 TCP service (see docs/PROTOCOL.md).
struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Serve recommendations, feedback and churn scores over affinity/1 (JSON lines over TCP).",
        discussion: """
            Prints one line `listening on HOST:PORT` to stdout once accepting connections (with --events, \
            after replaying the store's events above the model's watermark). SIGHUP reloads the model; \
            SIGTERM or SIGINT drains in-flight requests and exits. With --events several replicas share \
            one PostgreSQL event store and follow each other's feedback (docs/FLEET.md).
            """
    )

    @Option(help: "Recommender model file (from `affinity train als` or `affinity train ease`; the kind is detected).")
    var model: String?
    @Option(name: .customLong("churn-model"), help: "Churn model file (from `affinity churn train`).")
    var churnModel: String?
    @Option(help: "Catalogue CSV item[,name][,category][,price]: a category column enables categories, exclude_categories and max_per_category; names label retention_offer's offers.")
    var catalog: String?
    @Option(help: "CLV model (from `affinity clv fit`) for retention_offer; needs --transactions.")
    var clv: String?
    @Option(help: "Order lines (online-retail layout) scored with --clv at start; their purchases are never offered back.")
    var transactions: String?
    @OptionGroup var horizon: CLVHorizonOptions
    @Option(help: "Address to listen on. Without --tokens only loopback addresses are allowed.")
    var host = "127.0.0.1"
    @Option(help: "TCP port; 0 picks a free one (printed in the `listening on` line).")
    var port = 7070
    @Option(name: .customLong("data-dir"), help: "Directory of the durable event log (events.log). Without it feedback is not durable.")
    var dataDir: String?
    @Option(help: "Shared PostgreSQL event store postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE (password also from --events-password-file or PGPASSWORD) instead of --data-dir; run `affinity store init` first.")
    var events: String?
    @Option(name: .customLong("replica-name"), help: "This replica's name in `stats` (store.replica) and in every log line (with --events).")
    var replicaName: String?
    @OptionGroup var password: StorePasswordOptions
    @Option(help: "Tokens file: JSON {\"<token>\": \"storefront\"|\"marketer\"|\"admin\"}. Clients must then authenticate.")
    var tokens: String?
    @Option(help: "When feedback is fsynced before its ack: always (as soon as anything is pending) or batch (within --fsync-window-us).")
    var fsync = FsyncPolicy.batch
    @Option(name: .customLong("fsync-window-us"), help: "Longest wait, in microseconds, to group events into one fsync with --fsync batch.")
    var fsyncWindowMicroseconds = 1000
    @Option(name: .customLong("max-frame-bytes"), help: "Longest request line in bytes; longer lines get frame_too_large.")
    var maxFrameBytes = 1 << 20
    @Option(name: .customLong("max-in-flight"), help: "Requests a connection may have open before the server stops reading from it.")
    var maxInFlight = 128
    @Option(name: .customLong("max-connections"), help: "Open connections beyond this get one overloaded reply and are closed.")
    var maxConnections = 10_000
    @Option(name: .customLong("idle-timeout-ms"), help: "Close a connection that sends nothing for this many milliseconds.")
    var idleTimeoutMilliseconds: Int64 = 300_000
    @Option(name: .customLong("frame-timeout-ms"), help: "Close a connection whose request line is not complete this many milliseconds after its first byte (slow clients).")
    var frameTimeoutMilliseconds: Int64 = 30_000
    @Option(name: .customLong("max-outbound-bytes"), help: "Disconnect a client whose unread replies exceed this many bytes.")
    var maxOutboundBytes = 8 << 20
    @Option(help: "Damaged records in the middle of the event log: refuse to start, or quarantine them and keep every valid record.")
    var recover = LogRecovery.refuse
    @Option(name: .customLong("metrics-port"), help: "Serve Prometheus text metrics over HTTP on this loopback port.")
    var metricsPort: Int?
    @Option(help: "Event loop threads (default: the number of cores).")
    var threads = ProcessInfo.processInfo.activeProcessorCount
    @Option(name: .customLong("log-level"), help: "Log level on stderr: trace, debug, info, notice, warning, error, critical.")
    var logLevel = "info"

    var config: ServerConfig {
        var c = ServerConfig()
        c.modelPath = model
        c.churnModelPath = churnModel
        c.catalogPath = catalog
        c.clvModelPath = clv
        c.transactionsPath = transactions
        c.clvHorizonDays = horizon.horizonDays
        c.clvAnnualDiscountRate = horizon.annualDiscountRate
        c.host = host
        c.port = port
        c.dataDirectory = dataDir
        c.tokensPath = tokens
        c.fsync = fsync
        c.batchWindowMicroseconds = fsyncWindowMicroseconds
        c.maxFrameBytes = maxFrameBytes
        c.maxInFlight = maxInFlight
        c.limits.maxConnections = maxConnections
        c.limits.idleTimeoutMilliseconds = idleTimeoutMilliseconds
        c.limits.frameTimeoutMilliseconds = frameTimeoutMilliseconds
        c.limits.maxOutboundBytes = maxOutboundBytes
        c.recovery = recover
        c.metricsPort = metricsPort
        c.threads = threads
        c.replicaName = replicaName
        return c
    }

    func validate() throws {
        do { try config.validate() } catch { throw ValidationError(error.description) }
        if let events {
            if dataDir != nil {
                throw ValidationError("--data-dir and --events both name where feedback is stored; give one: --events for a shared PostgreSQL store, --data-dir for a local file log")
            }
            try password.validate(store: events)
        } else {
            if replicaName != nil {
                throw ValidationError("--replica-name names a replica of a shared store; it needs --events postgres://…")
            }
            try password.validate(events: nil)
        }
        if let replicaName, replicaName.isEmpty || replicaName.count > 64 {
            throw ValidationError("--replica-name must be 1 to 64 characters; got '\(replicaName)'")
        }
        if !(1...256).contains(threads) { throw ValidationError("--threads must be between 1 and 256; got \(threads)") }
        if Logger.Level(rawValue: logLevel) == nil {
            throw ValidationError("--log-level must be one of trace, debug, info, notice, warning, error, critical; got \(logLevel)")
        }
    }

    func run() async throws {
        let level = Logger.Level(rawValue: logLevel) ?? .info
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
        let logger = Logger(label: "affinity.serve")
        // Requests run in parallel on the event loops: each BLAS call stays on its caller's thread.
        BLASThreads.set(1)
        logger.info("blas", metadata: ["library": "\(BLASThreads.configuration)", "threads": "\(BLASThreads.current)"])
        let runner: ServerRunner
        do {
            #if AFFINITY_STORE
            let store = try events.map { try PostgresEventLog(try password.store($0)) }
            #else
            let store: (any EventLog)? = nil  // validate() refused --events: this build has no store
            #endif
            runner = try ServerRunner(config: config, loader: ProductionModelLoader(catalogPath: catalog), logger: logger, eventLog: store)
        } catch {
            // The loader's message names the file and what it expected; no usage text (the flags were fine).
            printError("affinity serve: \(error)")
            throw ExitCode.failure
        }
        try await runner.run { address in
            // Written unbuffered so a parent waiting on the pipe sees it at once.
            FileHandle.standardOutput.write(Data("listening on \(address)\n".utf8))
        }
    }
}
