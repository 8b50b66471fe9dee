import AffinityData

/// A customer table held in memory: one row per customer, cells as raw text.
public struct CustomerTable: Sendable {
    /// The file name used in messages.
    public var source: String
    public var header: [String]
    public var rows: [[String]]
    /// The 1-based file line of each row.
    public var lines: [Int]

    public init(source: String, header: [String], rows: [[String]], lines: [Int]? = nil) {
        self.source = source
        self.header = header
        self.rows = rows
        self.lines = lines ?? rows.indices.map { $0 + 2 }
    }

    /// Reads a CSV (plain or .gz) with `CSVReader`. Throws `ChurnError.emptyInput` when
    /// there is no header or no data row, and on a row whose field count differs from the header.
    public static func read(path: String) throws -> CustomerTable {
        let reader = try CSVReader(path: path)
        if reader.header.isEmpty { throw ChurnError.emptyInput(file: path) }
        var rows: [[String]] = []
        var lines: [Int] = []
        let width = reader.header.count
        for (i, name) in reader.header.enumerated() where reader.header[..<i].contains(name) {
            throw DataError.malformed(file: path, line: 1, column: i + 1, message: "column '\(name)' appears twice in the header; rename one")
        }
        try reader.forEachRecord { record in
            guard record.count == width else {
                throw DataError.malformed(file: path, line: record.line, column: nil,
                                          message: "expected \(width) fields as in the header; got \(record.count)")
            }
            rows.append(try (0..<width).map { c in
                let text = try record.utf8(c, name: reader.header[c])
                try CellText.requireFiniteIfNumeric(text, record: record, column: c, name: reader.header[c])
                return text
            })
            lines.append(record.line)
        }
        if rows.isEmpty { throw ChurnError.emptyInput(file: path) }
        return CustomerTable(source: path, header: reader.header, rows: rows, lines: lines)
    }

    /// The index of `column`, or `ChurnError.missingColumn` listing the header.
    public func columnIndex(_ column: String) throws(ChurnError) -> Int {
        guard let i = header.firstIndex(of: column) else {
            throw .missingColumn(file: source, column: column, available: header)
        }
        return i
    }

    /// Rows `indices` as a new table (same header), e.g. one side of a split.
    public func subset(_ indices: [Int]) -> CustomerTable {
        CustomerTable(source: source, header: header, rows: indices.map { rows[$0] }, lines: indices.map { lines[$0] })
    }
}
