/// Decoding helpers shared by the parameter types: a frame's keys checked against the fields an op
/// takes, and numbers read so that a fraction, exponent or out-of-range value is a `bad_request`
/// naming the field (JSONDecoder reports those as unreadable JSON, without a field).
enum WireFields {
    /// Throws `bad_request` naming the first key of the object at `decoder` that is not in `allowed`.
    static func requireKnown(_ decoder: any Decoder, allowed: [String], of what: String) throws {
        let c = try decoder.container(keyedBy: AnyKey.self)
        let known = Set(allowed)
        guard let unknown = c.allKeys.map(\.stringValue).sorted().first(where: { !known.contains($0) }) else { return }
        throw ProtocolError.badRequest(field: RequestParser.path(decoder.codingPath + [AnyKey(stringValue: unknown)]),
                                       expected: "one of the fields of \(what): \(allowed.joined(separator: ", "))",
                                       got: "an unknown field")
    }

    /// An optional integer field; `expected` describes the valid values for the message.
    static func integer<K: CodingKey, T: FixedWidthInteger & Decodable>(
        _ type: T.Type, _ c: KeyedDecodingContainer<K>, _ key: K, expected: String
    ) throws -> T? {
        guard c.contains(key), try !c.decodeNil(forKey: key) else { return nil }
        do {
            return try c.decode(T.self, forKey: key)
        } catch let error as DecodingError {
            throw error
        } catch {
            // JSONDecoder's own error for a number that is not an integer of this size.
            throw ProtocolError.badRequest(field: RequestParser.path(c.codingPath + [key]), expected: expected, got: numberText(c, key))
        }
    }

    /// An optional floating-point field.
    static func number<K: CodingKey>(_ c: KeyedDecodingContainer<K>, _ key: K, expected: String) throws -> Double? {
        guard c.contains(key), try !c.decodeNil(forKey: key) else { return nil }
        do {
            return try c.decode(Double.self, forKey: key)
        } catch let error as DecodingError {
            throw error
        } catch {
            throw ProtocolError.badRequest(field: RequestParser.path(c.codingPath + [key]), expected: expected, got: numberText(c, key))
        }
    }

    /// The number at `key` for a message: integral values without a fraction, others as Swift prints them.
    private static func numberText<K: CodingKey>(_ c: KeyedDecodingContainer<K>, _ key: K) -> String {
        guard let d = try? c.decode(Double.self, forKey: key) else { return "a number beyond the range of a double" }
        return JSONScalar.number(d).cellText
    }

    struct AnyKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }
}
