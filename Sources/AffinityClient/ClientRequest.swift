import AffinityProtocol
import Foundation

/// Any JSON value, for building requests from command-line `key=value` pairs.
public indirect enum JSONValue: Codable, Sendable, Equatable {
    case string(String), number(Double), bool(Bool), null
    case array([JSONValue]), object([String: JSONValue])

    public init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if c.decodeNil() { self = .null }
        else if let b = try? c.decode(Bool.self) { self = .bool(b) }
        else if let d = try? c.decode(Double.self) { self = .number(d) }
        else if let s = try? c.decode(String.self) { self = .string(s) }
        else if let a = try? c.decode([JSONValue].self) { self = .array(a) }
        else { self = .object(try c.decode([String: JSONValue].self)) }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case .string(let s): try c.encode(s)
        case .number(let d):
            if d == d.rounded(), abs(d) < 1e15 { try c.encode(Int64(d)) } else { try c.encode(d) }
        case .bool(let b): try c.encode(b)
        case .null: try c.encodeNil()
        case .array(let a): try c.encode(a)
        case .object(let o): try c.encode(o)
        }
    }
}

/// Request lines built from an op name and `key=value` pairs.
public enum ClientRequest {
    public static func line(op: String, params: [String], id: Int64 = 1) throws -> String {
        guard let op = Op(rawValue: op) else { throw ClientError.badReply("unknown op '\(op)'") }
        var object: [String: JSONValue] = [:]
        for p in params {
            guard let eq = p.firstIndex(of: "=") else { throw ClientError.badReply("parameter '\(p)' must be key=value") }
            let key = String(p[..<eq]), raw = String(p[p.index(after: eq)...])
            object[key] = value(key: key, raw: raw)
        }
        return try encode(WireRequest(id: .int(id), op: op, params: object))
    }

    /// Keys whose values are numbers on the wire; elsewhere a bare number (an id like 101509) stays a string.
    static let numericKeys: Set<String> = ["k", "weight", "timestamp", "max_per_category"]

    /// JSON when the text is an array, object, quoted string, boolean or null, or a number for a numeric
    /// key; otherwise the text itself as a string.
    static func value(key: String, raw: String) -> JSONValue {
        let structured = raw.hasPrefix("[") || raw.hasPrefix("{") || raw.hasPrefix("\"") || ["true", "false", "null"].contains(raw)
        if structured || numericKeys.contains(key), let v = try? JSONDecoder().decode(JSONValue.self, from: Data(raw.utf8)) {
            return v
        }
        return .string(raw)
    }

    public static func authLine(token: String) -> String {
        (try? encode(WireRequest(id: .string("auth"), op: .auth, params: AuthParams(token: token)))) ?? ""
    }

    static func encode<P: Encodable>(_ request: WireRequest<P>) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(request), as: UTF8.self)
    }

    /// True when a reply line is an error reply (replies are written with sorted keys).
    public static func isError(_ reply: String) -> Bool { reply.hasPrefix(#"{"error""#) }
}

extension LoadGenerator {
    /// User and item ids from the server's `model_info` (`sample_users`, `sample_items`).
    public static func sampleIDs(host: String, port: Int, token: String?) async throws -> (users: [String], items: [String]) {
        let c = try await AffinityConnection.connect(host: host, port: port)
        defer { Task { await c.close() } }
        if let token { _ = try await c.exchange(ClientRequest.authLine(token: token)) }
        let info = try await c.call(.modelInfo, NoParams?.none, as: ModelInfoResult.self)
        return (info.sampleUsers, info.sampleItems)
    }
}
