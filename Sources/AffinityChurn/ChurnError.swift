import AffinityData

/// Errors from AffinityChurn. Each message says what went wrong, where, what was
/// expected, what was found, and how to fix it.
public enum ChurnError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A configuration field is out of range: `LogisticConfig.l2 must be ≥ 0; got -1`.
    case invalidParameter(field: String, expected: String, got: String)
    /// A cell could not be read: `file:line: column 'X' expected ...; got "..."`.
    case badValue(file: String, line: Int, column: String, expected: String, got: String)
    /// The label column holds something that is not a churn label.
    case badLabel(file: String, line: Int, column: String, got: String)
    /// A required column is absent.
    case missingColumn(file: String, column: String, available: [String])
    /// The file has a header but no data rows (or nothing at all).
    case emptyInput(file: String)
    /// A feature column holds one value in every row.
    case constantColumn(file: String, column: String, value: String)
    /// The label has only one class, so there is nothing to separate.
    case singleClass(file: String, column: String, value: String, rows: Int)
    /// A customer record names a field the model does not know.
    case unknownField(field: String, known: [String])
    /// A customer record lacks a feature the model needs (a blank or null value is a missing value; an
    /// absent field is an error, as an absent CSV column is).
    case missingField(field: String, known: [String])
    /// A model file cannot be used: corrupted, another format or another version.
    case badModelFile(path: String, reason: String)
    /// Numbers that must be finite are not (NaN or infinity in inputs or coefficients).
    case nonFinite(what: String)
    /// Anything else, with a complete message.
    case invalid(String)

    public var description: String {
        switch self {
        case .invalidParameter(let field, let expected, let got):
            return "\(field) must be \(expected); got \(got)"
        case .badValue(let file, let line, let column, let expected, let got):
            return "\(file):\(line): column '\(column)' must be \(expected); got \"\(got)\""
        case .badLabel(let file, let line, let column, let got):
            return "\(file):\(line): label column '\(column)' must be one of Yes/No, True/False, 1/0, "
                + "churned/active (any case); got \"\(got)\""
        case .missingColumn(let file, let column, let available):
            return DataError.missingColumn(file: file, column: column, available: available).description
        case .emptyInput(let file):
            return "\(file): no data rows; expected a header line followed by at least one customer row"
        case .constantColumn(let file, let column, let value):
            return "\(file): column '\(column)' has the same value \"\(value)\" in every row, so it cannot "
                + "inform the model; remove it with --drop \(column)"
        case .singleClass(let file, let column, let value, let rows):
            return "\(file): label column '\(column)' is \"\(value)\" in all \(rows) rows; training needs "
                + "both churned and retained customers"
        case .unknownField(let field, let known):
            return "unknown field '\(field)'; the model knows: \(known.joined(separator: ", "))"
        case .missingField(let field, let known):
            return "missing field '\(field)'; the model needs: \(known.joined(separator: ", ")) "
                + "(give null or \"\" for a value that is missing; the model fills it in as at training)"
        case .badModelFile(let path, let reason):
            return "\(path): not a usable churn model: \(reason)"
        case .nonFinite(let what):
            return "\(what) contains NaN or infinity"
        case .invalid(let message):
            return message
        }
    }
}
