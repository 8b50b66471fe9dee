import AffinityNumerics
@testable import AffinityProtocol
import Foundation
import NIOCore
import Testing

/// The `recommend` / `feedback` fast path against the general (JSONDecoder) parser: on seeded random frames, a
/// frame the fast path takes must parse to the same request and id, and the usual frames must take it.
@Suite struct RequestParserFastPathTests {
    let parser = RequestParser()

    private func general(_ s: String) -> ParsedRequest { parser.parse(Data(s.utf8)) }

    private func fast(_ s: String) -> ParsedRequest? {
        Array(s.utf8).withUnsafeBytes { FastRequestParser.parse($0) }
    }

    private func same(_ a: ParsedRequest, _ b: ParsedRequest) -> Bool {
        a.id == b.id && a.op == b.op && a.request == b.request
    }

    @Test func takesPlainRecommendFrames() throws {
        for s in [#"{"id":7,"op":"recommend","user":"c42","k":10}"#, #"{"op":"recommend","user":"u"}"#,
                  #" { "user" : "u1" , "op" : "recommend", "exclude_seen" : false, "id" : "x-1" } "#,
                  #"{"id":-3,"op":"recommend","user":"u","k":1,"exclude_seen":true}"# + "\r",
                  #"{"id":8,"op":"feedback","user":"c42","item":"p9","event":"click"}"#,
                  #"{"op":"feedback","timestamp":1700000000,"event":"cart_add","item":"p 1","user":"c"}"#] {
            let f = try #require(fast(s), "fast path declined \(s)")
            #expect(same(f, general(s)), "\(s)")
            #expect(same(parser.parse(ByteBuffer(string: s)), general(s)))
        }
    }

    @Test func declinesWhatItDoesNotHandle() {
        for s in [#"{"op":"recommend","user":"u","exclude_items":["a"]}"#, #"{"op":"health"}"#,
                  #"{"op":"recommend","user":"u\n"}"#, #"{"op":"recommend","user":"ü"}"#, #"{"op":"recommend","user":"u","k":1.0}"#,
                  #"{"op":"recommend","user":"u","k":1e1}"#, #"{"op":"recommend","user":"u","k":0}"#, #"{"op":"recommend","user":""}"#,
                  #"{"op":"recommend","user":"u","user":"v"}"#, #"{"op":"recommend","user":"u","k":01}"#, #"{"id":-0,"op":"recommend","user":"u"}"#,
                  #"{"op":"recommend","user":"u"} x"#, #"{"op":"recommend","user":"u",}"#, #"{"op":"recommend","user":null}"#,
                  #"{"id":1234567890123456789,"op":"recommend","user":"u"}"#,
                  #"{"op":"recommend","user":"u","k":99999999999999999999999999999999999999}"#,
                  #"{"op":"feedback","user":"u","item":"i","event":"click","weight":2}"#, #"{"op":"feedback","user":"u","item":"i"}"#,
                  #"{"op":"feedback","user":"u","item":"i","event":"click","k":3}"#, #"{"op":"recommend","user":"u","item":"i"}"#, #"{"op":"recommend","user":"u""#, "", "{}",
                  #"{"op":"feedback","user":"u","item":"i","event":"click","timestamp":-5}"#,
                  #"{"op":"feedback","user":"u","item":"i","event":"click","timestamp":99999999999999}"#] {
            #expect(fast(s) == nil, "\(s)")
        }
    }

    /// Random frames built from pieces the fast path takes and pieces it must decline; every frame the
    /// fast path takes agrees with the general parser, and `parse(ByteBuffer)` always agrees with it.
    @Test func agreesWithGeneralParserOnRandomFrames() {
        var rng = Xoshiro256(seed: 20261125)
        let space = ["", " ", "\t", "\r\n", "  "]
        let values: [String: [String]] = [
            "id": ["1", "-17", "\"r1\"", "\"\"", "1.5", "null", "true", "99999999999999999", "0", "\"a\\\"b\""],
            "op": ["\"recommend\"", "\"feedback\"", "\"health\"", "\"recommendx\"", "1"],
            "item": ["\"p1\"", "\"\"", "3", "\"p\\/2\""],
            "event": ["\"click\"", "\"cart_add\"", "\"\"", "null"],
            "timestamp": ["1700000000", "-5", "1.5", "\"t\"", "99999999999999", "946684799", "4102444800"],
            "weight": ["2", "0.5", "-1"],
            "user": ["\"c1\"", "\"user 42\"", "\"\"", "\"c\\u0031\"", "7", "\"x\"", "null"],
            "k": ["10", "1", "0", "1000000", "-2", "3.0", "\"5\"", "1E1", "100", "3.5", "1e20", "123456789012345678901"],
            "exclude_seen": ["true", "false", "1", "\"true\"", "null"],
            "exclude_items": ["[]", "[\"p1\"]"],
            "other": ["1", "\"x\""],
        ]
        var taken = 0
        for _ in 0..<3000 {
            let isFeedback = Bool.random(using: &rng)
            var keys = isFeedback ? ["op", "user", "item", "event"] : ["op", "user"]
            let optional = isFeedback ? ["id", "timestamp", "weight", "k", "other"] : ["id", "k", "exclude_seen", "exclude_items", "item", "other"]
            for extra in optional where Int.random(in: 0..<(extra == "id" ? 2 : 4), using: &rng) == 0 {
                keys.append(extra)
            }
            if Int.random(in: 0..<20, using: &rng) == 0 { keys.append(keys.randomElement(using: &rng)!) }
            if Int.random(in: 0..<10, using: &rng) == 0 { keys.removeFirst() }
            keys.shuffle(using: &rng)
            let sp = { space.randomElement(using: &rng)! }
            let members = keys.map { key -> String in
                let v = values[key]!
                // Mostly the first (valid) values, so that many frames reach the fast path.
                var value = Int.random(in: 0..<3, using: &rng) == 0 ? v.randomElement(using: &rng)! : v[0]
                if key == "op" && value == v[0] && isFeedback { value = v[1] }
                return "\(sp())\"\(key)\"\(sp()):\(sp())\(value)\(sp())"
            }
            let frame = "\(sp()){" + members.joined(separator: ",") + "}\(sp())"
            let reference = general(frame)
            if let f = fast(frame) {
                taken += 1
                #expect(same(f, reference), "\(frame)")
            }
            #expect(same(parser.parse(ByteBuffer(string: frame)), reference), "\(frame)")
            // Well-formed JSON is never bad_json: a wrong value is bad_request naming its field, with the id echoed.
            if JSONSyntax.firstError(in: Data(frame.utf8)) == nil, case .failure(let e) = reference.request {
                #expect(e.code != .badJSON, "\(frame) → \(e)")
            }
        }
        #expect(taken > 300, "the fast path took only \(taken) of 3000 frames")
    }
}
