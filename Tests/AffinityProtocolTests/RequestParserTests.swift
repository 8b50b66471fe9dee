import AffinityProtocol
import Foundation
import Testing

@Suite struct RequestParserTests {
    let parser = RequestParser()

    private func parse(_ s: String) -> ParsedRequest { parser.parse(Data(s.utf8)) }

    private func error(_ s: String) -> ProtocolError? {
        if case .failure(let e) = parse(s).request { return e }
        return nil
    }

    @Test func parsesEveryOp() throws {
        let frames: [(String, Op)] = [
            (#"{"id":1,"op":"auth","token":"t"}"#, .auth),
            (#"{"id":"a","op":"recommend","user":"u1","k":5,"exclude_seen":false,"max_per_category":2}"#, .recommend),
            (#"{"op":"recommend_items","items":["i1","i2"],"k":3}"#, .recommendItems),
            (#"{"op":"similar_items","item":"i1"}"#, .similarItems),
            (#"{"op":"feedback","user":"u","item":"i","event":"click","timestamp":1764100000}"#, .feedback),
            (#"{"op":"feedback_batch","events":[{"user":"u","item":"i","event":"cart_add","weight":2.5}]}"#, .feedbackBatch),
            (#"{"op":"churn_score","customer":{"age":31,"plan":"pro","active":true,"x":null}}"#, .churnScore),
            (#"{"op":"churn_batch","customers":[{"a":1},{"b":"2"}]}"#, .churnBatch),
            (#"{"op":"retention_offer","user":"u","customer":{"age":31},"k":2}"#, .retentionOffer),
            (#"{"op":"forget_user","user":"u"}"#, .forgetUser),
            (#"{"op":"export_user","user":"u"}"#, .exportUser),
            (#"{"op":"health"}"#, .health),
            (#"{"op":"model_info"}"#, .modelInfo),
            (#"{"op":"stats"}"#, .stats),
            (#"{"op":"reload","path":"/tmp/m"}"#, .reload),
        ]
        for (frame, op) in frames {
            let parsed = parse(frame)
            let request = try parsed.request.get()
            #expect(request.op == op, "\(frame)")
        }
        #expect(Set(frames.map(\.1)) == Set(Op.allCases))
    }

    @Test func keepsIDAndParams() throws {
        let p = parse(#"{"id":"abc","op":"recommend","user":"u1","k":7,"exclude_items":["x"]}"#)
        #expect(p.id == .string("abc"))
        #expect(try p.request.get() == .recommend(RecommendParams(user: "u1", k: 7, excludeItems: ["x"])))
        #expect(parse(#"{"id":42,"op":"health"}"#).id == .int(42))
        #expect(parse(#"{"id":1.5,"op":"health"}"#).id == .double(1.5))
    }

    @Test func badJSON() {
        #expect(error("{\"op\":").map(\.code) == .badJSON)
        #expect(error("not json").map(\.code) == .badJSON)
        #expect(parser.parse(Data([0x7B, 0x22, 0xFF, 0xFE, 0x22, 0x7D])).request.failureCode == .badJSON)
    }

    @Test func badRequestNamesTheField() {
        let cases: [(String, String)] = [
            (#"{"op":"recommend"}"#, "'user'"),
            (#"{"op":"recommend","user":"u","k":"ten"}"#, "'k'"),
            (#"{"op":"recommend","user":"u","k":0}"#, "'k'"),
            (#"{"op":"recommend","user":""}"#, "'user'"),
            (#"{"op":"feedback_batch","events":[{"user":"u","item":"i","event":"click"},{"user":"u","event":"click"}]}"#,
             "'events[1].item'"),
            (#"{"op":"feedback","user":"u","item":"i","event":"click","weight":-1}"#, "'weight'"),
            (#"{"op":7}"#, "'op'"),
            (#"{"id":1}"#, "'op'"),
            (#"{"id":[1],"op":"health"}"#, "'id'"),
            (#"[1,2]"#, "(frame)"),
            (#"{"op":"recommend_items","items":[]}"#, "'items'"),
            (#"{"op":"churn_score","customer":{"a":[1]}}"#, "'customer.a'"),
        ]
        for (frame, field) in cases {
            let e = error(frame)
            #expect(e?.code == .badRequest, "\(frame)")
            #expect(e?.description.contains(field) == true, "\(frame) → \(e.map(\.description) ?? "nil")")
        }
    }

    @Test func unknownOp() {
        let e = error(#"{"id":3,"op":"recomend"}"#)
        #expect(e?.code == .unknownOp)
        #expect(e?.description.contains("recomend") == true)
        #expect(parse(#"{"id":3,"op":"recomend"}"#).id == .int(3))
    }

    @Test func cellTextOfScalars() {
        #expect(JSONScalar.number(31).cellText == "31")
        #expect(JSONScalar.number(2.5).cellText == "2.5")
        #expect(JSONScalar.bool(true).cellText == "true")
        #expect(JSONScalar.null.cellText == "")
        #expect(JSONScalar.string("x").cellText == "x")
    }
}

extension Result where Failure == ProtocolError {
    var failureCode: ErrorCode? {
        if case .failure(let e) = self { return e.code }
        return nil
    }
}
