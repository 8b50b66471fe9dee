import AffinityProtocol
import Foundation
import NIOCore
import Testing

@Suite struct ReplyTests {
    private func json(_ reply: Reply) -> String {
        String(buffer: reply.encoded(allocator: ByteBufferAllocator()))
    }

    @Test func successAndFailureShapes() throws {
        let ok = json(.success(.int(1), FeedbackResult(seq: 9)))
        #expect(ok == #"{"id":1,"ok":true,"result":{"seq":9}}"#)
        let bad = json(.failure(nil, .frameTooLarge(maxFrameBytes: 10)))
        let decoded = try JSONDecoder().decode(WireReply<NoParams>.self, from: Data(bad.utf8))
        #expect(decoded.ok == false && decoded.id == nil)
        #expect(decoded.error?.code == .frameTooLarge)
        #expect(!bad.contains("\n"))
    }

    @Test func exportEncodesNullFactors() {
        let s = json(.success(.string("x"), ExportResult(user: "u", events: [], history: [], factors: nil)))
        #expect(s.contains(#""factors":null"#))
    }

    @Test func wireRequestRoundTripsThroughParser() throws {
        let req = WireRequest(id: .int(5), op: .recommend, params: RecommendParams(user: "u9", k: 3, excludeSeen: false))
        let data = try JSONEncoder().encode(req)
        let parsed = RequestParser().parse(data)
        #expect(parsed.id == .int(5))
        #expect(try parsed.request.get() == .recommend(RecommendParams(user: "u9", k: 3, excludeSeen: false)))
        let health = try JSONEncoder().encode(WireRequest<NoParams>(id: .string("h"), op: .health, params: nil))
        #expect(try RequestParser().parse(health).request.get() == .health)
    }

    @Test func everyErrorCodeHasAWireString() {
        #expect(ErrorCode.allCases.map(\.rawValue) == [
            "bad_json", "bad_request", "unknown_op", "unknown_item", "frame_too_large",
            "unauthenticated", "forbidden", "not_loaded", "overloaded", "unavailable", "internal",
        ])
    }
}

@Suite struct ReplyFastPathTests {
    /// The hand-written recommend reply must equal JSONEncoder's output byte for byte.
    @Test func fastPathMatchesJSONEncoderOnSeededRandomReplies() {
        var state: UInt64 = 99
        func next() -> UInt64 { state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407; return state >> 11 }
        let alphabet = Array("abcXYZ09 \"\\/\n\t\u{1}é€😀-_.".unicodeScalars)
        func text() -> String { String(String.UnicodeScalarView((0..<Int(next() % 12)).map { _ in alphabet[Int(next() % UInt64(alphabet.count))] })) }
        for trial in 0..<500 {
            let items = (0..<Int(next() % 12)).map { _ -> ScoredItem in
                let score: Float = switch next() % 4 {
                case 0: Float(Int(next() % 1000))
                case 1: Float(bitPattern: UInt32(truncatingIfNeeded: next()) & 0x7F7F_FFFF)
                case 2: -Float(next() % 100_000) / 997
                default: Float(next() % 1_000_000) * 1e-9
                }
                return ScoredItem(item: text(), score: score)
            }
            let ids: [RequestID?] = [nil, .int(Int64(trial) - 250), .string(text()), .double(Double(trial) + 0.5)]
            let reply = Reply.success(ids[trial % 4], RecommendResult(items: items, source: trial % 2 == 0 ? "model" : "popular_fallback",
                                                                      modelVersion: text()))
            var fast = ByteBuffer()
            #expect(reply.writeFastPath(into: &fast))
            let reference = reply.encoded(allocator: ByteBufferAllocator())
            #expect(fast == reference, "\(String(buffer: fast)) ≠ \(String(buffer: reference))")
        }
    }

    @Test func otherRepliesAndNonFiniteScoresUseTheGeneralEncoder() {
        var out = ByteBuffer()
        #expect(!Reply.success(.int(1), FeedbackResult(seq: 1)).writeFastPath(into: &out))
        #expect(!Reply.failure(.int(1), .badJSON("x")).writeFastPath(into: &out))
        #expect(!Reply.success(.int(1), RecommendResult(items: [ScoredItem(item: "a", score: .nan)], source: "model", modelVersion: "v"))
            .writeFastPath(into: &out))
        #expect(out.readableBytes == 0)
    }
}
