/// Decides how a column is read: numeric, boolean, categorical, or an ID to skip.
enum ColumnTyper {
    enum Guess: Equatable { case numeric, boolean, categorical, identifier }

    /// Names that mark a customer ID column (compared lowercased, without `_`, `-` and spaces).
    static let idNames: Set<String> = ["id", "customerid", "customer", "clientid", "userid", "accountid", "customerno"]

    static func normalized(_ name: String) -> String {
        String(name.lowercased().filter { $0 != "_" && $0 != "-" && $0 != " " })
    }

    /// The automatic kind of a column from its non-blank values.
    static func guess(_ values: [String]) -> Guess {
        let present = values.filter { !CellText.isBlank($0) }
        var sawTrue = false, sawFalse = false, allBoolean = !present.isEmpty
        for v in present {
            guard let b = CellText.boolean(v) else { allBoolean = false; break }
            if b == 1 { sawTrue = true } else { sawFalse = true }
        }
        // Numbers 0/1 and word pairs like Yes/No; a column of only "1" stays numeric.
        if allBoolean && sawTrue && sawFalse { return .boolean }
        if !present.isEmpty && present.allSatisfy({ CellText.number($0) != nil }) { return .numeric }
        if present.count > 50 && Set(present).count == present.count { return .identifier }
        return .categorical
    }
}
