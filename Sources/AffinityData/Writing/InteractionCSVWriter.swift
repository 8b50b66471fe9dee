import Foundation

/// Writes interaction rows as a generic CSV that `InteractionLoader` reads back with its
/// default columns: `user,item,weight[,timestamp][,event]`, timestamps as Unix seconds,
/// fields quoted per RFC 4180 when needed. Written to a temp file, then renamed into place.
public enum InteractionCSVWriter {
    /// Writes the rows of `table` selected by `rows` (all rows when nil) to `path`.
    public static func write(_ table: InteractionTable, rows: [Int]? = nil, to path: String) throws(DataError) {
        let hasTime = table.timestamps != nil, hasEvent = table.events != nil
        var out = "user,item,weight" + (hasTime ? ",timestamp" : "") + (hasEvent ? ",event" : "") + "\n"
        out.reserveCapacity((rows?.count ?? table.count) * 32)
        for r in rows ?? Array(0..<table.count) {
            out += field(table.users[table.userIndices[r]]) + "," + field(table.items[table.itemIndices[r]]) + ","
            let w = table.weights[r]
            out += w == w.rounded() && abs(w) < 1e9 ? String(Int(w)) : "\(w)"
            if let t = table.timestamps { out += ",\(t[r])" }
            if let e = table.events { out += "," + field(table.eventTypes[Int(e[r])]) }
            out += "\n"
        }
        let temporary = path + ".tmp-\(getpid())"
        do {
            try Data(out.utf8).write(to: URL(fileURLWithPath: temporary))
            if rename(temporary, path) != 0 { throw DataError.io(file: path, message: String(cString: strerror(errno))) }
        } catch {
            unlink(temporary)
            throw .io(file: path, message: "cannot write: \(error)")
        }
    }

    /// `s` as a CSV field: quoted (with `""` escapes) when it holds a comma, quote or line break.
    static func field(_ s: String) -> String {
        guard s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return s }
        return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
