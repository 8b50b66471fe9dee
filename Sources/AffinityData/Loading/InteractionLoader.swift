/// An `InteractionTable` together with the report of how it was read.
public struct LoadedInteractions: Sendable {
    public var table: InteractionTable
    public var report: LoadReport
}

/// Loads interaction files (generic CSV or a `DatasetPreset`) into an `InteractionTable`.
///
/// Generic mode: columns from `InteractionColumns`; weight defaults to 1; timestamps may be
/// ISO-8601, `YYYY-MM-DD HH:MM:SS` (optionally ` UTC`) or Unix seconds. A bad weight or timestamp
/// is an error naming file, line and column; rows with an empty user or item are skipped and counted.
/// A row must have exactly the header's number of fields. A negative weight is negative feedback
/// (preference 0, confidence from |w|; counted in `LoadReport.negativeWeightRows`). User and item IDs
/// longer than `InteractionLoadOptions.maxIDBytes` are an error naming file and line.
/// Duplicate (user, item) pairs stay as separate rows; `InteractionTable.csr()` sums them.
public enum InteractionLoader {
    public static func load(path: String, options: InteractionLoadOptions = InteractionLoadOptions()) throws -> LoadedInteractions {
        try options.validate()
        var csv = CSVOptions(delimiter: options.delimiter, hasHeader: true, bufferSize: options.bufferSize)
        if options.preset == .lastfm { csv.delimiter = UInt8(ascii: "\t") }
        if options.preset != nil && options.preset != .lastfm { csv.delimiter = UInt8(ascii: ",") }
        let reader = try CSVReader(path: path, options: csv)
        switch options.preset {
        case nil: return try loadGeneric(reader, columns: options.columns, maxIDBytes: options.maxIDBytes)
        case .onlineRetail: return try loadOnlineRetail(reader, maxIDBytes: options.maxIDBytes)
        case .movielens: return try loadMovieLens(reader, minRating: options.minRating, maxIDBytes: options.maxIDBytes)
        case .lastfm: return try loadLastFM(reader, maxIDBytes: options.maxIDBytes)
        case .rees46: return try loadREES46(reader, maxIDBytes: options.maxIDBytes)
        }
    }

    static func loadGeneric(_ reader: CSVReader, columns: InteractionColumns, maxIDBytes: Int) throws -> LoadedInteractions {
        let userCol = try reader.columnIndex(columns.user, flag: "--user-col")
        let itemCol = try reader.columnIndex(columns.item, flag: "--item-col")
        func optional(_ c: OptionalColumn) throws -> Int? {
            c.required ? try reader.columnIndex(c.name) : reader.columnIndexIfPresent(c.name)
        }
        let weightCol = try optional(columns.weight)
        let timeCol = try optional(columns.timestamp)
        let eventCol = try optional(columns.event)
        var builder = InteractionTableBuilder(file: reader.file, maxIDBytes: maxIDBytes, withTimestamps: timeCol != nil, withEvents: eventCol != nil)
        var report = LoadReport(file: reader.file)
        var times = TimestampCache()
        try reader.forEachRecord { r in
            report.rowsRead += 1
            try requireFields(r, header: reader.header)
            if r.isEmpty(userCol) { report.skip(.missingUser, line: r.line); return }
            if r.isEmpty(itemCol) { report.skip(.missingItem, line: r.line); return }
            let weight = try weightCol.map { try r.float($0, name: columns.weight.name) } ?? 1
            if weight < 0 { report.negativeWeightRows += 1 }
            let time = try timeCol.map { try times.timestamp(r, $0, name: columns.timestamp.name) }
            let event = try eventCol.map { try builder.event(bytes: r[$0], line: r.line, column: $0 + 1) }
            let u = try builder.user(r[userCol], r, column: userCol)
            let i = try builder.item(r[itemCol], r, column: itemCol)
            builder.append(user: u, item: i, weight: weight, timestamp: time, event: event)
            report.rowsKept += 1
        }
        return LoadedInteractions(table: builder.table, report: report)
    }

    /// The start of every preset row: counts it, checks its width, and skips it (counted by
    /// reason) when the user or item is empty. Returns false for a skipped row.
    static func beginRow(_ r: CSVRecord, header: [String], userColumn: Int, itemColumn: Int,
                         report: inout LoadReport) throws -> Bool {
        report.rowsRead += 1
        try requireFields(r, header: header)
        if r.isEmpty(userColumn) { report.skip(.missingUser, line: r.line); return false }
        if r.isEmpty(itemColumn) { report.skip(.missingItem, line: r.line); return false }
        return true
    }

    /// Every interaction file follows one rule, as customer tables do: a row has exactly the header's
    /// fields (a missing or an extra field is an error naming the line).
    static func requireFields(_ r: CSVRecord, header: [String]) throws {
        if r.count != header.count {
            throw DataError.malformed(file: r.file, line: r.line, column: r.count,
                                      message: "expected \(header.count) fields as in the header; got \(r.count)")
        }
    }
}
