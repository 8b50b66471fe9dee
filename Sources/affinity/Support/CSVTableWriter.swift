import AffinityData

/// Result tables as RFC 4180 CSV (AffinityData's `CSVWriter`), saved with `AtomicFile`.
enum CSVTableWriter {
    static func csv(header: [String], rows: [[String]]) -> CSVWriter {
        var csv = CSVWriter(header: header)
        for row in rows { csv.append(row) }
        return csv
    }

    static func render(header: [String], rows: [[String]]) -> String {
        String(decoding: csv(header: header, rows: rows).bytes, as: UTF8.self)
    }

    static func write(header: [String], rows: [[String]], to path: String) throws {
        try csv(header: header, rows: rows).save(to: path)
    }
}
