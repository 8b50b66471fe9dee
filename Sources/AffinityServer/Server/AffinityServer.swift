public import AffinityData
import AffinityProtocol
import Foundation
public import Logging
public import NIOCore
import NIOPosix

/// The affinity/1 TCP server: loads models, opens the event log, replays it, accepts connections.
public final class AffinityServer: Sendable {
    public let config: ServerConfig
    public let dispatcher: Dispatcher
    public let log: any EventLog
    /// Events re-applied at start (newer than the model's watermark) and what opening the log found.
    public let replayed: Int
    private let group: MultiThreadedEventLoopGroup
    private let threadPool: NIOThreadPool
    private let connections = Locked([ObjectIdentifier: any Channel]())
    private let serverChannel = Locked<(any Channel)?>(nil)
    private let logger: Logger
    /// The tail of a shared event store (`eventLog` a `SharedEventLog`), else nil.
    private let follower: StoreFollower?

    /// Loads everything; does not bind yet. Throws `ServerError` or `DataError` with a clear message.
    /// `eventLog`, when given, is the event log (a shared store from `--events`) instead of the file
    /// log of `config.dataDirectory`; the server closes it.
    public init(config: ServerConfig, loader: any ModelLoading, logger: Logger, eventLog: (any EventLog)? = nil) throws {
        try config.validate()
        self.config = config
        var logger = logger
        if let name = config.replicaName { logger[metadataKey: "replica"] = "\(name)" }
        self.logger = logger
        let log: any EventLog
        if let eventLog {
            log = eventLog
        } else if let dir = config.dataDirectory {
            let file = try FileEventLog.open(directory: dir, policy: config.fsync,
                                             batchWindowMicroseconds: config.batchWindowMicroseconds, recovery: config.recovery)
            logger.info("event log opened", metadata: ["path": "\(file.path)", "records": "\(file.openReport.records)",
                                                       "torn_bytes_truncated": "\(file.openReport.tornBytesTruncated)"])
            log = file
        } else {
            logger.warning("no --data-dir: feedback is kept in memory only and is lost on exit")
            log = MemoryEventLog()
        }
        if config.tokensPath == nil {
            logger.warning("no --tokens: every client may call every op; listening on loopback only")
        }
        let loaded: (snapshot: ModelSnapshot, replayed: Int)
        let retention: RetentionData
        do {
            loaded = try Dispatcher.loadSnapshot(loader: loader, modelPath: config.modelPath, churnPath: config.churnModelPath,
                                                 log: log, logger: logger)
            retention = try RetentionData.load(config)
        } catch {
            log.close()
            throw error
        }
        replayed = loaded.replayed
        logger.info("replayed events newer than the model's watermark", metadata: ["events": "\(loaded.replayed)"])
        self.log = log
        threadPool = NIOThreadPool(numberOfThreads: 2)
        threadPool.start()
        group = MultiThreadedEventLoopGroup(numberOfThreads: max(1, config.threads))
        let pool = threadPool
        if config.clvModelPath != nil { logger.info("CLV scores loaded for retention_offer", metadata: ["customers": "\(retention.clv.count)"]) }
        dispatcher = Dispatcher(registry: ModelRegistry(loaded.snapshot), log: log, loader: loader, logger: logger, retention: retention,
                                offload: { work in pool.submit { _ in work() } })
        if let shared = log as? any SharedEventLog {
            let follower = StoreFollower(log: shared, registry: dispatcher.registry, replica: config.replicaName, logger: logger)
            dispatcher.stats.attachStore(follower.status)
            self.follower = follower
        } else {
            follower = nil
        }
    }

    /// Binds and starts accepting. Returns the bound address (the real port when `config.port` is 0).
    public func start() async throws -> SocketAddress {
        follower?.start()
        let config = self.config, dispatcher = self.dispatcher, logger = self.logger
        let connections = self.connections
        var connectionConfig = ConnectionConfig(maxFrameBytes: config.maxFrameBytes, maxInFlight: config.maxInFlight,
                                                tokens: try config.tokensPath.map { try TokenStore.load(path: $0) })
        connectionConfig.limits = config.limits
        connectionConfig.batchers = RecommendBatchers(dispatcher: dispatcher)
        let sharedConfig = connectionConfig
        let channel = try await ServerBootstrap(group: group)
            .serverChannelOption(.backlog, value: 512)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
            .childChannelOption(.allowRemoteHalfClosure, value: true)
            .childChannelInitializer { channel in
                let key = ObjectIdentifier(channel)
                let open = connections.withLock { $0[key] = channel; return $0.count }
                var perConnection = sharedConfig
                perConnection.overCapacity = open > config.limits.maxConnections
                channel.closeFuture.whenComplete { _ in _ = connections.withLock { $0.removeValue(forKey: key) } }
                return channel.eventLoop.makeCompletedFuture {
                    var connectionLogger = logger
                    connectionLogger[metadataKey: "connection"] = "\(channel.remoteAddress?.description ?? "?")"
                    try Pipeline.configure(channel, config: perConnection, dispatcher: dispatcher, logger: connectionLogger)
                }
            }
            .bind(host: config.host, port: config.port).get()
        serverChannel.withLock { $0 = channel }
        guard let address = channel.localAddress else { throw ServerError.startup("the listening socket has no address") }
        return address
    }

    /// Reloads the model from its current path (SIGHUP).
    public func reload() {
        dispatcher.handle(.reload(ReloadParams())) { [logger] result in
            if case .failure(let e) = result { logger.warning("reload failed", metadata: ["reason": "\(e)"]) }
        }
    }

    /// Drains: stop accepting, let every connection finish its in-flight requests, close them, make the
    /// log durable and stop the threads. Waits at most `timeout` for connections before closing them.
    public func shutdown(timeout: TimeAmount = .seconds(10)) async {
        dispatcher.isDraining = true
        if let server = serverChannel.withLock({ $0 }) { try? await server.close() }
        let open = connections.withLock { Array($0.values) }
        for channel in open { channel.pipeline.fireUserInboundEventTriggered(DrainEvent()) }
        let deadline = NIODeadline.now() + timeout
        for channel in open {
            let remaining = deadline - NIODeadline.now()
            let closed = channel.closeFuture
            let timer = channel.eventLoop.scheduleTask(in: max(remaining, .zero)) { channel.close(promise: nil) }
            try? await closed.get()
            timer.cancel()
        }
        follower?.stop()
        log.close()
        try? await threadPool.shutdownGracefully()
        try? await group.shutdownGracefully()
    }
}
