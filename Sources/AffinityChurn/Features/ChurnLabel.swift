/// Parses churn labels: Yes/No, True/False, 1/0, churned/active (any case, spaces trimmed).
public enum ChurnLabel {
    static let positive: Set<String> = ["yes", "true", "1", "1.0", "churned", "churn"]
    static let negative: Set<String> = ["no", "false", "0", "0.0", "active", "retained"]

    /// 1 for churned, 0 for retained, nil for anything else.
    public static func parse(_ text: String) -> Float? {
        let t = CellText.trimmed(text).lowercased()
        if positive.contains(t) { return 1 }
        if negative.contains(t) { return 0 }
        return nil
    }
}
