public import AffinityData

extension SyntheticCustomers {
    /// Writes the table as CSV (header, then one line per customer) to `path` with
    /// `AtomicFile`, streaming it in chunks of about 1 MiB.
    public func write(to path: String) throws(DataError) {
        try AtomicFile.write(to: path) { (file) throws(DataError) in
            var buffer = header.joined(separator: ",") + "\n"
            try forEachRow { (cells) throws(DataError) in
                buffer += cells.joined(separator: ",")
                buffer += "\n"
                if buffer.utf8.count > 1 << 20 { try file.write(buffer); buffer = "" }
            }
            try file.write(buffer)
        }
    }
}
