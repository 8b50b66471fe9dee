import AffinityData

/// How raw cell text is read: blanks, numbers and boolean tokens. CSV cells and the
/// server's JSON values (converted to strings) both go through these functions.
enum CellText {
    /// Trimmed of spaces and tabs (Telco's `TotalCharges` holds a single space on blank rows).
    static func trimmed(_ s: String) -> Substring {
        var sub = Substring(s)
        while let f = sub.first, f == " " || f == "\t" { sub.removeFirst() }
        while let l = sub.last, l == " " || l == "\t" { sub.removeLast() }
        return sub
    }

    static let blankTokens: Set<String> = ["", "na", "n/a", "nan", "null", "none"]

    /// Empty after trimming, or NA / N/A / NaN / null / None (any case).
    static func isBlank(_ s: String?) -> Bool {
        guard let s else { return true }
        let t = trimmed(s)
        return t.isEmpty || (t.count <= 4 && blankTokens.contains(t.lowercased()))
    }

    /// A finite number, or nil.
    static func number(_ s: String) -> Double? {
        var t = String(trimmed(s))
        let v = t.withUTF8 { NumberParser.double($0) }
        guard let v, v.isFinite else { return nil }
        return v
    }

    static let infinityTokens: Set<String> = ["inf", "+inf", "-inf", "infinity", "+infinity", "-infinity"]

    /// Throws when `s` spells an infinite number or one outside the 32-bit float range of the design
    /// matrix (NaN stays a blank token, like pandas' missing value).
    static func requireFiniteIfNumeric(_ s: String, record: CSVRecord, column: Int, name: String) throws {
        let t = trimmed(s)
        guard !t.isEmpty, t.count < 40 else { return }
        var text = String(t)
        let v = text.withUTF8 { NumberParser.double($0) }
        if infinityTokens.contains(t.lowercased()) || (v.map { !$0.isFinite || abs($0) > Double(Float.greatestFiniteMagnitude) } ?? false) {
            throw record.error(column: column, "column '\(name)' must be a finite number within ±3.4e38 (leave the cell empty for a missing value); got \(record.quotedValue(column))")
        }
    }

    static let trueTokens: Set<String> = ["yes", "true", "1", "1.0", "y", "t"]
    static let falseTokens: Set<String> = ["no", "false", "0", "0.0", "n", "f"]

    /// 1 for yes/true/1/y/t, 0 for no/false/0/n/f (any case), nil otherwise.
    static func boolean(_ s: String) -> Double? {
        let t = trimmed(s).lowercased()
        if trueTokens.contains(t) { return 1 }
        if falseTokens.contains(t) { return 0 }
        return nil
    }
}
