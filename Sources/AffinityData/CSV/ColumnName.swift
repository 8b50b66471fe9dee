/// Matching a wanted column name against a header, for hints in messages.
public enum ColumnName {
    /// The header name that equals `name` once case and surrounding spaces are ignored
    /// (`User` or ` user ` for `user`), or nil when there is none or `name` is present as given.
    public static func nearMatch(_ name: String, in header: [String]) -> String? {
        guard !header.contains(name) else { return nil }
        let wanted = folded(name)
        return header.first { folded($0) == wanted }
    }

    private static func folded(_ s: String) -> String {
        var t = Substring(s)
        while let c = t.first, c == " " || c == "\t" { t.removeFirst() }
        while let c = t.last, c == " " || c == "\t" { t.removeLast() }
        return t.lowercased()
    }
}
