public import AffinityData
import Dispatch
import Foundation
public import Logging
import NIOCore

/// Runs a server as a process does: start, announce the address, reload on SIGHUP, drain on SIGTERM/SIGINT.
public final class ServerRunner: Sendable {
    public let server: AffinityServer
    private let logger: Logger
    private let metrics: MetricsEndpoint?

    /// `eventLog`: as for `AffinityServer.init` (a shared store from `--events`).
    public init(config: ServerConfig, loader: any ModelLoading, logger: Logger, eventLog: (any EventLog)? = nil) throws {
        // Before the first model load, so every model-sized buffer is mapped and unmapped on its own.
        ProcessMemory.pinMmapThreshold()
        // The metrics backend is bootstrapped before the server creates its counters.
        metrics = config.metricsPort == nil ? nil : MetricsEndpoint(logger: logger)
        server = try AffinityServer(config: config, loader: loader, logger: logger, eventLog: eventLog)
        self.logger = logger
    }

    /// Starts, calls `onListening` with "HOST:PORT", and returns after a signal-triggered drain.
    public func run(onListening: @Sendable (String) -> Void) async throws {
        // Watch signals before announcing the address, so a SIGTERM right after it is never lost.
        let signals = SignalWatcher()
        let address = try await server.start()
        if let metrics, let port = server.config.metricsPort {
            let bound = try await metrics.start(host: "127.0.0.1", port: port)
            logger.info("prometheus metrics", metadata: ["address": "http://127.0.0.1:\(bound)/metrics"])
        }
        onListening("\(server.config.host):\(address.port ?? 0)")
        for await signal in signals.events {
            if signal == SIGHUP {
                logger.info("SIGHUP: reloading the model")
                server.reload()
            } else {
                logger.info("draining for shutdown", metadata: ["signal": "\(signal)"])
                break
            }
        }
        signals.cancel()
        await server.shutdown()
        await metrics?.stop()
        logger.info("stopped cleanly")
    }
}

/// SIGHUP, SIGTERM and SIGINT as an async stream (the default actions are disabled while watching).
final class SignalWatcher: Sendable {
    let events: AsyncStream<Int32>
    private let sources: Locked<[any DispatchSourceSignal]>

    init() {
        let (stream, continuation) = AsyncStream<Int32>.makeStream()
        events = stream
        var list: [any DispatchSourceSignal] = []
        for sig in [SIGHUP, SIGTERM, SIGINT] {
            signal(sig, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: sig, queue: .global())
            source.setEventHandler { continuation.yield(sig) }
            source.resume()
            list.append(source)
        }
        sources = Locked(list)
    }

    func cancel() {
        sources.withLock { list in for s in list { s.cancel() } }
    }
}
