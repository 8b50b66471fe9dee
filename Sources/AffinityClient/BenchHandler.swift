import AffinityProtocol
import Histogram
import NIOCore

/// One load-generating connection, on its event loop: keeps `pipeline` requests outstanding.
final class BenchHandler: ChannelInboundHandler {
    typealias InboundIn = NDJSONFrame
    typealias OutboundOut = ByteBuffer

    struct Settings: Sendable {
        var templates: [ByteBuffer]
        var offset: Int
        var pipeline: Int
        var budget: Int
        var deadline: NIODeadline
        var token: String?
    }

    struct Outcome: Sendable {
        var histogram: Histogram<UInt64>
        var requests: Int
        var errors: Int
    }

    private let settings: Settings
    private let done: EventLoopPromise<Outcome>
    private var histogram = Histogram<UInt64>(highestTrackableValue: 60_000_000)
    private var sentAt = CircularBuffer<UInt64>(initialCapacity: 64)
    private var sent = 0, received = 0, errors = 0
    private var authenticating = false
    private var finished = false
    private static let errorPrefix = Array(#"{"error""#.utf8)

    init(settings: Settings, done: EventLoopPromise<Outcome>) {
        self.settings = settings
        self.done = done
    }

    func channelActive(context: ChannelHandlerContext) {
        if let token = settings.token {
            authenticating = true
            let line = #"{"id":"auth","op":"auth","token":\#(LoadGenerator.quoted(token))}"# + "\n"
            context.writeAndFlush(wrapOutboundOut(ByteBuffer(string: line)), promise: nil)
        } else {
            begin(context)
        }
    }

    private func begin(_ context: ChannelHandlerContext) {
        for _ in 0..<settings.pipeline { sendNext(context) }
        context.flush()
    }

    private func sendNext(_ context: ChannelHandlerContext) {
        guard sent < settings.budget, NIODeadline.now() < settings.deadline else { return }
        let t = settings.templates[(settings.offset + sent) % settings.templates.count]
        sent += 1
        sentAt.append(NIODeadline.now().uptimeNanoseconds)
        context.write(wrapOutboundOut(t), promise: nil)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard case .frame(let frame) = unwrapInboundIn(data) else { errors += 1; return }
        if frame.readableBytesView.starts(with: Self.errorPrefix) { errors += 1 }
        if authenticating {
            authenticating = false
            if errors > 0 { return finish(context) }
            return begin(context)
        }
        if let t0 = sentAt.popFirst() {
            _ = histogram.record((NIODeadline.now().uptimeNanoseconds - t0) / 1000)
            received += 1
        }
        sendNext(context)
        if sentAt.isEmpty { finish(context) }
    }

    func channelReadComplete(context: ChannelHandlerContext) {
        context.flush()
        context.fireChannelReadComplete()
    }

    private func finish(_ context: ChannelHandlerContext) {
        guard !finished else { return }
        finished = true
        done.succeed(Outcome(histogram: histogram, requests: received, errors: errors))
        context.close(promise: nil)
    }

    func channelInactive(context: ChannelHandlerContext) {
        if !finished {
            finished = true
            done.succeed(Outcome(histogram: histogram, requests: received, errors: errors + sentAt.count))
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        context.close(promise: nil)
    }
}

@available(*, unavailable)
extension BenchHandler: Sendable {}
