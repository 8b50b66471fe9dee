import Foundation

/// One hyperparameter value in a search space: a number (factors, α, λ) or a name (a scaling).
/// Encodes as a bare JSON number or string, so best.json reads `"factors": 64`.
public enum TuningValue: Sendable, Hashable, Codable, CustomStringConvertible,
    ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral, ExpressibleByStringLiteral {
    case number(Double)
    case name(String)

    public init(integerLiteral value: Int) { self = .number(Double(value)) }
    public init(floatLiteral value: Double) { self = .number(value) }
    public init(stringLiteral value: String) { self = .name(value) }

    /// The number (NaN for a name).
    public var number: Double { if case .number(let x) = self { x } else { .nan } }
    /// The name (the number's text for a number).
    public var name: String { if case .name(let s) = self { s } else { description } }

    public var description: String {
        switch self {
        case .number(let x): String(format: "%g", x)
        case .name(let s): s
        }
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if let x = try? c.decode(Double.self) { self = .number(x) } else { self = .name(try c.decode(String.self)) }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case .number(let x): try c.encode(x)
        case .name(let s): try c.encode(s)
        }
    }
}
