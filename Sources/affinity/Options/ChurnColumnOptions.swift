import AffinityChurn
import ArgumentParser

/// Which columns of a customer table mean what (`churn train`, `churn split`).
struct ChurnColumnOptions: ParsableArguments {
    @Option(name: .long, help: "Label column: Yes/No, True/False, 1/0 or churned/active (default: Churn if present, else churned).")
    var label: String?

    @Option(name: .long, help: "Customer ID column (default: a column named like customerID/customer_id/id, else a text column with all-distinct values).")
    var id: String?

    @Option(name: .long, help: "Comma-separated columns to ignore.")
    var drop: String?

    @Option(name: .long, help: "Comma-separated columns to one-hot encode even if they look numeric.")
    var categorical: String?

    @Option(name: .long, help: "Comma-separated columns to read as numbers even if they look boolean.")
    var numeric: String?

    static func list(_ text: String?) -> [String] {
        (text ?? "").split(separator: ",").map { String($0).trimmingSpaces }.filter { !$0.isEmpty }
    }

    /// The feature options for `header` (picks the default label column).
    func featureOptions(header: [String]) -> FeatureOptions {
        let chosen = label ?? (header.contains("Churn") ? "Churn" : "churned")
        return FeatureOptions(label: chosen, id: id, drop: Self.list(drop), categorical: Self.list(categorical), numeric: Self.list(numeric))
    }
}

extension String {
    var trimmingSpaces: String {
        var s = Substring(self)
        while s.first == " " { s.removeFirst() }
        while s.last == " " { s.removeLast() }
        return String(s)
    }
}
