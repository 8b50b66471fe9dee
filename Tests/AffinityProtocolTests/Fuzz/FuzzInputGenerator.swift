import Foundation
import AffinityNumerics

/// Seeded generator of hostile byte streams for the frame decoder and request parser:
/// random bytes, mutated valid frames, truncated and deeply nested JSON, huge numbers,
/// invalid UTF-8 and NUL bytes. The same seed gives the same inputs.
struct FuzzInputGenerator {
    enum Kind: String, CaseIterable {
        case randomBytes, mutatedValid, truncatedValid, deepNesting, hugeNumbers, invalidUTF8, nulBytes
    }

    private var rng: Xoshiro256

    init(seed: UInt64) { rng = Xoshiro256(seed: seed) }

    static let validFrames: [String] = [
        #"{"id":1,"op":"auth","token":"secret-token"}"#,
        #"{"id":"a","op":"recommend","user":"u1","k":5,"exclude_seen":false,"max_per_category":2}"#,
        #"{"op":"recommend_items","items":["i1","i2"],"k":3}"#,
        #"{"op":"similar_items","item":"i1","k":10}"#,
        #"{"op":"feedback","user":"u","item":"i","event":"click","timestamp":1764100000}"#,
        #"{"op":"feedback_batch","events":[{"user":"u","item":"i","event":"cart_add","weight":2.5}]}"#,
        #"{"op":"churn_score","customer":{"age":31,"plan":"pro","active":true,"x":null}}"#,
        #"{"op":"churn_batch","customers":[{"a":1},{"b":"2"}]}"#,
        #"{"op":"forget_user","user":"u"}"#,
        #"{"op":"health"}"#,
        #"{"op":"stats"}"#,
        #"{"op":"reload","path":"/tmp/m"}"#,
    ]

    /// Bytes that matter to the decoder or to JSON, chosen more often than chance would.
    private static let special: [UInt8] = Array("\n\r{}[]\":,\\ 0-e.".utf8) + [0x00, 0xFF, 0xC0, 0x80, 0xED, 0xA0, 0xF4, 0x90]

    private static let hugeNumbers = [
        "1e999999", "-1e999999", "123456789012345678901234567890", "1.7976931348623157e309", "-0", "-0.0",
        "4.9e-325", "9223372036854775808", "-9223372036854775809", "NaN", "Infinity", "-Infinity", "0x10",
        "1e", "01", "1.", ".5", "+1", "2147483648", "1" + String(repeating: "0", count: 400),
    ]

    private static let invalidUTF8: [[UInt8]] = [
        [0xC0, 0x80], [0x80], [0xBF, 0xBF], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xFF], [0xFE, 0xFF],
        [0xE2, 0x82], [0xF0, 0x9F, 0x98], [0xC3], [0xEF, 0xBB, 0xBF],
    ]

    mutating func int(_ n: Int) -> Int { Int(rng.next() % UInt64(max(n, 1))) }
    mutating func chance(_ percent: Int) -> Bool { int(100) < percent }

    mutating func byte() -> UInt8 {
        chance(25) ? Self.special[int(Self.special.count)] : UInt8(truncatingIfNeeded: rng.next())
    }

    mutating func next() -> (kind: Kind, bytes: [UInt8]) {
        let kind = Kind.allCases[int(Kind.allCases.count)]
        return (kind, make(kind))
    }

    private mutating func valid() -> [UInt8] { Array(Self.validFrames[int(Self.validFrames.count)].utf8) }

    private mutating func make(_ kind: Kind) -> [UInt8] {
        switch kind {
        case .randomBytes:
            return (0..<int(300)).map { _ in byte() }
        case .mutatedValid:
            var out: [UInt8] = []
            for _ in 0...int(3) { out += valid() + (chance(30) ? [0x0D, 0x0A] : [0x0A]) }
            for _ in 0...int(5) { mutate(&out) }
            return out
        case .truncatedValid:
            let v = valid()
            return Array(v.prefix(int(v.count))) + (chance(50) ? [0x0A] : [])
        case .deepNesting:
            let depth = [1, 2, 10, 100, 513, 1000, 5000, 20000][int(8)]
            let open = chance(50) ? Array("[".utf8) : Array(#"{"a":"#.utf8)
            let close = open.first == UInt8(ascii: "[") ? Array("]".utf8) : Array("}".utf8)
            var body = Array(repeatElement(open, count: depth).joined()) + Array("1".utf8)
            if chance(70) { body += Array(repeatElement(close, count: depth - (chance(30) ? 1 : 0)).joined()) }
            let wrapped = chance(50) ? Array(#"{"op":"churn_score","customer":{"x":"#.utf8) + body + Array("}}".utf8) : body
            return wrapped + [0x0A]
        case .hugeNumbers:
            let n = Self.hugeNumbers[int(Self.hugeNumbers.count)]
            let templates = [
                #"{"op":"recommend","user":"u","k":N}"#, #"{"id":N,"op":"health"}"#,
                #"{"op":"feedback","user":"u","item":"i","event":"click","timestamp":N}"#,
                #"{"op":"feedback_batch","events":[{"user":"u","item":"i","event":"view","weight":N}]}"#,
                #"{"op":"churn_score","customer":{"age":N}}"#,
            ]
            return Array(templates[int(templates.count)].replacingOccurrences(of: "N", with: n).utf8) + [0x0A]
        case .invalidUTF8:
            let bad = Self.invalidUTF8[int(Self.invalidUTF8.count)]
            let prefixes = [#"{"op":"recommend","user":""#, #"{"op":""#, #"{"id":""#, #"{""#]
            let suffix = Array(#"","k":3}"#.utf8)
            return Array(prefixes[int(prefixes.count)].utf8) + bad + suffix + [0x0A]
        case .nulBytes:
            var v = valid()
            for _ in 0...int(3) { v.insert(0x00, at: int(v.count + 1)) }
            return v + [0x0A]
        }
    }

    /// One random edit: flip a bit, insert, delete or duplicate a range, or splice a number.
    private mutating func mutate(_ b: inout [UInt8]) {
        guard !b.isEmpty else { b.append(byte()); return }
        let i = int(b.count)
        switch int(6) {
        case 0: b[i] ^= UInt8(1 << int(8))
        case 1: b.insert(byte(), at: i)
        case 2: b.removeSubrange(i..<min(b.count, i + 1 + int(8)))
        case 3: b.insert(contentsOf: b[i..<min(b.count, i + 1 + int(16))], at: int(b.count))
        case 4: b.insert(contentsOf: Array(Self.hugeNumbers[int(Self.hugeNumbers.count)].utf8), at: i)
        default: b[i] = Self.special[int(Self.special.count)]
        }
    }
}
