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
            "unauthenticated", "forbidden", "not_loaded", "overloaded", "internal",
        ])
    }
}
