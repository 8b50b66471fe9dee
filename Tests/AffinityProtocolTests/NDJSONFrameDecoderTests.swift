import AffinityProtocol
import NIOCore
import NIOEmbedded
import NIOTestUtils
import Testing

@Suite struct NDJSONFrameDecoderTests {
    private func channel(max: Int = 64) throws -> EmbeddedChannel {
        let channel = EmbeddedChannel()
        try channel.pipeline.syncOperations.addHandler(ByteToMessageHandler(NDJSONFrameDecoder(maxFrameBytes: max)))
        return channel
    }

    private func write(_ channel: EmbeddedChannel, _ s: String) throws {
        try channel.writeInbound(ByteBuffer(string: s))
    }

    private func drain(_ channel: EmbeddedChannel) throws -> [NDJSONFrame] {
        var out: [NDJSONFrame] = []
        while let f = try channel.readInbound(as: NDJSONFrame.self) { out.append(f) }
        return out
    }

    private func frame(_ s: String) -> NDJSONFrame { .frame(ByteBuffer(string: s)) }

    @Test func byteAtATimeWithCRLF() throws {
        let ch = try channel()
        let input = "{\"a\":1}\r\n{\"b\":2}\n\n{\"c\":3}\r\n"
        var seen: [NDJSONFrame] = []
        for byte in input.utf8 {
            try ch.writeInbound(ByteBuffer(bytes: [byte]))
            seen += try drain(ch)
        }
        #expect(seen == [frame("{\"a\":1}"), frame("{\"b\":2}"), frame("{\"c\":3}")])
        #expect(try ch.finish().isClean)
    }

    @Test func manyFramesInOneWrite() throws {
        let ch = try channel(max: 1024)
        let lines = (0..<200).map { "{\"id\":\($0)}" }
        try write(ch, lines.joined(separator: "\n") + "\n")
        #expect(try drain(ch) == lines.map(frame))
        _ = try ch.finish()
    }

    @Test func oversizedLineIsReportedOnceAndSkipped() throws {
        let ch = try channel(max: 16)
        try write(ch, "{\"ok\":1}\n")
        try write(ch, String(repeating: "x", count: 40))
        #expect(try drain(ch) == [frame("{\"ok\":1}"), .oversized(maxFrameBytes: 16)])
        try write(ch, String(repeating: "y", count: 100))
        #expect(try drain(ch).isEmpty)
        try write(ch, "zz\n{\"next\":2}\n")
        #expect(try drain(ch) == [frame("{\"next\":2}")])
        _ = try ch.finish()
    }

    @Test func oversizedLineInOneBufferWithNewline() throws {
        let ch = try channel(max: 8)
        try write(ch, "123456789\n12345678\n12345678\r\n")
        #expect(try drain(ch) == [.oversized(maxFrameBytes: 8), frame("12345678"), frame("12345678")])
        _ = try ch.finish()
    }

    @Test func lineOfExactlyMaxSplitBeforeCRLF() throws {
        let ch = try channel(max: 4)
        try write(ch, "abcd\r")
        #expect(try drain(ch).isEmpty)
        try write(ch, "\n")
        #expect(try drain(ch) == [frame("abcd")])
        _ = try ch.finish()
    }

    @Test func unterminatedLastLineIsDeliveredAtEOF() throws {
        let ch = try channel()
        try write(ch, "{\"a\":1}\n{\"b\"")
        #expect(try drain(ch) == [frame("{\"a\":1}")])
        try write(ch, ":2}")
        _ = try ch.finish()
        #expect(try drain(ch) == [frame("{\"b\":2}")])
    }

    @Test func verifierAcrossChunkings() throws {
        let pairs: [(String, [NDJSONFrame])] = [
            ("{\"id\":1}\n", [frame("{\"id\":1}")]),
            ("{\"id\":2}\r\n", [frame("{\"id\":2}")]),
            ("\n", []),
            ("[1,2,3]\n{}\n", [frame("[1,2,3]"), frame("{}")]),
            (String(repeating: "q", count: 70) + "\n", [.oversized(maxFrameBytes: 64)]),
        ]
        try ByteToMessageDecoderVerifier.verifyDecoder(stringInputOutputPairs: pairs) {
            NDJSONFrameDecoder(maxFrameBytes: 64)
        }
    }

    @Test func encoderAppendsNewline() throws {
        let ch = EmbeddedChannel()
        try ch.pipeline.syncOperations.addHandler(MessageToByteHandler(NDJSONFrameEncoder()))
        try ch.writeOutbound(ByteBuffer(string: "{\"ok\":true}"))
        let out = try ch.readOutbound(as: ByteBuffer.self)
        #expect(out == ByteBuffer(string: "{\"ok\":true}\n"))
        _ = try ch.finish()
    }
}
