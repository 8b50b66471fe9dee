public import NIOCore

extension Reply {
    /// Writes a successful `RecommendResult` reply straight into `out`, byte for byte what
    /// `encoded(allocator:)` produces (sorted keys, shortest float text), without `JSONEncoder` and its
    /// existential boxing: recommend replies are the hot path. Returns false (writing nothing) for any
    /// other reply, a non-finite score or an explained item (`because`), so the caller falls back to
    /// the general encoder.
    public func writeFastPath(into out: inout ByteBuffer) -> Bool {
        guard case .success(let any) = outcome, let r = any as? RecommendResult,
              r.items.allSatisfy({ $0.score.isFinite && $0.because == nil }) else { return false }
        out.writeStaticString("{\"id\":")
        switch id {
        case .none: out.writeStaticString("null")
        case .int(let i)?: out.writeString(String(i))
        case .string(let s)?: JSONText.writeString(s, into: &out)
        case .double(let d)?:
            guard d.isFinite else { return false }
            out.writeString(JSONText.number(d))
        }
        out.writeStaticString(",\"ok\":true,\"result\":{\"items\":[")
        for (n, item) in r.items.enumerated() {
            out.writeStaticString(n == 0 ? "{\"item\":" : ",{\"item\":")
            JSONText.writeString(item.item, into: &out)
            out.writeStaticString(",\"score\":")
            out.writeString(JSONText.number(item.score))
            out.writeStaticString("}")
        }
        out.writeStaticString("],\"model_version\":")
        JSONText.writeString(r.modelVersion, into: &out)
        out.writeStaticString(",\"source\":")
        JSONText.writeString(r.source, into: &out)
        out.writeStaticString("}}")
        return true
    }
}

/// JSON text the way Foundation's `JSONEncoder` writes it (with `.withoutEscapingSlashes`).
enum JSONText {
    static func writeString(_ s: String, into out: inout ByteBuffer) {
        out.writeInteger(UInt8(ascii: "\""))
        for b in s.utf8 {
            switch b {
            case UInt8(ascii: "\""): out.writeStaticString("\\\"")
            case UInt8(ascii: "\\"): out.writeStaticString("\\\\")
            case 0x08: out.writeStaticString("\\b")
            case 0x0C: out.writeStaticString("\\f")
            case 0x0A: out.writeStaticString("\\n")
            case 0x0D: out.writeStaticString("\\r")
            case 0x09: out.writeStaticString("\\t")
            case 0..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                out.writeStaticString("\\u00")
                out.writeInteger(hex[Int(b >> 4)])
                out.writeInteger(hex[Int(b & 15)])
            default: out.writeInteger(b)
            }
        }
        out.writeInteger(UInt8(ascii: "\""))
    }

    /// Shortest round-trip text, without a trailing ".0" for integral values (as JSONEncoder writes them).
    static func number<F: BinaryFloatingPoint & LosslessStringConvertible>(_ v: F) -> String {
        var text = v.description
        if text.hasSuffix(".0") { text.removeLast(2) }
        return text
    }
}
