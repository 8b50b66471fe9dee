import Foundation

/// Writes small result tables as RFC 4180 CSV (quoting fields that need it), temp + rename.
enum CSVTableWriter {
    static func field(_ s: String) -> String {
        guard s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return s }
        return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    static func render(header: [String], rows: [[String]]) -> String {
        var out = header.map(field).joined(separator: ",") + "\n"
        for row in rows { out += row.map(field).joined(separator: ",") + "\n" }
        return out
    }

    static func write(header: [String], rows: [[String]], to path: String) throws {
        try AtomicFile.write(Data(render(header: header, rows: rows).utf8), to: path)
    }
}

/// Writes a file through a temporary sibling and a rename.
enum AtomicFile {
    static func write(_ data: Data, to path: String) throws {
        let url = URL(fileURLWithPath: path)
        let temp = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).tmp-\(UUID().uuidString)")
        try data.write(to: temp)
        try rename(temp, to: path)
    }

    /// Renames a finished temporary file over `path`, removing it on failure.
    static func rename(_ temp: URL, to path: String) throws {
        if Foundation.rename(temp.path, path) != 0 {
            try? FileManager.default.removeItem(at: temp)
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path])
        }
    }
}
