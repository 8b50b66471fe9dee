import AffinityNumerics
import AffinityProtocol
import Foundation
import NIOCore
import NIOEmbedded

/// Runs one fuzz input through the real pipeline pieces (frame decoder inside
/// `ByteToMessageHandler` on an `EmbeddedChannel`, fed in random chunks, then the request
/// parser and the error-reply encoder) and checks each step against a reference.
/// Returns a description of every violation (empty when the input was handled correctly).
struct FrameFuzzOracle {
    struct Tally {
        var inputs = 0, frames = 0, oversized = 0, parsed = 0, errors = 0
        var byKind: [String: Int] = [:]
    }

    /// What the decoder must produce for `bytes` with limit `max`, per its documentation: a
    /// frame per non-empty line (a `\r` before `\n` dropped), `.oversized` for a line longer
    /// than `max`; an unterminated last line is delivered at end of stream under the same rule.
    static func expectedEvents(_ bytes: [UInt8], max: Int) -> [NDJSONFrame] {
        var events: [NDJSONFrame] = []
        var lines = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        let last = lines.removeLast()   // after the final "\n", or the whole input
        for raw in lines + (last.isEmpty ? [] : [last]) {
            var line = raw
            if line.last == UInt8(ascii: "\r") { line = line.dropLast() }
            if line.isEmpty { continue }
            let tooLong = line.count > max
            events.append(tooLong ? .oversized(maxFrameBytes: max) : .frame(ByteBuffer(bytes: line)))
        }
        return events
    }

    struct ErrorReplyWire: Decodable {
        struct Body: Decodable { var code: String; var message: String }
        var ok: Bool
        var error: Body
    }

    static let frameErrorCodes: Set<ErrorCode> = [.badJSON, .badRequest, .unknownOp]
    let parser = RequestParser()
    let allocator = ByteBufferAllocator()

    func check(_ bytes: [UInt8], maxFrameBytes: Int, chunkCuts: [Int], tally: inout Tally) -> [String] {
        var problems: [String] = []
        let channel = EmbeddedChannel()
        var events: [NDJSONFrame] = []
        do {
            try channel.pipeline.syncOperations.addHandler(ByteToMessageHandler(NDJSONFrameDecoder(maxFrameBytes: maxFrameBytes)))
            var start = 0
            for cut in chunkCuts + [bytes.count] where cut >= start {
                try channel.writeInbound(ByteBuffer(bytes: bytes[start..<cut]))
                start = cut
                while let e = try channel.readInbound(as: NDJSONFrame.self) { events.append(e) }
            }
            _ = try channel.finish()
            while let e = try channel.readInbound(as: NDJSONFrame.self) { events.append(e) }
        } catch {
            problems.append("decoder threw \(error)")
        }
        let expected = Self.expectedEvents(bytes, max: maxFrameBytes)
        if events != expected {
            problems.append("decoder events \(Self.summary(events)) ≠ expected \(Self.summary(expected)) (max \(maxFrameBytes), cuts \(chunkCuts))")
        }
        for event in events {
            switch event {
            case .oversized:
                tally.oversized += 1
            case .frame(let buffer):
                tally.frames += 1
                if buffer.readableBytes > maxFrameBytes { problems.append("frame of \(buffer.readableBytes) bytes > max \(maxFrameBytes)") }
                problems += checkParse(buffer, tally: &tally)
            }
        }
        return problems
    }

    /// Every frame parses to a request or to a frame-level error whose reply encodes as
    /// well-formed JSON carrying the same code and a non-empty message; `bad_json` only for bytes
    /// that are not JSON (per `JSONSyntax`), with the byte offset where they broke.
    func checkParse(_ frame: ByteBuffer, tally: inout Tally) -> [String] {
        let parsed = parser.parse(frame)
        switch parsed.request {
        case .success:
            tally.parsed += 1
            return []
        case .failure(let error):
            tally.errors += 1
            var problems: [String] = []
            if !Self.frameErrorCodes.contains(error.code) { problems.append("unexpected code \(error.code) for a frame") }
            // bad_json exactly when the bytes are not JSON, and then it says where they broke.
            let broken = JSONSyntax.firstError(in: Data(frame.readableBytesView))
            if (error.code == .badJSON) != (broken != nil) { problems.append("\(error.code) but the JSON locator says \(broken.map(\.description) ?? "valid")") }
            if error.code == .badJSON && !error.description.contains(" at byte ") { problems.append("bad_json without a byte offset: \(error)") }
            let reply = Reply.failure(parsed.id, error).encoded(allocator: allocator)
            do {
                let wire = try JSONDecoder().decode(ErrorReplyWire.self, from: Data(reply.readableBytesView))
                if wire.ok || wire.error.code != error.code.rawValue || wire.error.message.isEmpty {
                    problems.append("error reply malformed: \(String(decoding: reply.readableBytesView, as: UTF8.self))")
                }
            } catch {
                problems.append("error reply is not valid JSON: \(error)")
            }
            return problems
        }
    }

    static func summary(_ events: [NDJSONFrame]) -> String {
        events.map {
            switch $0 {
            case .oversized: "oversized"
            case .frame(let b): "frame(\(b.readableBytes))"
            }
        }.joined(separator: ",")
    }
}
