/// Errors from AffinityData. Each names where the problem is and what was expected.
public enum DataError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A problem at a place in a file: `file:line:column: message`.
    case malformed(file: String, line: Int, column: Int?, message: String)
    /// A required column is absent from the header.
    case missingColumn(file: String, column: String, available: [String])
    /// The file cannot be opened or read.
    case io(file: String, message: String)
    /// An unknown preset name.
    case unknownPreset(String, known: [String])
    /// Anything else, with a complete message.
    case invalid(String)

    public var description: String {
        switch self {
        case .malformed(let file, let line, let column, let message):
            if let column { return "\(file):\(line):\(column): \(message)" }
            return "\(file):\(line): \(message)"
        case .missingColumn(let file, let column, let available):
            return "\(file):1: missing required column '\(column)'; header has: \(available.joined(separator: ", "))"
                + (ColumnName.nearMatch(column, in: available).map { "; did you mean '\($0)'? Column names match exactly (case and spaces count)" } ?? "")
        case .io(let file, let message):
            return "\(file): \(message)"
        case .unknownPreset(let name, let known):
            return "unknown preset '\(name)'; expected one of: \(known.joined(separator: ", "))"
        case .invalid(let message):
            return message
        }
    }
}
