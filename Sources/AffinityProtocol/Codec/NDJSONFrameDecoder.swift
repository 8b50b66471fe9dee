public import NIOCore

/// What the frame decoder produces: a complete line, or notice that a line was too long.
public enum NDJSONFrame: Equatable, Sendable {
    /// One line without its `\n` (and without a `\r` before it). Never empty.
    case frame(ByteBuffer)
    /// A line grew past `maxFrameBytes`. It is emitted once, as soon as the limit is passed,
    /// and the decoder then discards bytes up to and including the next `\n`.
    case oversized(maxFrameBytes: Int)
}

/// Splits a byte stream into newline-delimited frames (affinity/1: one JSON object per line).
///
/// - `\n` ends a frame; a `\r` right before it is dropped. Empty lines are skipped.
/// - A line longer than `maxFrameBytes` produces one `.oversized` event; the rest of that line
///   is discarded as it arrives (memory stays bounded) and decoding resumes after its `\n`.
///   Unlike `ByteToMessageHandler(maximumBufferSize:)`, nothing is thrown, so the connection stays usable.
/// - The decoder remembers how far it has scanned, so input that arrives one byte at a time is
///   scanned once in total.
/// - At end of stream an unterminated last line is delivered as a frame.
public struct NDJSONFrameDecoder: ByteToMessageDecoder {
    public typealias InboundOut = NDJSONFrame

    public let maxFrameBytes: Int
    /// Bytes after the reader index already known to contain no `\n`.
    private var scanned = 0
    /// True while skipping the remainder of an oversized line.
    private var discarding = false

    public init(maxFrameBytes: Int = ProtocolLimits.defaultMaxFrameBytes) {
        precondition(maxFrameBytes > 0, "maxFrameBytes must be positive")
        self.maxFrameBytes = maxFrameBytes
    }

    public mutating func decode(context: ChannelHandlerContext, buffer: inout ByteBuffer) throws -> DecodingState {
        while true {
            switch next(&buffer) {
            case .some(let frame):
                context.fireChannelRead(Self.wrapInboundOut(frame))
            case .none:
                return .needMoreData
            }
        }
    }

    public mutating func decodeLast(context: ChannelHandlerContext, buffer: inout ByteBuffer, seenEOF: Bool) throws -> DecodingState {
        _ = try decode(context: context, buffer: &buffer)
        if discarding {
            buffer.moveReaderIndex(forwardBy: buffer.readableBytes)
            discarding = false
        } else if buffer.readableBytes > 0, let rest = buffer.readSlice(length: buffer.readableBytes) {
            var line = rest
            if line.getInteger(at: line.writerIndex - 1, as: UInt8.self) == UInt8(ascii: "\r") {
                line.moveWriterIndex(to: line.writerIndex - 1)
            }
            if line.readableBytes > maxFrameBytes {
                context.fireChannelRead(Self.wrapInboundOut(.oversized(maxFrameBytes: maxFrameBytes)))
            } else if line.readableBytes > 0 {
                context.fireChannelRead(Self.wrapInboundOut(.frame(line)))
            }
        }
        scanned = 0
        return .needMoreData
    }

    /// The next event in `buffer`, or nil when more bytes are needed. Pure: usable without a channel.
    public mutating func next(_ buffer: inout ByteBuffer) -> NDJSONFrame? {
        while true {
            let view = buffer.readableBytesView
            let start = view.startIndex + scanned
            guard let newline = view[start...].firstIndex(of: UInt8(ascii: "\n")) else {
                return noNewline(&buffer)
            }
            let lineLength = newline - view.startIndex
            scanned = 0
            if discarding {
                buffer.moveReaderIndex(forwardBy: lineLength + 1)
                discarding = false
                continue
            }
            var contentLength = lineLength
            if contentLength > 0, view[newline - 1] == UInt8(ascii: "\r") { contentLength -= 1 }
            if contentLength > maxFrameBytes {
                buffer.moveReaderIndex(forwardBy: lineLength + 1)
                return .oversized(maxFrameBytes: maxFrameBytes)
            }
            guard let line = buffer.readSlice(length: contentLength) else { return nil }
            buffer.moveReaderIndex(forwardBy: lineLength + 1 - contentLength)
            if contentLength == 0 { continue }
            return .frame(line)
        }
    }

    private mutating func noNewline(_ buffer: inout ByteBuffer) -> NDJSONFrame? {
        if discarding {
            buffer.moveReaderIndex(forwardBy: buffer.readableBytes)
            scanned = 0
            return nil
        }
        // One extra byte is allowed: it may be the `\r` of a `\r\n` split across reads.
        if buffer.readableBytes > maxFrameBytes + 1 {
            buffer.moveReaderIndex(forwardBy: buffer.readableBytes)
            scanned = 0
            discarding = true
            return .oversized(maxFrameBytes: maxFrameBytes)
        }
        scanned = buffer.readableBytes
        return nil
    }
}
