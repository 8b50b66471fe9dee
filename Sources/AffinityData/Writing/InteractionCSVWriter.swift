/// Writes interaction rows as a generic CSV that `InteractionLoader` reads back with its
/// default columns: `user,item,weight[,timestamp][,event]`, timestamps as Unix seconds,
/// fields quoted per RFC 4180 when needed (`CSVWriter`). Written with `AtomicFile`.
public enum InteractionCSVWriter {
    /// Writes the rows of `table` selected by `rows` (all rows when nil) to `path`.
    public static func write(_ table: InteractionTable, rows: [Int]? = nil, to path: String) throws(DataError) {
        let hasTime = table.timestamps != nil, hasEvent = table.events != nil
        var csv = CSVWriter(header: ["user", "item", "weight"] + (hasTime ? ["timestamp"] : []) + (hasEvent ? ["event"] : []))
        var fields: [String] = []
        fields.reserveCapacity(5)
        for r in rows ?? Array(0..<table.count) {
            fields.removeAll(keepingCapacity: true)
            let w = table.weights[r]
            fields += [table.users[table.userIndices[r]], table.items[table.itemIndices[r]],
                       w == w.rounded() && abs(w) < 1e9 ? String(Int(w)) : "\(w)"]
            if let t = table.timestamps { fields.append(String(t[r])) }
            if let e = table.events { fields.append(table.eventTypes[Int(e[r])]) }
            csv.append(fields)
        }
        try csv.save(to: path)
    }
}
