/// A fast path for the two hottest frames, plain `recommend` and `feedback`, such as
/// `{"id":7,"op":"recommend","user":"c42","k":10}` or
/// `{"id":8,"op":"feedback","user":"c42","item":"p9","event":"click"}`, read straight from the
/// frame's bytes without `JSONDecoder`. It accepts only a flat object whose keys are `id`, `op`,
/// `user` and, for recommend, `k` and `exclude_seen`, for feedback, `item`, `event` and
/// `timestamp`, each at most once; values must be ASCII strings without escapes, plain integers
/// (no fraction or exponent, at most 18 digits) or booleans, and the parameters must validate.
/// Anything else returns nil and the caller uses the general parser, so every frame the fast path
/// takes parses to the same `ParsedRequest` as the general path (RequestParserFastPathTests
/// compares them on seeded random frames).
enum FastRequestParser {
    static func parse(_ bytes: UnsafeRawBufferPointer) -> ParsedRequest? {
        var r = Reader(bytes: bytes)
        r.skipSpace()
        guard r.take(UInt8(ascii: "{")) else { return nil }
        var id: RequestID?, sawID = false, op: String?, user: String?, k: Int?, excludeSeen: Bool?
        var item: String?, event: String?, timestamp: Int?
        while true {
            r.skipSpace()
            guard let key = r.string() else { return nil }
            r.skipSpace()
            guard r.take(UInt8(ascii: ":")) else { return nil }
            r.skipSpace()
            switch key {
            case "id":
                guard !sawID else { return nil }
                sawID = true
                if let s = r.string() { id = .string(s) } else if let i = r.integer() { id = .int(Int64(i)) } else { return nil }
            case "op":
                guard op == nil, let s = r.string() else { return nil }
                op = s
            case "user":
                guard user == nil, let s = r.string() else { return nil }
                user = s
            case "k":
                guard k == nil, let i = r.integer() else { return nil }
                k = i
            case "exclude_seen":
                guard excludeSeen == nil, let b = r.boolean() else { return nil }
                excludeSeen = b
            case "item":
                guard item == nil, let s = r.string() else { return nil }
                item = s
            case "event":
                guard event == nil, let s = r.string() else { return nil }
                event = s
            case "timestamp":
                guard timestamp == nil, let i = r.integer() else { return nil }
                timestamp = i
            default:
                return nil
            }
            r.skipSpace()
            if r.take(UInt8(ascii: ",")) { continue }
            guard r.take(UInt8(ascii: "}")) else { return nil }
            break
        }
        r.skipSpace()
        guard r.atEnd, let user else { return nil }
        let request: Request
        switch op {
        case "recommend":
            guard item == nil, event == nil, timestamp == nil else { return nil }
            let params = RecommendParams(user: user, k: k, excludeSeen: excludeSeen)
            do { try params.validate() } catch { return nil }
            request = .recommend(params)
        case "feedback":
            guard k == nil, excludeSeen == nil, let item, let event else { return nil }
            let params = FeedbackParams(user: user, item: item, event: event, timestamp: timestamp.map(Int64.init))
            do { try params.validate() } catch { return nil }
            request = .feedback(params)
        default:
            return nil
        }
        return ParsedRequest(id: id, op: request.op, request: .success(request))
    }

    private struct Reader {
        let bytes: UnsafeRawBufferPointer
        var i = 0

        var atEnd: Bool { i == bytes.count }

        mutating func skipSpace() {
            while i < bytes.count {
                let b = bytes[i]
                guard b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D else { return }
                i += 1
            }
        }

        mutating func take(_ b: UInt8) -> Bool {
            guard i < bytes.count, bytes[i] == b else { return false }
            i += 1
            return true
        }

        /// A string of printable ASCII without escapes; nil (position unchanged) otherwise.
        mutating func string() -> String? {
            guard i < bytes.count, bytes[i] == UInt8(ascii: "\"") else { return nil }
            var j = i + 1
            while j < bytes.count {
                let b = bytes[j]
                if b == UInt8(ascii: "\"") { break }
                if b == UInt8(ascii: "\\") || b < 0x20 || b >= 0x80 { return nil }
                j += 1
            }
            guard j < bytes.count else { return nil }
            let s = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[(i + 1)..<j]), as: UTF8.self)
            i = j + 1
            return s
        }

        /// A JSON integer without fraction or exponent, at most 18 digits; nil (position unchanged) otherwise.
        mutating func integer() -> Int? {
            var j = i
            let negative = j < bytes.count && bytes[j] == UInt8(ascii: "-")
            if negative { j += 1 }
            let start = j
            var value = 0
            while j < bytes.count, bytes[j] >= UInt8(ascii: "0"), bytes[j] <= UInt8(ascii: "9") {
                // Wrapping: a run of more than 18 digits is declined below, whatever it accumulated.
                value = value &* 10 &+ Int(bytes[j] - UInt8(ascii: "0"))
                j += 1
            }
            let digits = j - start
            guard digits > 0, digits <= 18 else { return nil }
            if digits > 1 && bytes[start] == UInt8(ascii: "0") { return nil }
            if j < bytes.count, [UInt8(ascii: "."), UInt8(ascii: "e"), UInt8(ascii: "E")].contains(bytes[j]) { return nil }
            // "-0" stays with the general parser (it may read it as a Double for `id`).
            if negative && value == 0 { return nil }
            i = j
            return negative ? -value : value
        }

        mutating func boolean() -> Bool? {
            if match("true") { return true }
            if match("false") { return false }
            return nil
        }

        private mutating func match(_ word: StaticString) -> Bool {
            let n = word.utf8CodeUnitCount
            guard i + n <= bytes.count else { return false }
            for t in 0..<n where bytes[i + t] != word.utf8Start[t] { return false }
            i += n
            return true
        }
    }
}
