import AffinityData

extension InteractionTable {
    /// The table itself, or an error naming `file` when no interaction was kept (an empty or header-only
    /// file, or every row skipped): training, splitting and evaluating need at least one.
    func requireRows(file: String, for purpose: String) throws -> InteractionTable {
        if count == 0 {
            throw DataError.malformed(file: file, line: 2, column: nil,
                                      message: "no interactions after the header (empty, header only, or every row skipped); nothing to \(purpose)")
        }
        return self
    }
}
