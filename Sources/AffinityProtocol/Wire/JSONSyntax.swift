public import Foundation

/// Finds where a frame stops being JSON, for `bad_json` messages (JSONDecoder does not say): the
/// byte offset from the start of the line (0-based), what was expected there and what was found.
/// Iterative, so deep nesting cannot exhaust the stack; like JSONDecoder it refuses nesting deeper
/// than `maxDepth` and invalid UTF-8, and accepts a trailing comma.
public struct JSONSyntax: Sendable, Equatable, CustomStringConvertible {
    public var offset: Int
    public var expected: String
    public var found: String

    public var description: String { "expected \(expected) at byte \(offset), found \(found)" }

    static let maxDepth = 512

    /// The first syntax error in `data`, or nil when it is one well-formed JSON value.
    public static func firstError(in data: Data) -> JSONSyntax? {
        let bytes = [UInt8](data)
        if let bad = firstInvalidUTF8(bytes) { return JSONSyntax(offset: bad, expected: "UTF-8 text", found: hex(bytes[bad])) }
        var scanner = Scanner(bytes: bytes)
        return scanner.run()
    }

    static func firstInvalidUTF8(_ bytes: [UInt8]) -> Int? {
        var parser = Unicode.UTF8.ForwardParser()
        var iterator = bytes.makeIterator()
        var offset = 0
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let scalar): offset += scalar.count
            case .emptyInput: return nil
            case .error: return offset
            }
        }
    }

    static func hex(_ b: UInt8) -> String { "byte 0x" + String(b, radix: 16, uppercase: true) }

    private struct Scanner {
        enum State { case value, key, afterValue }
        let bytes: [UInt8]
        var i = 0
        var stack: [UInt8] = []   // "{" or "["

        init(bytes: [UInt8]) { self.bytes = bytes }

        mutating func run() -> JSONSyntax? {
            var state = State.value
            while true {
                skipSpace()
                switch state {
                case .value:
                    guard i < bytes.count else { return fail("a value") }
                    switch bytes[i] {
                    case UInt8(ascii: "{"), UInt8(ascii: "["):
                        if stack.count == JSONSyntax.maxDepth { return fail("at most \(JSONSyntax.maxDepth) levels of nesting") }
                        let open = bytes[i]
                        stack.append(open)
                        i += 1
                        skipSpace()
                        let close = open == UInt8(ascii: "{") ? UInt8(ascii: "}") : UInt8(ascii: "]")
                        if i < bytes.count, bytes[i] == close {
                            stack.removeLast()
                            i += 1
                            state = .afterValue
                        } else {
                            state = open == UInt8(ascii: "{") ? .key : .value
                        }
                    case UInt8(ascii: "\""):
                        if let e = string() { return e }
                        state = .afterValue
                    case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                        if let e = number() { return e }
                        state = .afterValue
                    default:
                        guard literal("true") || literal("false") || literal("null") else { return fail("a value") }
                        state = .afterValue
                    }
                case .key:
                    guard i < bytes.count, bytes[i] == UInt8(ascii: "\"") else { return fail("a string key") }
                    if let e = string() { return e }
                    skipSpace()
                    guard i < bytes.count, bytes[i] == UInt8(ascii: ":") else { return fail("':'") }
                    i += 1
                    state = .value
                case .afterValue:
                    guard let open = stack.last else { return i == bytes.count ? nil : fail("the end of the frame") }
                    let isObject = open == UInt8(ascii: "{")
                    let close = isObject ? UInt8(ascii: "}") : UInt8(ascii: "]")
                    guard i < bytes.count, bytes[i] == UInt8(ascii: ",") || bytes[i] == close else {
                        return fail(isObject ? "',' or '}'" : "',' or ']'")
                    }
                    if bytes[i] == close {
                        stack.removeLast()
                    } else {
                        state = isObject ? .key : .value
                        // JSONDecoder accepts a trailing comma ("[1,]", "{"a":1,}"); so does this locator.
                        i += 1
                        skipSpace()
                        if i < bytes.count, bytes[i] == close {
                            stack.removeLast()
                            state = .afterValue
                        } else {
                            continue
                        }
                    }
                    i += 1
                }
            }
        }

        mutating func skipSpace() {
            while i < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[i]) { i += 1 }
        }

        func fail(_ expected: String) -> JSONSyntax {
            let found: String
            if i >= bytes.count {
                found = "the end of the frame"
            } else if bytes[i] >= 0x21 && bytes[i] < 0x7F {
                found = "'\(Character(Unicode.Scalar(bytes[i])))'"
            } else {
                found = JSONSyntax.hex(bytes[i])
            }
            return JSONSyntax(offset: i, expected: expected, found: found)
        }

        mutating func literal(_ word: String) -> Bool {
            let w = Array(word.utf8)
            guard i + w.count <= bytes.count, Array(bytes[i..<(i + w.count)]) == w else { return false }
            i += w.count
            return true
        }

        /// A string starting at the quote under `i`; nil when well formed (then `i` is past it).
        mutating func string() -> JSONSyntax? {
            i += 1
            while i < bytes.count {
                switch bytes[i] {
                case UInt8(ascii: "\""):
                    i += 1
                    return nil
                case UInt8(ascii: "\\"):
                    i += 1
                    guard i < bytes.count else { return fail("an escape") }
                    if bytes[i] == UInt8(ascii: "u") {
                        for _ in 0..<4 {
                            i += 1
                            guard i < bytes.count, Character(Unicode.Scalar(bytes[i])).isHexDigit else { return fail("4 hex digits after \\u") }
                        }
                    } else if !Array(#""\/bfnrt"#.utf8).contains(bytes[i]) {
                        return fail("an escape (\\\", \\\\, \\/, \\b, \\f, \\n, \\r, \\t or \\uXXXX)")
                    }
                    i += 1
                case 0..<0x20:
                    return fail("a character (control characters must be escaped)")
                default:
                    i += 1
                }
            }
            return fail("'\"' closing the string")
        }

        /// A number per RFC 8259: -? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?
        mutating func number() -> JSONSyntax? {
            if bytes[i] == UInt8(ascii: "-") { i += 1 }
            guard digits(integerPart: true) > 0 else { return fail("a digit") }
            if i < bytes.count, bytes[i] == UInt8(ascii: ".") {
                i += 1
                guard digits() > 0 else { return fail("a digit after '.'") }
            }
            if i < bytes.count, bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E") {
                i += 1
                if i < bytes.count, bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-") { i += 1 }
                guard digits() > 0 else { return fail("a digit in the exponent") }
            }
            return nil
        }

        /// Consumes a run of digits and returns its length. In an integer part a leading zero ends the
        /// run (JSON forbids "01"; the next digit is then reported where a separator was expected).
        mutating func digits(integerPart: Bool = false) -> Int {
            let start = i
            while i < bytes.count, bytes[i] >= UInt8(ascii: "0"), bytes[i] <= UInt8(ascii: "9") {
                i += 1
                if integerPart && i - start == 1 && bytes[start] == UInt8(ascii: "0") { break }
            }
            return i - start
        }
    }
}
