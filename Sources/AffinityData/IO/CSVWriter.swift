/// Builds RFC 4180 CSV in memory (LF line endings; fields quoted only when they need it)
/// and saves it with `AtomicFile`.
public struct CSVWriter: Sendable {
    public private(set) var bytes: [UInt8] = []
    public let columnCount: Int

    public init(header: [String]) {
        columnCount = header.count
        append(header)
    }

    /// Appends one record; it must have as many fields as the header.
    public mutating func append(_ fields: [String]) {
        precondition(fields.count == columnCount, "CSVWriter: record has \(fields.count) fields; header has \(columnCount)")
        for (k, field) in fields.enumerated() {
            if k > 0 { bytes.append(UInt8(ascii: ",")) }
            let utf8 = field.utf8
            if utf8.contains(where: { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\n") || $0 == UInt8(ascii: "\r") }) {
                bytes.append(UInt8(ascii: "\""))
                for b in utf8 {
                    if b == UInt8(ascii: "\"") { bytes.append(b) }
                    bytes.append(b)
                }
                bytes.append(UInt8(ascii: "\""))
            } else {
                bytes.append(contentsOf: utf8)
            }
        }
        bytes.append(UInt8(ascii: "\n"))
    }

    /// Writes the CSV to `path` with `AtomicFile` (temporary file, fsync, rename).
    public func save(to path: String) throws(DataError) { try AtomicFile.write(bytes, to: path) }
}

/// Fixed-point money and timestamp text that does not depend on floating-point printing.
public enum CSVText {
    /// `1234` cents → `12.34`.
    public static func money(cents: Int) -> String {
        let sign = cents < 0 ? "-" : ""
        let a = abs(cents)
        let fraction = a % 100
        return "\(sign)\(a / 100).\(fraction < 10 ? "0" : "")\(fraction)"
    }

    /// Unix seconds → `YYYY-MM-DD HH:MM:SS` (UTC), the UCI Online Retail form.
    public static func dateTime(_ seconds: Int64) -> String {
        let iso = TimestampParser.iso8601(seconds)
        return String(iso.prefix(10)) + " " + String(iso.dropFirst(11).prefix(8))
    }

    /// Unix seconds → `YYYY-MM-DD`.
    public static func date(_ seconds: Int64) -> String { String(TimestampParser.iso8601(seconds).prefix(10)) }
}
