import Foundation
public import NIOCore

/// `"error": {"code", "message"}` in a failed reply.
public struct ErrorBody: Codable, Sendable, Equatable {
    public var code: ErrorCode
    public var message: String
    public init(code: ErrorCode, message: String) { self.code = code; self.message = message }
}

/// A reply as the server builds it: the echoed id and either a result or an error.
public struct Reply: Sendable {
    public var id: RequestID?
    public var outcome: Result<any Encodable & Sendable, ProtocolError>

    public init(id: RequestID?, outcome: Result<any Encodable & Sendable, ProtocolError>) {
        self.id = id
        self.outcome = outcome
    }

    public static func success(_ id: RequestID?, _ result: any Encodable & Sendable) -> Reply {
        Reply(id: id, outcome: .success(result))
    }

    public static func failure(_ id: RequestID?, _ error: ProtocolError) -> Reply {
        Reply(id: id, outcome: .failure(error))
    }

    /// The JSON bytes of the reply (without the trailing newline).
    public func encoded(allocator: ByteBufferAllocator) -> ByteBuffer {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes, .sortedKeys]
        let data: Data
        do {
            data = try encoder.encode(ReplyWire(reply: self))
        } catch {
            // A result that cannot be encoded (a non-finite Float) is a server bug: report it as internal.
            let fallback = Reply.failure(id, .internal(correlationID: "encode"))
            data = (try? encoder.encode(ReplyWire(reply: fallback))) ?? Data("{\"ok\":false}".utf8)
        }
        var buffer = allocator.buffer(capacity: data.count + 1)
        buffer.writeBytes(data)
        return buffer
    }
}

private struct ReplyWire: Encodable {
    let reply: Reply
    enum Key: String, CodingKey { case id, ok, result, error }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Key.self)
        if let id = reply.id { try c.encode(id, forKey: .id) } else { try c.encodeNil(forKey: .id) }
        switch reply.outcome {
        case .success(let result):
            try c.encode(true, forKey: .ok)
            try c.encode(result, forKey: .result)
        case .failure(let error):
            try c.encode(false, forKey: .ok)
            try c.encode(error.body, forKey: .error)
        }
    }
}

/// A reply as a client reads it, with the result decoded as `R`.
public struct WireReply<R: Decodable & Sendable>: Decodable, Sendable {
    public var id: RequestID?
    public var ok: Bool
    public var result: R?
    public var error: ErrorBody?
}

/// A request as a client writes it: `{"id", "op", ...params}` flattened into one object.
public struct WireRequest<P: Encodable>: Encodable {
    public var id: RequestID
    public var op: Op
    public var params: P?

    public init(id: RequestID, op: Op, params: P?) {
        self.id = id
        self.op = op
        self.params = params
    }

    enum Key: String, CodingKey { case id, op }

    public func encode(to encoder: any Encoder) throws {
        if let params { try params.encode(to: encoder) }
        var c = encoder.container(keyedBy: Key.self)
        try c.encode(id, forKey: .id)
        try c.encode(op, forKey: .op)
    }
}

/// No parameters (`health`, `model_info`, `stats`).
public struct NoParams: Codable, Sendable, Equatable {
    public init() {}
}
