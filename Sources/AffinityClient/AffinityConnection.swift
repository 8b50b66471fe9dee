public import AffinityProtocol
import Foundation
public import NIOCore
import NIOPosix

/// One affinity/1 connection. Safe to use from many tasks at once: requests are pipelined and each
/// caller gets its own reply (matched in order).
public final class AffinityConnection: Sendable {
    private let channel: any Channel
    private let nextID = ManagedCounter()

    init(channel: any Channel) { self.channel = channel }

    /// Connects to `host:port`. Uses the shared NIO event loop group unless one is given.
    public static func connect(host: String, port: Int, group: (any EventLoopGroup)? = nil,
                               maxFrameBytes: Int = 64 << 20) async throws -> AffinityConnection {
        do {
            let channel = try await ClientBootstrap(group: group ?? MultiThreadedEventLoopGroup.singleton)
                .channelOption(.socketOption(.tcp_nodelay), value: 1)
                .channelInitializer { channel in
                    channel.eventLoop.makeCompletedFuture {
                        try channel.pipeline.syncOperations.addHandler(ByteToMessageHandler(NDJSONFrameDecoder(maxFrameBytes: maxFrameBytes)))
                        try channel.pipeline.syncOperations.addHandler(ClientHandler())
                    }
                }
                .connect(host: host, port: port).get()
            return AffinityConnection(channel: channel)
        } catch {
            throw ClientError.connect(host: host, port: port, reason: reason(error))
        }
    }

    /// One lower-case phrase for a failed connect ("connection refused"), not NIO's structure dump.
    static func reason(_ error: any Error) -> String {
        if let e = error as? NIOConnectionError {
            if let first = e.connectionErrors.first { return reason(first.error) }
            if e.dnsAError != nil || e.dnsAAAAError != nil { return "the host name could not be resolved" }
            return "no address to connect to"
        }
        if let e = error as? IOError { return String(cString: strerror(e.errnoCode)).lowercased() }
        if case ChannelError.connectTimeout = error { return "timed out" }
        return "\(error)"
    }

    /// Sends one request and waits for its reply, decoded as `R`. Throws `ClientError.server` for error replies.
    public func call<P: Encodable & Sendable, R: Decodable & Sendable>(_ op: Op, _ params: P?, as: R.Type) async throws -> R {
        let reply = try await reply(op, params, as: R.self)
        if let error = reply.error { throw ClientError.server(error) }
        guard let result = reply.result else { throw ClientError.badReply("no result in a successful reply") }
        return result
    }

    /// Sends one request and returns the whole reply, error or not.
    public func reply<P: Encodable & Sendable, R: Decodable & Sendable>(_ op: Op, _ params: P?, as: R.Type) async throws -> WireReply<R> {
        let id = RequestID.int(Int64(nextID.next()))
        let data = try JSONEncoder().encode(WireRequest(id: id, op: op, params: params))
        var bytes = channel.allocator.buffer(capacity: data.count + 1)
        bytes.writeBytes(data)
        bytes.writeInteger(UInt8(ascii: "\n"))
        let frame = try await send(raw: bytes, replies: 1)[0]
        do {
            return try JSONDecoder().decode(WireReply<R>.self, from: Data(frame.readableBytesView))
        } catch {
            throw ClientError.badReply("\(error)")
        }
    }

    /// Writes raw bytes and waits for `replies` reply frames (for tests and tools that speak the wire directly).
    public func send(raw bytes: ByteBuffer, replies: Int) async throws -> [ByteBuffer] {
        let promises = (0..<replies).map { _ in channel.eventLoop.makePromise(of: ByteBuffer.self) }
        do {
            try await channel.writeAndFlush(ClientWrite(bytes: bytes, replies: promises)).get()
        } catch {
            // A closed channel fails the write before ClientHandler sees the promises; fail them here
            // (a second failure of a promise the handler already failed is ignored).
            for p in promises { p.fail(error) }
            throw error
        }
        var out: [ByteBuffer] = []
        for p in promises { out.append(try await p.futureResult.get()) }
        return out
    }

    /// Sends one request line (without its newline) and returns the reply line.
    public func exchange(_ line: String) async throws -> String {
        String(buffer: try await send(raw: ByteBuffer(string: line + "\n"), replies: 1)[0])
    }

    /// Writes raw bytes without expecting a reply (the first part of a frame split across writes).
    public func write(raw bytes: ByteBuffer) async throws {
        try await channel.writeAndFlush(ClientWrite(bytes: bytes, replies: [])).get()
    }

    public func close() async {
        try? await channel.close()
    }
}

/// A thread-safe counter for request ids.
final class ManagedCounter: @unchecked Sendable {
    // `@unchecked Sendable`: `value` is only touched under `lock`.
    private let lock = NSLock()
    private var value: UInt64 = 0

    func next() -> UInt64 {
        lock.lock()
        defer { lock.unlock() }
        value += 1
        return value
    }
}
