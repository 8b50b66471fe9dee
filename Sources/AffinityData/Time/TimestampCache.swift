#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Remembers the last timestamp text parsed and its value: event files often repeat the same
/// time on consecutive rows (all lines of one invoice), so a byte comparison replaces a parse.
struct TimestampCache {
    private var last: [UInt8] = []
    private var value: Int64 = 0

    /// The Unix seconds of field `column` of `record`, or an error naming file, line, column and `name`.
    @inline(__always)
    mutating func timestamp(_ record: CSVRecord, _ column: Int, name: String) throws -> Int64 {
        let bytes = record[column]
        if bytes.count == last.count && bytes.count > 0
            && last.withUnsafeBufferPointer({ memcmp($0.baseAddress!, bytes.baseAddress!, bytes.count) == 0 }) {
            return value
        }
        value = try record.timestamp(column, name: name)
        last.removeAll(keepingCapacity: true)
        last.append(contentsOf: bytes)
        return value
    }
}
