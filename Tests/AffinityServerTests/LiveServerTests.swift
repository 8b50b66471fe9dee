import AffinityClient
import AffinityProtocol
import AffinityServer
import NIOCore
import Testing

@Suite struct LiveServerTests {
    @Test func frameSplitAcrossManyWritesAndManyFramesInOneWrite() async throws {
        let live = try await LiveServer.start()
        let c = try await live.connect()
        let frame = #"{"id":"split","op":"recommend","user":"alice","k":3}"# + "\r\n"
        let bytes = Array(frame.utf8)
        for b in bytes.dropLast() { try await c.write(raw: ByteBuffer(bytes: [b])) }
        let reply = try await c.send(raw: ByteBuffer(bytes: [bytes.last!]), replies: 1)
        #expect(reply[0].replyID == .string("split") && reply[0].errorCode == nil)
        let many = (0..<50).map { #"{"id":\#($0),"op":"health"}"# }.joined(separator: "\n") + "\n"
        let replies = try await c.send(raw: ByteBuffer(string: many), replies: 50)
        #expect(replies.map(\.replyID) == (0..<50).map { RequestID.int(Int64($0)) })
        await c.close()
        await live.stop()
    }

    @Test func pipelinedRepliesComeInRequestOrder() async throws {
        let live = try await LiveServer.start()
        let c = try await live.connect()
        // Feedback (waits for fsync) interleaved with instant ops: replies must still keep request order.
        var lines: [String] = []
        for i in 0..<60 {
            lines.append(i % 3 == 0 ? #"{"id":\#(i),"op":"feedback","user":"p\#(i)","item":"i\#(i % 40)","event":"click"}"#
                                    : #"{"id":\#(i),"op":"similar_items","item":"i\#(i % 40)","k":2}"#)
        }
        let replies = try await c.send(raw: ByteBuffer(string: lines.joined(separator: "\n") + "\n"), replies: 60)
        #expect(replies.map(\.replyID) == (0..<60).map { RequestID.int(Int64($0)) })
        #expect(replies.allSatisfy { $0.errorCode == nil })
        await c.close()
        await live.stop()
    }

    @Test func everyWireErrorCodeAndTheConnectionStaysUsable() async throws {
        let live = try await LiveServer.start(maxFrameBytes: 256)
        let c = try await live.connect()
        let frames: [(String, String?)] = [
            (#"{"id":1,"op":"#, "bad_json"),
            (#"{"id":2,"op":"recommend","k":3}"#, "bad_request"),
            (#"{"id":3,"op":"teleport"}"#, "unknown_op"),
            (#"{"id":4,"op":"similar_items","item":"nope"}"#, "unknown_item"),
            (String(repeating: "x", count: 600), "frame_too_large"),
            (#"{"id":6,"op":"health"}"#, nil),
        ]
        let replies = try await c.send(raw: ByteBuffer(string: frames.map(\.0).joined(separator: "\n") + "\n"), replies: frames.count)
        #expect(replies.map(\.errorCode) == frames.map(\.1))
        await c.close()
        let auth = try await LiveServer.start(tokens: ["storefront-token-1": "storefront"], model: false)
        let a = try await auth.connect()
        let r = try await a.send(raw: ByteBuffer(string: #"{"id":1,"op":"model_info"}"# + "\n" +
                                                  #"{"id":2,"op":"auth","token":"storefront-token-1"}"# + "\n" +
                                                  #"{"id":3,"op":"stats"}"# + "\n" +
                                                  #"{"id":4,"op":"recommend","user":"x"}"# + "\n"), replies: 4)
        #expect(r.map(\.errorCode) == ["unauthenticated", nil, "forbidden", "not_loaded"])
        await a.close()
        await auth.stop()
        await live.stop()
    }

    @Test func everyOpTimesEveryRoleOverTheWire() async throws {
        let tokens = ["storefront-token-1": "storefront", "marketer-token-1": "marketer", "admin-token-123": "admin"]
        let live = try await LiveServer.start(tokens: tokens)
        let sample: [Op: String] = [
            .recommend: #""user":"alice""#, .recommendItems: #""items":["i1"]"#, .similarItems: #""item":"i1""#,
            .feedback: #""user":"alice","item":"i2","event":"click""#,
            .feedbackBatch: #""events":[{"user":"alice","item":"i2","event":"click"}]"#,
            .churnScore: #""customer":{"days_since_last_order":3}"#, .churnBatch: #""customers":[]"#,
            .retentionOffer: #""user":"alice","customer":{"days_since_last_order":3}"#,
            .forgetUser: #""user":"zed""#, .exportUser: #""user":"zed""#, .health: "", .modelInfo: "", .stats: "",
            .reload: "",
        ]
        for (token, roleName) in tokens.sorted(by: { $0.key < $1.key }) {
            let role = Role(rawValue: roleName)!
            let c = try await live.connect()
            let authed = try await c.send(raw: ByteBuffer(string: #"{"op":"auth","token":"\#(token)"}"# + "\n"), replies: 1)
            #expect(authed[0].errorCode == nil)
            for op in Op.allCases where op != .auth {
                let params = sample[op]!
                let line = #"{"id":1,"op":"\#(op.rawValue)""# + (params.isEmpty ? "" : "," + params) + "}\n"
                let reply = try await c.send(raw: ByteBuffer(string: line), replies: 1)[0]
                if role.allows(op) {
                    #expect(reply.errorCode == nil, "\(role) × \(op): \(String(buffer: reply))")
                } else {
                    #expect(reply.errorCode == "forbidden", "\(role) × \(op)")
                }
            }
            await c.close()
        }
        let anonymous = try await live.connect()
        for op in Op.allCases where op != .auth && op != .health {
            let reply = try await anonymous.send(raw: ByteBuffer(string: #"{"op":"\#(op.rawValue)"}"# + "\n"), replies: 1)[0]
            #expect(reply.errorCode == "unauthenticated", "no auth × \(op)")
        }
        await anonymous.close()
        await live.stop()
    }

    /// Issue 17 items 4 and 5 over the wire: an op outside the role is `forbidden` whatever its
    /// parameters (a marketer's `feedback_batch` with no events), and `health` answers a caller
    /// without a token with its status only, then with the details once authenticated.
    @Test func rolesComeBeforeParametersAndHealthNeedsNoToken() async throws {
        let tokens = ["storefront-token-1": "storefront", "marketer-token-1": "marketer"]
        let live = try await LiveServer.start(tokens: tokens)
        for (token, roleName) in tokens {
            let role = Role(rawValue: roleName)!
            let c = try await live.connect()
            _ = try await c.send(raw: ByteBuffer(string: #"{"op":"auth","token":"\#(token)"}"# + "\n"), replies: 1)
            for op in Op.allCases where !role.allows(op) {
                // No parameters at all, and for feedback_batch an empty list: both fail validation.
                for params in ["", #","events":[]"#] {
                    let line = #"{"id":7,"op":"\#(op.rawValue)""# + params + "}\n"
                    let reply = try await c.send(raw: ByteBuffer(string: line), replies: 1)[0]
                    #expect(reply.errorCode == "forbidden", "\(role) × \(op)\(params): \(String(buffer: reply))")
                    #expect(reply.replyID == .int(7))
                }
            }
            await c.close()
        }
        let probe = try await live.connect()
        let health = #"{"id":1,"op":"health"}"# + "\n"
        let anonymous = String(buffer: try await probe.send(raw: ByteBuffer(string: health), replies: 1)[0])
        #expect(anonymous.contains(#""status":"ok""#) && !anonymous.contains("model_loaded") && !anonymous.contains("protocol"),
                "\(anonymous)")
        _ = try await probe.send(raw: ByteBuffer(string: #"{"op":"auth","token":"marketer-token-1"}"# + "\n"), replies: 1)
        let detailed = String(buffer: try await probe.send(raw: ByteBuffer(string: health), replies: 1)[0])
        #expect(detailed.contains(#""model_loaded":true"#), "\(detailed)")
        await probe.close()
        await live.stop()
    }

    @Test func typedClientSeesItsOwnFeedbackOnAnotherConnection() async throws {
        let live = try await LiveServer.start()
        let writer = try await live.connect()
        let reader = try await live.connect()
        let ask = RecommendParams(user: "dora", k: 5)
        let before = try await reader.call(.recommend, ask, as: RecommendResult.self)
        #expect(before.source == "popular_fallback")
        let ack = try await writer.call(.feedback, FeedbackParams(user: "dora", item: "i11", event: "cart_add"), as: FeedbackResult.self)
        #expect(ack.seq >= 1)
        let after = try await reader.call(.recommend, ask, as: RecommendResult.self)
        #expect(after.source == "model" && after.items != before.items)
        await writer.close()
        await reader.close()
        await live.stop()
    }
}
