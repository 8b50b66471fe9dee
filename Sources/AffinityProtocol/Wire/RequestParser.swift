public import Foundation
public import NIOCore

/// Turns one frame into a `ParsedRequest` with a single JSON parse. Never throws: every failure is a
/// `ProtocolError` value (`bad_json`, `bad_request` naming the field, `unknown_op`).
public struct RequestParser: Sendable {
    public init() {}

    public func parse(_ frame: ByteBuffer) -> ParsedRequest {
        if let fast = frame.withUnsafeReadableBytes({ FastRequestParser.parse($0) }) { return fast }
        return parse(Data(frame.readableBytesView))
    }

    public func parse(_ data: Data) -> ParsedRequest {
        let parsed: ParsedRequest
        do {
            let envelope = try JSONDecoder().decode(Envelope.self, from: data)
            parsed = ParsedRequest(id: envelope.id, op: envelope.op, request: envelope.request)
        } catch let error as DecodingError {
            parsed = ParsedRequest(id: nil, request: .failure(Self.protocolError(error)))
        } catch {
            parsed = ParsedRequest(id: nil, request: .failure(.badJSON("\(error)")))
        }
        // JSONDecoder reads values lazily, so a frame that is not JSON can surface as a field error (or as
        // a syntax error without a place): any failing frame that is not JSON is bad_json, saying where.
        if case .failure = parsed.request, let broken = JSONSyntax.firstError(in: data) {
            return ParsedRequest(id: nil, request: .failure(.badJSON(broken.description)))
        }
        return parsed
    }

    /// Maps a decoding failure to `bad_json` (syntax) or `bad_request` (shape), naming the field.
    static func protocolError(_ error: DecodingError) -> ProtocolError {
        switch error {
        case .dataCorrupted(let ctx) where ctx.codingPath.isEmpty:
            let detail = (ctx.underlyingError.map { "\($0)" } ?? ctx.debugDescription)
            return .badJSON(String(detail.prefix(200)))
        case .dataCorrupted(let ctx):
            return .badRequest(field: path(ctx.codingPath), expected: ctx.debugDescription, got: nil)
        case .keyNotFound(let key, let ctx):
            return .badRequest(field: path(ctx.codingPath + [key]), expected: "a value (the field is required)", got: "nothing")
        case .typeMismatch(let type, let ctx):
            if ctx.codingPath.isEmpty { return .badRequest(field: "(frame)", expected: "a JSON object", got: nil) }
            return .badRequest(field: path(ctx.codingPath), expected: describe(type), got: "a value of another type")
        case .valueNotFound(let type, let ctx):
            return .badRequest(field: path(ctx.codingPath), expected: describe(type), got: "null")
        @unknown default:
            return .badRequest(field: "(frame)", expected: "a valid request", got: nil)
        }
    }

    static func path(_ codingPath: [any CodingKey]) -> String {
        var out = ""
        for key in codingPath {
            if let i = key.intValue {
                out += "[\(i)]"
            } else {
                out += out.isEmpty ? key.stringValue : "." + key.stringValue
            }
        }
        return out.isEmpty ? "(frame)" : out
    }

    static func describe(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "a string"
        case is Bool.Type: "a boolean (true or false)"
        case is Int.Type, is Int64.Type: "an integer"
        case is Double.Type, is Float.Type: "a number"
        case is JSONScalar.Type: "a string, number, boolean or null"
        case is RequestID.Type: "a string or a number"
        default:
            "\(type)".hasPrefix("Array") ? "an array" : ("\(type)".hasPrefix("Dictionary") ? "an object" : "a valid \(type)")
        }
    }
}

/// The whole frame in one pass: reads `id` and `op`, then the op's parameters from the same object.
private struct Envelope: Decodable {
    var id: RequestID?
    var op: Op?
    var request: Result<Request, ProtocolError>

    enum Key: String, CodingKey { case id, op }

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: Key.self)
        id = try? c.decodeIfPresent(RequestID.self, forKey: .id)
        do {
            if c.contains(.id), id == nil, try !c.decodeNil(forKey: .id) {
                throw ProtocolError.badRequest(field: "id", expected: "a string or a number", got: "a value of another type")
            }
            guard let name = try c.decodeIfPresent(String.self, forKey: .op) else {
                throw ProtocolError.badRequest(field: "op", expected: "a string naming the operation", got: "nothing")
            }
            guard let op = Op(rawValue: name) else { throw ProtocolError.unknownOp(name) }
            self.op = op
            try WireFields.requireKnown(decoder, allowed: ["id", "op"] + Self.fields(op), of: "'\(op.rawValue)'")
            let request = try Self.params(op, decoder)
            try request.validate()
            self.request = .success(request)
        } catch let error as ProtocolError {
            request = .failure(error)
        } catch let error as DecodingError {
            request = .failure(RequestParser.protocolError(error))
        } catch {
            // A number JSONDecoder cannot represent in a field this parser reads without `WireFields`.
            request = .failure(.badRequest(field: "(frame)", expected: "numbers that fit their fields", got: "\(error)"))
        }
    }

    static func fields(_ op: Op) -> [String] {
        switch op {
        case .auth: AuthParams.fields
        case .recommend: RecommendParams.fields
        case .recommendItems: RecommendItemsParams.fields
        case .similarItems: SimilarItemsParams.fields
        case .feedback: FeedbackParams.fields
        case .feedbackBatch: FeedbackBatchParams.fields
        case .churnScore: ChurnScoreParams.fields
        case .churnBatch: ChurnBatchParams.fields
        case .retentionOffer: RetentionOfferParams.fields
        case .forgetUser, .exportUser: UserParams.fields
        case .health, .modelInfo, .stats: []
        case .reload: ReloadParams.fields
        }
    }

    static func params(_ op: Op, _ d: any Decoder) throws -> Request {
        switch op {
        case .auth: .auth(try AuthParams(from: d))
        case .recommend: .recommend(try RecommendParams(from: d))
        case .recommendItems: .recommendItems(try RecommendItemsParams(from: d))
        case .similarItems: .similarItems(try SimilarItemsParams(from: d))
        case .feedback: .feedback(try FeedbackParams(from: d))
        case .feedbackBatch: .feedbackBatch(try FeedbackBatchParams(from: d))
        case .churnScore: .churnScore(try ChurnScoreParams(from: d))
        case .churnBatch: .churnBatch(try ChurnBatchParams(from: d))
        case .retentionOffer: .retentionOffer(try RetentionOfferParams(from: d))
        case .forgetUser: .forgetUser(try UserParams(from: d))
        case .exportUser: .exportUser(try UserParams(from: d))
        case .health: .health
        case .modelInfo: .modelInfo
        case .stats: .stats
        case .reload: .reload(try ReloadParams(from: d))
        }
    }
}
