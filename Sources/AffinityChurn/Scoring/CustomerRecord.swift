public import Foundation

/// Turns a flat JSON object (`{"tenure": 2, "Contract": "Month-to-month", "Partner": true}`)
/// into the field → raw text form `ChurnModel.score(customer:)` takes. Numbers keep their
/// JSON spelling (`2`, `29.85`), booleans become `true`/`false`, null becomes blank.
public enum CustomerRecord {
    private enum Scalar: Decodable {
        case text(String)
        case null

        init(from decoder: any Decoder) throws {
            let c = try decoder.singleValueContainer()
            if c.decodeNil() { self = .null; return }
            if let b = try? c.decode(Bool.self) { self = .text(b ? "true" : "false"); return }
            if let i = try? c.decode(Int64.self) { self = .text(String(i)); return }
            if let d = try? c.decode(Double.self) { self = .text(String(d)); return }
            if let s = try? c.decode(String.self) { self = .text(s); return }
            throw DecodingError.dataCorruptedError(in: c, debugDescription: "expected a string, number, boolean or null")
        }
    }

    /// Decodes one JSON object of scalars; nested values are refused naming the field.
    public static func decode(json: Data) throws(ChurnError) -> [String: String] {
        do {
            let object = try JSONDecoder().decode([String: Scalar].self, from: json)
            return object.mapValues { if case .text(let s) = $0 { return s } else { return "" } }
        } catch let DecodingError.dataCorrupted(context) {
            let field = context.codingPath.last?.stringValue
            throw .invalid("customer JSON: \(field.map { "field '\($0)': " } ?? "")\(context.debugDescription); expected one object of field → string/number/boolean/null")
        } catch {
            throw .invalid("customer JSON: expected one object of field → string/number/boolean/null (\(error))")
        }
    }
}
