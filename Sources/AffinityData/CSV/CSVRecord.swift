/// The position of one field inside the reader's buffer.
struct FieldSpan {
    var start: Int
    var end: Int
    var quoted: Bool
    var escaped: Bool
}

/// One record, borrowed from the reader's buffer. Valid only inside the
/// `CSVReader.forEachRecord` closure that received it; copy out what you keep.
public struct CSVRecord {
    let base: UnsafePointer<UInt8>
    let spans: UnsafeBufferPointer<FieldSpan>
    /// The file name used in error messages.
    public let file: String
    /// The 1-based line on which the record starts.
    public let line: Int

    /// Number of fields in this record.
    public var count: Int { spans.count }

    /// The bytes of field `i` (quotes removed, `""` already unescaped).
    @inline(__always)
    public subscript(i: Int) -> UnsafeBufferPointer<UInt8> {
        let s = spans[i]
        return UnsafeBufferPointer(start: base + s.start, count: s.end - s.start)
    }

    /// Field `i` decoded as UTF-8 (invalid sequences become U+FFFD).
    public func string(_ i: Int) -> String { String(decoding: self[i], as: UTF8.self) }

    /// All fields as strings.
    public func strings() -> [String] { (0..<count).map(string) }

    /// True when field `i` is empty.
    @inline(__always)
    public func isEmpty(_ i: Int) -> Bool { spans[i].end == spans[i].start }

    /// An error at field `i` (1-based column `i + 1`) of this record.
    public func error(column i: Int, _ message: String) -> DataError {
        .malformed(file: file, line: line, column: i + 1, message: message)
    }

    /// Field `i` as a finite number, or a `DataError.malformed` naming file, line, column and `name`.
    public func double(_ i: Int, name: String) throws -> Double {
        let bytes = self[i]
        if let v = NumberParser.double(bytes), v.isFinite { return v }
        throw error(column: i, "column '\(name)' must be a finite number; got \(quotedValue(i))")
    }

    /// Field `i` as a finite number within the 32-bit float range (weights stored as `Float`).
    public func float(_ i: Int, name: String) throws -> Float {
        let v = try double(i, name: name)
        guard abs(v) <= Double(Float.greatestFiniteMagnitude) else {
            throw error(column: i, "column '\(name)' is outside the 32-bit float range (±3.4e38); got \(quotedValue(i))")
        }
        return Float(v)
    }

    /// Field `i` as text, or a `DataError.malformed` when its bytes are not valid UTF-8.
    public func utf8(_ i: Int, name: String) throws -> String {
        guard let s = String(validating: self[i], as: UTF8.self) else {
            throw error(column: i, "column '\(name)' is not valid UTF-8; convert the file to UTF-8 (e.g. iconv -f latin1 -t utf-8)")
        }
        return s
    }

    /// Field `i` as an integer, or a `DataError.malformed` naming file, line, column and `name`.
    public func int(_ i: Int, name: String) throws -> Int {
        if let v = NumberParser.int(self[i]) { return v }
        throw error(column: i, "column '\(name)' must be an integer; got \(quotedValue(i))")
    }

    /// Field `i` as Unix seconds (see `TimestampParser`), or an error naming file, line, column and `name`.
    public func timestamp(_ i: Int, name: String) throws -> Int64 {
        if let v = TimestampParser.parse(self[i]) { return v }
        throw error(column: i, "column '\(name)' must be a timestamp (ISO-8601, 'YYYY-MM-DD HH:MM:SS' or Unix seconds); got \(quotedValue(i))")
    }

    /// Field `i` in double quotes for messages, shortened when long.
    public func quotedValue(_ i: Int) -> String {
        let s = string(i)
        return s.count > 60 ? "\"\(s.prefix(60))…\"" : "\"\(s)\""
    }
}

/// An owned copy of a record.
public struct CSVRow: Sendable, Equatable {
    public var line: Int
    public var fields: [String]

    public init(line: Int, fields: [String]) {
        self.line = line
        self.fields = fields
    }
}
