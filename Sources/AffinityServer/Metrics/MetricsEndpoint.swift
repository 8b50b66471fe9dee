import Foundation
import Logging
import Metrics
import NIOCore
import NIOPosix
import Prometheus

/// `--metrics-port`: Prometheus text exposition over a minimal HTTP/1.1 responder on loopback.
/// Bootstraps swift-metrics with a Prometheus registry, so `ServerStats` counters appear here.
final class MetricsEndpoint: Sendable {
    private let registry = PrometheusCollectorRegistry()
    private let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
    private let channel = Locked<(any Channel)?>(nil)
    private let logger: Logger

    init(logger: Logger) {
        self.logger = logger
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))
    }

    func start(host: String, port: Int) async throws -> Int {
        let registry = self.registry
        let ch = try await ServerBootstrap(group: group)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(MetricsHTTPHandler(registry: registry))
                }
            }
            .bind(host: host, port: port).get()
        channel.withLock { $0 = ch }
        return ch.localAddress?.port ?? port
    }

    func stop() async {
        if let ch = channel.withLock({ $0 }) { try? await ch.close() }
        try? await group.shutdownGracefully()
    }
}

/// Answers any request that ends its headers with the current metrics, then closes.
final class MetricsHTTPHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private let registry: PrometheusCollectorRegistry
    private var received = ByteBuffer()

    init(registry: PrometheusCollectorRegistry) { self.registry = registry }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var chunk = unwrapInboundIn(data)
        received.writeBuffer(&chunk)
        guard String(buffer: received).contains("\r\n\r\n") || received.readableBytes > 8192 else { return }
        var body: [UInt8] = []
        registry.emit(into: &body)
        let head = "HTTP/1.1 200 OK\r\nContent-Type: text/plain; version=0.0.4\r\nContent-Length: \(body.count)\r\nConnection: close\r\n\r\n"
        var out = context.channel.allocator.buffer(capacity: head.utf8.count + body.count)
        out.writeString(head)
        out.writeBytes(body)
        let channel = context.channel
        context.writeAndFlush(wrapOutboundOut(out)).whenComplete { _ in channel.close(promise: nil) }
    }
}

@available(*, unavailable)
extension MetricsHTTPHandler: Sendable {}
