/// A deliberately simple RFC 4180 parser over a whole `String`, used as the reference
/// that `CSVReader` is compared against. Returns (start line, fields) per non-blank record.
public enum ReferenceCSV {
    public static func parse(_ text: String, delimiter: Character = ",") -> [(line: Int, fields: [String])] {
        var records: [(Int, [String])] = []
        var chars = Array(text.unicodeScalars.map(Character.init))
        if chars.first == "\u{FEFF}" { chars.removeFirst() }
        var i = 0, line = 1
        while i < chars.count {
            let startLine = line
            var fields: [String] = []
            var field = ""
            var quotedAny = false
            recordLoop: while true {
                if i < chars.count && chars[i] == "\"" {
                    quotedAny = true
                    i += 1
                    while i < chars.count {
                        if chars[i] == "\"" {
                            if i + 1 < chars.count && chars[i + 1] == "\"" { field.append("\""); i += 2; continue }
                            i += 1
                            break
                        }
                        if chars[i] == "\n" || (chars[i] == "\r" && !(i + 1 < chars.count && chars[i + 1] == "\n")) { line += 1 }
                        field.append(chars[i])
                        i += 1
                    }
                } else {
                    while i < chars.count && chars[i] != delimiter && chars[i] != "\n" && chars[i] != "\r" {
                        field.append(chars[i]); i += 1
                    }
                }
                fields.append(field)
                field = ""
                if i >= chars.count { break recordLoop }
                if chars[i] == delimiter { i += 1; if i >= chars.count { fields.append(""); break recordLoop }; continue }
                if chars[i] == "\r" { i += 1; if i < chars.count && chars[i] == "\n" { i += 1 } } else { i += 1 }
                line += 1
                break recordLoop
            }
            if !(fields.count == 1 && fields[0].isEmpty && !quotedAny) { records.append((startLine, fields)) }
        }
        return records
    }
}
