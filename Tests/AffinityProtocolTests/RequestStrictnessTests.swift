import AffinityNumerics
@testable import AffinityProtocol
import Foundation
import NIOCore
import Testing

/// Valid JSON with a wrong value is `bad_request` naming the field (with the id echoed), unknown fields are
/// refused, timestamps must lie in `ProtocolLimits.timestampRange`, and `bad_json` says where the JSON broke.
@Suite struct RequestStrictnessTests {
    let parser = RequestParser()

    private func parse(_ s: String) -> ParsedRequest { parser.parse(ByteBuffer(string: s)) }

    private func error(_ s: String) -> ProtocolError? {
        if case .failure(let e) = parse(s).request { return e }
        return nil
    }

    @Test func numbersThatAreNotIntegersNameTheirField() {
        let cases: [(String, String, String)] = [
            (#"{"id":2,"op":"recommend","user":"17850","k":3.5}"#, "field 'k': expected an integer between 1 and 1000", "got 3.5"),
            (#"{"id":2,"op":"recommend","user":"17850","k":1e20}"#, "field 'k'", "got 1e+20"),
            (#"{"id":2,"op":"recommend","user":"u","k":123456789012345678901234567890}"#, "field 'k'", "got 1.2345678901234568e+29"),
            (#"{"id":2,"op":"similar_items","item":"p","k":0.5}"#, "field 'k'", "got 0.5"),
            (#"{"id":2,"op":"recommend_items","items":["p"],"k":2.5}"#, "field 'k'", "got 2.5"),
            (#"{"id":2,"op":"recommend","user":"u","max_per_category":1.5}"#, "field 'max_per_category'", "got 1.5"),
            (#"{"id":2,"op":"feedback","user":"u","item":"i","event":"click","timestamp":1764100000.5}"#, "field 'timestamp'", "got 1764100000.5"),
            (#"{"id":2,"op":"feedback_batch","events":[{"user":"u","item":"i","event":"click","weight":1e999}]}"#,
             "field 'events[0].weight'", "got a number beyond the range of a double"),
        ]
        for (frame, field, got) in cases {
            let parsed = parse(frame)
            let e = error(frame)
            #expect(e?.code == .badRequest, "\(frame) → \(e.map(\.description) ?? "ok")")
            #expect(e?.description.contains(field) == true && e?.description.contains(got) == true, "\(frame) → \(e.map(\.description) ?? "ok")")
            #expect(parsed.id == .int(2), "\(frame)")
            #expect(parsed.op != nil, "\(frame)")
        }
    }

    @Test func unknownFieldsAreNamed() {
        let cases: [(String, String)] = [
            (#"{"id":1,"op":"recommend","user":"u","exlude_seen":false}"#, "field 'exlude_seen'"),
            (#"{"id":1,"op":"health","verbose":true}"#, "field 'verbose'"),
            (#"{"id":1,"op":"feedback","user":"u","item":"i","event":"click","wieght":2}"#, "field 'wieght'"),
            (#"{"id":1,"op":"feedback_batch","events":[{"user":"u","item":"i","event":"click"},{"user":"u","item":"i","event":"click","ts":5}]}"#,
             "field 'events[1].ts'"),
            (#"{"id":1,"op":"reload","path":"m","forse":true}"#, "field 'forse'"),
            (#"{"id":1,"op":"churn_score","customers":{}}"#, "field 'customers'"),
        ]
        for (frame, field) in cases {
            let e = error(frame)
            #expect(e?.code == .badRequest, "\(frame)")
            #expect(e?.description.contains(field) == true && e?.description.contains("unknown field") == true,
                    "\(frame) → \(e.map(\.description) ?? "ok")")
            #expect(parse(frame).id == .int(1))
        }
        // Every documented field is accepted.
        let all = #"{"id":1,"op":"recommend","user":"u","k":2,"exclude_seen":true,"categories":["a"],"#
            + #""exclude_categories":["b"],"exclude_items":["x"],"max_per_category":1,"explain":true}"#
        #expect(error(all) == nil)
        let explain = error(#"{"id":1,"op":"recommend","user":"u","explain":"yes"}"#)
        #expect(explain?.code == .badRequest && explain?.description.contains("'explain'") == true, "\(explain.map(\.description) ?? "ok")")
        #expect(error(#"{"op":"reload","path":"m","force":true}"#) == nil)
    }

    @Test func timestampsOutsideTheWindowAreRefused() throws {
        let window = ProtocolLimits.timestampRange
        for t: Int64 in [window.lowerBound, 1_764_100_000, window.upperBound] {
            let frame = #"{"op":"feedback","user":"u","item":"i","event":"click","timestamp":\#(t)}"#
            #expect(error(frame) == nil, "\(t)")
        }
        for (t, millisecondsHint) in [(Int64(-5), false), (window.lowerBound - 1, false), (window.upperBound + 1, false),
                                      (99_999_999_999_999, true), (1_764_100_000_000, true)] {
            for frame in [#"{"op":"feedback","user":"u","item":"i","event":"click","timestamp":\#(t)}"#,
                          #"{"op":"feedback_batch","events":[{"user":"u","item":"i","event":"click","timestamp":\#(t)}]}"#] {
                let e = try #require(error(frame), "\(frame)")
                #expect(e.code == .badRequest)
                #expect(e.description.contains("timestamp': expected Unix seconds between 946684800"), "\(e)")
                #expect(e.description.contains("got \(t)"), "\(e)")
                #expect(e.description.contains("milliseconds") == millisecondsHint, "\(e)")
            }
        }
    }

    @Test func badJSONSaysWhereItBroke() throws {
        let cases: [(String, Int, String)] = [
            (#"{"id":1,"op":"#, 13, "expected a value at byte 13, found the end of the frame"),
            (#"{"id":1 "op":"health"}"#, 8, "expected ',' or '}' at byte 8, found '\"'"),
            (#"{"id":1,"op":"health",:}"#, 22, "expected a string key at byte 22, found ':'"),
            (#"{"id":1,"k":01}"#, 13, "expected ',' or '}' at byte 13, found '1'"),
            (#"{"id":tru}"#, 6, "expected a value at byte 6"),
            ("{\"id\":\"a\u{1}\"}", 8, "control characters"),
            (#"{"id":1}}"#, 8, "expected the end of the frame at byte 8"),
            ("not json", 0, "expected a value at byte 0, found 'n'"),
        ]
        for (frame, offset, text) in cases {
            let e = try #require(error(frame), "\(frame)")
            #expect(e.code == .badJSON, "\(frame)")
            #expect(e.description.contains(text), "\(frame) → \(e)")
            #expect(JSONSyntax.firstError(in: Data(frame.utf8))?.offset == offset, "\(frame)")
        }
        let broken = parser.parse(Data([0x7B, 0x22, 0x61, 0xFF, 0x22, 0x3A, 0x31, 0x7D]))
        #expect(broken.request.failureCode == .badJSON)
        #expect(JSONSyntax.firstError(in: Data([0x7B, 0x22, 0x61, 0xFF, 0x22, 0x3A, 0x31, 0x7D]))?.offset == 3)
    }

    /// The locator against JSONDecoder as the reference: on seeded mutations of valid frames, it finds an error
    /// exactly when JSONDecoder refuses the bytes.
    @Test func syntaxLocatorAgreesWithJSONDecoder() {
        var rng = Xoshiro256(seed: 20_261_203)
        let seeds = [#"{"id":1,"op":"recommend","user":"u1","k":5,"exclude_items":["a","b"]}"#,
                     #"{"op":"churn_score","customer":{"age":31.5,"plan":"pro","x":null,"y":[true,false,-0.5e3]}}"#,
                     #" [ {"a" : "é\n"} , 1E+2 ] "#]
        let alphabet = Array(#"{}[]":,,,\ 0123456789.-+eEtrufalsn"#.utf8) + [0x0A, 0x01, 0xC3, 0xA9]
        var refused = 0
        for _ in 0..<4000 {
            var bytes = Array(seeds[Int(rng.next() % UInt64(seeds.count))].utf8)
            for _ in 0...Int(rng.next() % 3) {
                let at = Int(rng.next() % UInt64(bytes.count + 1))
                switch rng.next() % 3 {
                case 0: bytes.insert(alphabet[Int(rng.next() % UInt64(alphabet.count))], at: at)
                case 1: if at < bytes.count { bytes.remove(at: at) }
                default: if at < bytes.count { bytes[at] = alphabet[Int(rng.next() % UInt64(alphabet.count))] }
                }
            }
            let data = Data(bytes)
            // JSONDecoder also refuses what the locator does not check: lone surrogate escapes, huge exponents.
            let text = String(decoding: bytes, as: UTF8.self)
            if text.contains("\\u") || text.contains(/[eE][+-]?[0-9]{3}/) { continue }
            let reference = (try? JSONDecoder().decode(JSONValueProbe.self, from: data)) != nil
            let located = JSONSyntax.firstError(in: data)
            if !reference { refused += 1 }
            #expect(reference == (located == nil), "\(String(decoding: bytes, as: UTF8.self)) → \(located.map(\.description) ?? "valid")")
        }
        #expect(refused > 500, "only \(refused) of 4000 mutations were invalid JSON")
    }
}

/// Any JSON value (JSONDecoder as a syntax reference).
private struct JSONValueProbe: Decodable {
    init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if c.decodeNil() { return }
        if (try? c.decode(Bool.self)) != nil || (try? c.decode(String.self)) != nil { return }
        if (try? c.decode([JSONValueProbe].self)) != nil || (try? c.decode([String: JSONValueProbe].self)) != nil { return }
        _ = try c.decode(Double.self)
    }
}
