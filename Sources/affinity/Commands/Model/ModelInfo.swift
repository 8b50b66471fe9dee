import Foundation

/// A model file described for `affinity model info`: its kind and named sections of fields,
/// in display order. Each model kind fills the sections in its own `ModelInfo+Kind.swift`
/// and is listed in `readers`.
struct ModelInfo: Encodable {
    /// A field value: JSON keeps its type, text shows it as is ("—" for none).
    enum Value: Encodable {
        case text(String), integer(Int), number(Double), flag(Bool), none

        /// A Float as the decimal it was written as (0.01, not 0.009999999776482582).
        static func float(_ f: Float) -> Value { .number(Double(String(f)) ?? Double(f)) }

        var display: String {
            switch self {
            case .text(let s): s
            case .integer(let i): String(i)
            case .number(let d): String(d)
            case .flag(let b): String(b)
            case .none: "—"
            }
        }

        func encode(to encoder: any Encoder) throws {
            var c = encoder.singleValueContainer()
            switch self {
            case .text(let s): try c.encode(s)
            case .integer(let i): try c.encode(i)
            case .number(let d): if d.isFinite { try c.encode(d) } else { try c.encodeNil() }
            case .flag(let b): try c.encode(b)
            case .none: try c.encodeNil()
            }
        }
    }

    struct Section {
        var name: String
        var fields: [(key: String, value: Value)]
    }

    var path: String
    var kind: String
    var sections: [Section]

    /// The kinds `read(path:)` knows, tried in order: each returns nil for a file that is not of
    /// its kind, and throws for one that is but cannot be read. A new model kind adds its reader here.
    static let readers: [@Sendable (String) throws -> ModelInfo?] = [ModelInfo.als(path:), ModelInfo.ease(path:), ModelInfo.churn(path:)]

    static func read(path: String) throws -> ModelInfo {
        guard FileManager.default.isReadableFile(atPath: path) else {
            throw ModelInfoError("\(path): cannot read the file (missing or not readable)")
        }
        for reader in readers { if let info = try reader(path) { return info } }
        throw ModelInfoError("\(path): not a model file this build knows (expected one written by 'affinity train als', 'affinity train ease' or 'affinity churn train')")
    }

    /// The first `count` bytes of the file (fewer when it is shorter).
    static func leadingBytes(_ path: String, count: Int) -> [UInt8] {
        guard let handle = FileHandle(forReadingAtPath: path) else { return [] }
        defer { try? handle.close() }
        return [UInt8]((try? handle.read(upToCount: count)) ?? Data())
    }

    private struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(_ s: String) { stringValue = s }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Key.self)
        try c.encode(path, forKey: Key("path"))
        try c.encode(kind, forKey: Key("kind"))
        for section in sections {
            var nested = c.nestedContainer(keyedBy: Key.self, forKey: Key(section.name))
            for field in section.fields { try nested.encode(field.value, forKey: Key(field.key)) }
        }
    }

    var text: String {
        var lines = ["model: \(path)", "kind: \(kind)"]
        for section in sections {
            lines.append("\(section.name):")
            for field in section.fields { lines.append("  \(field.key): \(field.value.display)") }
        }
        return lines.joined(separator: "\n")
    }
}

/// Why `affinity model info` cannot describe a file.
struct ModelInfoError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
