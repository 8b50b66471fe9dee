/// Parses timestamps to Unix seconds (UTC) straight from bytes.
///
/// Accepted forms:
/// - Unix seconds: `1538352000` (optionally negative, optionally with a fraction, which is truncated);
/// - `YYYY-MM-DD`, optionally followed by `T` or a space and `HH:MM`, `HH:MM:SS` or `HH:MM:SS.fff`;
/// - then optionally `Z`, ` UTC` (as in REES46), or an offset `±HH:MM`, `±HHMM`, `±HH`.
/// Without a zone the time is taken as UTC.
public enum TimestampParser {
    /// Unix seconds, or nil when `bytes` is not one of the accepted forms or names an impossible date.
    public static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> Int64? {
        let n = bytes.count
        if n == 0 { return nil }
        if n >= 10 && bytes[4] == UInt8(ascii: "-") && bytes[7] == UInt8(ascii: "-") {
            return parseCalendar(bytes)
        }
        return parseUnix(bytes)
    }

    /// Unix seconds for a `String` (see `parse(_:)` on bytes).
    public static func parse(_ text: String) -> Int64? {
        var copy = text
        return copy.withUTF8 { parse($0) }
    }

    private static func parseUnix(_ b: UnsafeBufferPointer<UInt8>) -> Int64? {
        var end = b.count
        if let dot = b.firstIndex(of: UInt8(ascii: ".")) {
            for k in (dot + 1)..<b.count where !isDigit(b[k]) { return nil }
            if dot + 1 == b.count { return nil }
            end = dot
        }
        guard let v = NumberParser.int(UnsafeBufferPointer(rebasing: b[0..<end])) else { return nil }
        return Int64(v)
    }

    private static func parseCalendar(_ b: UnsafeBufferPointer<UInt8>) -> Int64? {
        guard let year = digits(b, 0, 4), let month = digits(b, 5, 2), let day = digits(b, 8, 2) else { return nil }
        guard (1...12).contains(month), day >= 1, day <= daysInMonth(year: year, month: month) else { return nil }
        var seconds = daysFromCivil(year: year, month: month, day: day) * 86_400
        var i = 10
        let n = b.count
        if i < n && (b[i] == UInt8(ascii: "T") || b[i] == UInt8(ascii: " ")) && i + 1 < n && isDigit(b[i + 1]) {
            guard i + 6 <= n, let hour = digits(b, i + 1, 2), b[i + 3] == UInt8(ascii: ":"),
                  let minute = digits(b, i + 4, 2), hour < 24, minute < 60 else { return nil }
            seconds += Int64(hour * 3600 + minute * 60)
            i += 6
            if i < n && b[i] == UInt8(ascii: ":") {
                guard let second = digits(b, i + 1, 2), second <= 60 else { return nil }
                seconds += Int64(second)
                i += 3
                if i < n && (b[i] == UInt8(ascii: ".") || b[i] == UInt8(ascii: ",")) {
                    i += 1
                    let fractionStart = i
                    while i < n && isDigit(b[i]) { i += 1 }
                    if i == fractionStart { return nil }
                }
            }
        }
        guard let offset = zoneOffset(b, from: i) else { return nil }
        return seconds - offset
    }

    /// Seconds east of UTC for the zone suffix starting at `i` (0 when there is none).
    private static func zoneOffset(_ b: UnsafeBufferPointer<UInt8>, from i: Int) -> Int64? {
        let n = b.count
        if i == n { return 0 }
        let rest = n - i
        if rest == 1 && (b[i] == UInt8(ascii: "Z") || b[i] == UInt8(ascii: "z")) { return 0 }
        if rest == 4 && b[i] == UInt8(ascii: " ") && b[i + 1] == UInt8(ascii: "U") && b[i + 2] == UInt8(ascii: "T")
            && b[i + 3] == UInt8(ascii: "C") { return 0 }
        guard b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-") else { return nil }
        let sign: Int64 = b[i] == UInt8(ascii: "-") ? -1 : 1
        var hours = 0, minutes = 0
        switch rest {
        case 3: guard let h = digits(b, i + 1, 2) else { return nil }; hours = h
        case 5: guard let h = digits(b, i + 1, 2), let m = digits(b, i + 3, 2) else { return nil }; hours = h; minutes = m
        case 6:
            guard let h = digits(b, i + 1, 2), b[i + 3] == UInt8(ascii: ":"), let m = digits(b, i + 4, 2) else { return nil }
            hours = h; minutes = m
        default: return nil
        }
        guard hours <= 23, minutes <= 59 else { return nil }
        return sign * Int64(hours * 3600 + minutes * 60)
    }

    @inline(__always)
    private static func isDigit(_ b: UInt8) -> Bool { b >= 48 && b <= 57 }

    private static func digits(_ b: UnsafeBufferPointer<UInt8>, _ at: Int, _ count: Int) -> Int? {
        guard at + count <= b.count else { return nil }
        var v = 0
        for k in at..<(at + count) {
            guard isDigit(b[k]) else { return nil }
            v = v * 10 + Int(b[k] - 48)
        }
        return v
    }
}
