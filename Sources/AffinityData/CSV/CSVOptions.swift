/// How `CSVReader` splits a file.
public struct CSVOptions: Sendable, Equatable {
    /// The field delimiter (`,`, `;` or tab). `nil` detects it from the header line:
    /// whichever of the three occurs most often outside quotes, comma on a tie or when none occurs.
    public var delimiter: UInt8?
    /// Whether the first record names the columns.
    public var hasHeader: Bool
    /// Bytes read per chunk (the buffer grows when a single record is longer).
    public var bufferSize: Int

    public init(delimiter: UInt8? = nil, hasHeader: Bool = true, bufferSize: Int = 1 << 20) {
        self.delimiter = delimiter
        self.hasHeader = hasHeader
        self.bufferSize = bufferSize
    }

    /// The delimiters that detection chooses from.
    public static let detectableDelimiters: [UInt8] = [UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: "\t")]

    /// Parses a delimiter given by name: `,` `;` `tab` (or a literal tab), `comma`, `semicolon`.
    public static func delimiter(named name: String) throws -> UInt8 {
        switch name {
        case ",", "comma": return UInt8(ascii: ",")
        case ";", "semicolon": return UInt8(ascii: ";")
        case "\t", "tab", "\\t": return UInt8(ascii: "\t")
        default: throw DataError.invalid("unknown delimiter '\(name)'; expected one of: ',' ';' 'tab'")
        }
    }
}
