private let quote = UInt8(ascii: "\"")
private let lf = UInt8(ascii: "\n")
private let cr = UInt8(ascii: "\r")

extension CSVReader {
    private enum ScanResult {
        case complete(end: Int, lines: Int, endsWithCR: Bool)
        case needMore
    }

    /// Advances to the next non-blank record, leaving its fields in `spans`. False at end of input.
    func nextRecord() throws -> Bool {
        while true {
            if pendingCR {
                if position == filled && !atEOF { try fill() }
                if position < filled && buffer[position] == lf { position += 1 }
                pendingCR = false
            }
            if position == filled {
                if atEOF { return false }
                try fill()
                continue
            }
            switch try scan(from: position) {
            case .needMore:
                try fill()
            case .complete(let end, let lines, let endsWithCR):
                recordLine = line
                line += lines + 1
                position = end
                pendingCR = endsWithCR
                if spans.count == 1 && !spans[0].quoted && spans[0].start == spans[0].end { continue }
                unescapeQuotedFields()
                return true
            }
        }
    }

    /// Moves the unread tail to the front (growing the buffer if one record fills it) and reads more.
    func fill() throws {
        if position > 0 {
            let tail = filled - position
            if tail > 0 { buffer.update(from: buffer + position, count: tail) }
            filled = tail
            position = 0
        } else if filled == capacity {
            let bigger = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity * 2)
            bigger.update(from: buffer, count: filled)
            buffer.deallocate()
            buffer = bigger
            capacity *= 2
        }
        while filled < capacity && !atEOF {
            let n = try source.read(into: buffer + filled, count: capacity - filled)
            if n == 0 { atEOF = true } else { filled += n }
        }
    }

    /// Finds the fields of the record starting at `start`, or reports that the buffer ends first.
    private func scan(from start: Int) throws -> ScanResult {
        spans.removeAll(keepingCapacity: true)
        let buf = buffer
        let end = filled
        let delim = delimiter
        var lines = 0
        var i = start
        return try special.withUnsafeBufferPointer { special in
            while true {
                if i == end {
                    if !atEOF { return .needMore }
                    spans.append(FieldSpan(start: i, end: i, quoted: false, escaped: false))
                    return .complete(end: i, lines: lines, endsWithCR: false)
                }
                if buf[i] == quote {
                    let openLine = line + lines
                    i += 1
                    let contentStart = i
                    var escaped = false
                    while true {
                        if i == end {
                            if !atEOF { return .needMore }
                            throw DataError.malformed(file: file, line: openLine, column: spans.count + 1,
                                                      message: "unterminated quoted field: expected a closing '\"' before the end of the file")
                        }
                        let b = buf[i]
                        if b == quote {
                            if i + 1 == end && !atEOF { return .needMore }
                            if i + 1 < end && buf[i + 1] == quote { escaped = true; i += 2; continue }
                            break
                        }
                        if b == lf {
                            lines += 1
                        } else if b == cr {
                            if i + 1 == end && !atEOF { return .needMore }
                            if i + 1 == end || buf[i + 1] != lf { lines += 1 }
                        }
                        i += 1
                    }
                    spans.append(FieldSpan(start: contentStart, end: i, quoted: true, escaped: escaped))
                    i += 1
                    if i == end {
                        if !atEOF { return .needMore }
                        return .complete(end: i, lines: lines, endsWithCR: false)
                    }
                    let b = buf[i]
                    if b == delim { i += 1; continue }
                    if b == lf { return .complete(end: i + 1, lines: lines, endsWithCR: false) }
                    if b == cr { return .complete(end: i + 1, lines: lines, endsWithCR: true) }
                    throw DataError.malformed(file: file, line: line + lines, column: spans.count,
                                              message: "unexpected character '\(Unicode.Scalar(b))' after a closing quote; expected a delimiter or the end of the line")
                }
                let fieldStart = i
                while i < end && !special[Int(buf[i])] { i += 1 }
                if i == end {
                    if !atEOF { return .needMore }
                    spans.append(FieldSpan(start: fieldStart, end: i, quoted: false, escaped: false))
                    return .complete(end: i, lines: lines, endsWithCR: false)
                }
                spans.append(FieldSpan(start: fieldStart, end: i, quoted: false, escaped: false))
                let b = buf[i]
                i += 1
                if b == delim { continue }
                return .complete(end: i, lines: lines, endsWithCR: b == cr)
            }
        }
    }

    /// Collapses `""` to `"` in place for quoted fields that contain escapes.
    private func unescapeQuotedFields() {
        for k in spans.indices where spans[k].escaped {
            var read = spans[k].start, write = spans[k].start
            while read < spans[k].end {
                buffer[write] = buffer[read]
                read += buffer[read] == quote ? 2 : 1
                write += 1
            }
            spans[k].end = write
        }
    }
}
