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
        if !present.isEmpty && present.allSatisfy({ CellText.boolean($0) != nil }) {
            let distinct = Set(present.map { CellText.boolean($0)! })
            // Numbers 0/1 and word pairs like Yes/No; a column of only "1" stays numeric.
            if distinct.count == 2 { return .boolean }
        }
        if !present.isEmpty && present.allSatisfy({ CellText.number($0) != nil }) { return .numeric }
        if present.count > 50 && Set(present).count == present.count { return .identifier }
        return .categorical
    }
}
