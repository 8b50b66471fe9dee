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
/// Duplicate (user, item) pairs stay as separate rows; `InteractionTable.csr()` sums them.
public enum InteractionLoader {
    public static func load(path: String, options: InteractionLoadOptions = InteractionLoadOptions()) throws -> LoadedInteractions {
        try options.validate()
        var csv = CSVOptions(delimiter: options.delimiter, hasHeader: true, bufferSize: options.bufferSize)
        if options.preset == .lastfm { csv.delimiter = UInt8(ascii: "\t") }
        if options.preset != nil && options.preset != .lastfm { csv.delimiter = UInt8(ascii: ",") }
        let reader = try CSVReader(path: path, options: csv)
        switch options.preset {
        case nil: return try loadGeneric(reader, columns: options.columns)
        case .onlineRetail: return try loadOnlineRetail(reader)
        case .movielens: return try loadMovieLens(reader, minRating: options.minRating)
        case .lastfm: return try loadLastFM(reader)
        case .rees46: return try loadREES46(reader)
        }
    }

    static func loadGeneric(_ reader: CSVReader, columns: InteractionColumns) throws -> LoadedInteractions {
        let userCol = try reader.columnIndex(columns.user)
        let itemCol = try reader.columnIndex(columns.item)
        func optional(_ c: OptionalColumn) throws -> Int? {
            c.required ? try reader.columnIndex(c.name) : reader.columnIndexIfPresent(c.name)
        }
        let weightCol = try optional(columns.weight)
        let timeCol = try optional(columns.timestamp)
        let eventCol = try optional(columns.event)
        let needed = [userCol, itemCol, weightCol, timeCol, eventCol].compactMap { $0 }.max()! + 1
        var builder = InteractionTableBuilder(file: reader.file, withTimestamps: timeCol != nil, withEvents: eventCol != nil)
        var report = LoadReport(file: reader.file)
        var times = TimestampCache()
        try reader.forEachRecord { r in
            report.rowsRead += 1
            try requireFields(r, needed, header: reader.header)
            if r.isEmpty(userCol) { report.skip(.missingUser, line: r.line); return }
            if r.isEmpty(itemCol) { report.skip(.missingItem, line: r.line); return }
            let weight = try weightCol.map { try r.float($0, name: columns.weight.name) } ?? 1
            let time = try timeCol.map { try times.timestamp(r, $0, name: columns.timestamp.name) }
            let event = try eventCol.map { try builder.event(bytes: r[$0], line: r.line, column: $0 + 1) }
            let u = try builder.user(r[userCol], r, column: userCol)
            let i = try builder.item(r[itemCol], r, column: itemCol)
            builder.append(user: u, item: i, weight: weight, timestamp: time, event: event)
            report.rowsKept += 1
        }
        return LoadedInteractions(table: builder.table, report: report)
    }

    /// Throws when a record has fewer fields than the columns the loader reads.
    /// The start of every preset row: counts it, checks its width, and skips it (counted by
    /// reason) when the user or item is empty. Returns false for a skipped row.
    static func beginRow(_ r: CSVRecord, _ needed: Int, header: [String], userColumn: Int, itemColumn: Int,
                         report: inout LoadReport) throws -> Bool {
        report.rowsRead += 1
        try requireFields(r, needed, header: header)
        if r.isEmpty(userColumn) { report.skip(.missingUser, line: r.line); return false }
        if r.isEmpty(itemColumn) { report.skip(.missingItem, line: r.line); return false }
        return true
    }

    static func requireFields(_ r: CSVRecord, _ needed: Int, header: [String]) throws {
        if r.count < needed {
            throw DataError.malformed(file: r.file, line: r.line, column: r.count,
                                      message: "expected \(header.count) fields as in the header; got \(r.count)")
        }
    }
}
