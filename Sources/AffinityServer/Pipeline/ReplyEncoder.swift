import AffinityProtocol
import NIOCore

/// Reply → one JSON line.
struct ReplyEncoder: MessageToByteEncoder {
    typealias OutboundIn = Reply

    func encode(data: Reply, out: inout ByteBuffer) throws {
        if !data.writeFastPath(into: &out) {
            var body = data.encoded(allocator: ByteBufferAllocator())
            out.writeBuffer(&body)
        }
        out.writeInteger(UInt8(ascii: "\n"))
    }
}
