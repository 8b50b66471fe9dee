public import NIOCore

/// Writes one frame: the payload bytes followed by `\n`. The payload must not contain a newline
/// (JSON produced by `JSONEncoder` never does).
public struct NDJSONFrameEncoder: MessageToByteEncoder {
    public typealias OutboundIn = ByteBuffer

    public init() {}

    public func encode(data: ByteBuffer, out: inout ByteBuffer) throws {
        var payload = data
        out.writeBuffer(&payload)
        out.writeInteger(UInt8(ascii: "\n"))
    }
}
