/// A streaming RFC 4180 CSV reader that parses bytes in large chunks.
///
/// - Quoted fields may hold delimiters, `""` escapes and line breaks.
/// - Line endings may be LF, CRLF or CR, mixed within a file.
/// - A UTF-8 byte-order mark is skipped; UTF-16 (its byte-order mark, or NUL bytes on the first
///   line) is refused with a hint to save the file as UTF-8; `.gz` input (detected by its magic bytes) is inflated on the fly.
/// - Blank lines are skipped; every record carries the 1-based line number where it starts.
/// - Errors name `file:line:column`, where column is the 1-based field number.
///
/// Fields are handed out as byte slices into the read buffer, so a record costs no allocation
/// unless the caller asks for `String`s.
public final class CSVReader {
    /// The file name used in messages (the path as given).
    public let file: String
    /// Column names from the header (empty when `hasHeader` is false).
    public private(set) var header: [String] = []
    /// The delimiter in use (given or detected).
    public private(set) var delimiter: UInt8

    let source: any ByteSource
    var buffer: UnsafeMutablePointer<UInt8>
    var capacity: Int
    var filled = 0
    var position = 0
    var atEOF = false
    var line = 1
    var pendingCR = false
    /// Fields of the current record: `spanStorage[0..<spanCount]`.
    var spanStorage: UnsafeMutablePointer<FieldSpan>
    var spanCapacity = 64
    var spanCount = 0
    var recordLine = 1
    /// `special[b]` is true for the delimiter, CR and LF.
    let special: UnsafeMutablePointer<Bool>

    var spans: UnsafeBufferPointer<FieldSpan> { UnsafeBufferPointer(start: spanStorage, count: spanCount) }

    /// Opens `path` (plain or gzip-compressed) and reads the header.
    public convenience init(path: String, options: CSVOptions = CSVOptions()) throws {
        let file = try FileByteSource(path: path)
        let magic = file.peek(count: 2)
        let source: any ByteSource = magic == [0x1f, 0x8b] ? try GzipByteSource(input: file, name: path) : file
        try self.init(source: source, name: path, options: options)
    }

    /// Parses CSV held in memory; `name` is used in messages.
    public convenience init(bytes: [UInt8], name: String = "<memory>", options: CSVOptions = CSVOptions()) throws {
        try self.init(source: MemoryByteSource(bytes: bytes), name: name, options: options)
    }

    init(source: any ByteSource, name: String, options: CSVOptions) throws {
        precondition(options.bufferSize >= 1, "CSVOptions.bufferSize must be positive")
        self.source = source
        self.file = name
        capacity = options.bufferSize
        buffer = .allocate(capacity: capacity)
        spanStorage = .allocate(capacity: spanCapacity)
        special = .allocate(capacity: 256)
        special.initialize(repeating: false, count: 256)
        delimiter = options.delimiter ?? UInt8(ascii: ",")
        try fill()
        if filled >= 3 && buffer[0] == 0xEF && buffer[1] == 0xBB && buffer[2] == 0xBF { position = 3 }
        try refuseUTF16()
        if options.delimiter == nil { delimiter = detectDelimiter() }
        special[Int(delimiter)] = true
        special[Int(UInt8(ascii: "\n"))] = true
        special[Int(UInt8(ascii: "\r"))] = true
        if options.hasHeader, try nextRecord() {
            header = spans.map { String(decoding: UnsafeBufferPointer(start: buffer + $0.start, count: $0.end - $0.start), as: UTF8.self) }
        }
    }

    deinit {
        buffer.deallocate()
        spanStorage.deallocate()
        special.deallocate()
    }

    /// The index of column `name`, or nil when the header lacks it.
    /// Note: a duplicated `name` is reported by `columnIndex`, which callers use for columns they need.
    public func columnIndexIfPresent(_ name: String) -> Int? { header.firstIndex(of: name) }

    /// The index of column `name`; throws `DataError.missingColumn` listing the header's columns.
    /// With `flag`, a missing column's message also names the option that picks another column.
    public func columnIndex(_ name: String, flag: String) throws -> Int {
        do { return try columnIndex(name) } catch let error as DataError {
            guard case .missingColumn = error else { throw error }
            throw DataError.malformed(file: file, line: 1, column: nil, message: """
                \(error.description.dropFirst("\(file):1: ".count)); or give the column's name with \(flag) NAME
                """)
        }
    }

    /// The index of column `name`; throws `DataError.missingColumn` listing the header's columns.
    public func columnIndex(_ name: String) throws -> Int {
        if let first = header.firstIndex(of: name), let second = header[(first + 1)...].firstIndex(of: name) {
            throw DataError.malformed(file: file, line: 1, column: second + 1,
                                      message: "column '\(name)' appears twice in the header (columns \(first + 1) and \(second + 1)); rename one")
        }
        guard let i = header.firstIndex(of: name) else {
            if header.isEmpty {
                throw DataError.malformed(file: file, line: 1, column: nil,
                                          message: "the file is empty; expected a header line naming the columns (e.g. '\(name)')")
            }
            throw DataError.missingColumn(file: file, column: name, available: header)
        }
        return i
    }

    /// Calls `body` for every remaining record, in file order.
    public func forEachRecord(_ body: (CSVRecord) throws -> Void) throws {
        while try nextRecord() {
            try body(CSVRecord(base: buffer, spans: spans, file: file, line: recordLine))
        }
    }

    /// The next record as owned strings, or nil at the end of the file.
    public func nextRow() throws -> CSVRow? {
        guard try nextRecord() else { return nil }
        let fields = spans.map { String(decoding: UnsafeBufferPointer(start: buffer + $0.start, count: $0.end - $0.start), as: UTF8.self) }
        return CSVRow(line: recordLine, fields: fields)
    }

    /// Every remaining record as owned strings.
    public func readAll() throws -> [CSVRow] {
        var rows: [CSVRow] = []
        while let row = try nextRow() { rows.append(row) }
        return rows
    }

    /// Throws when the start of the file looks like UTF-16 (a UTF-16 byte-order mark, or NUL bytes
    /// on the first line, which text in UTF-8 never has): the fields would read as garbage.
    private func refuseUTF16() throws {
        let bom = filled >= 2 && ((buffer[0] == 0xFF && buffer[1] == 0xFE) || (buffer[0] == 0xFE && buffer[1] == 0xFF))
        var nul = false
        var i = position
        while i < filled && !nul && buffer[i] != UInt8(ascii: "\n") {
            nul = buffer[i] == 0
            i += 1
        }
        guard bom || nul else { return }
        throw DataError.malformed(file: file, line: 1, column: nil, message: """
            the file looks like UTF-16 (\(bom ? "a UTF-16 byte-order mark" : "NUL bytes on the first line")); \
            save it as UTF-8 (e.g. iconv -f UTF-16 -t UTF-8 in > out)
            """)
    }

    /// Counts `,` `;` and tab outside quotes on the first line in the buffer.
    private func detectDelimiter() -> UInt8 {
        var counts = [Int](repeating: 0, count: CSVOptions.detectableDelimiters.count)
        var inQuotes = false
        var i = position
        while i < filled {
            let b = buffer[i]
            if b == UInt8(ascii: "\"") { inQuotes.toggle() }
            else if !inQuotes && (b == UInt8(ascii: "\n") || b == UInt8(ascii: "\r")) { break }
            else if !inQuotes, let k = CSVOptions.detectableDelimiters.firstIndex(of: b) { counts[k] += 1 }
            i += 1
        }
        var best = 0
        for k in 1..<counts.count where counts[k] > counts[best] { best = k }
        return CSVOptions.detectableDelimiters[best]
    }
}
