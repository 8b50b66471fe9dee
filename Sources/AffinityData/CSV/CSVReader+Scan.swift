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
                if spanCount == 1 && !spanStorage[0].quoted && spanStorage[0].start == spanStorage[0].end { continue }
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
    /// Works on local copies of the reader's state so the hot loop touches no class properties.
    private func scan(from start: Int) throws -> ScanResult {
        let buf = buffer
        let end = filled
        let delim = delimiter
        let special = special
        let eof = atEOF
        var spans = spanStorage
        var capacity = spanCapacity
        var count = 0
        var lines = 0
        var i = start
        defer { spanCount = count }

        @inline(__always)
        func push(_ s: Int, _ e: Int, _ quoted: Bool, _ escaped: Bool) {
            if count == capacity {
                spans = growSpans()
                capacity = spanCapacity
            }
            spans[count] = FieldSpan(start: s, end: e, quoted: quoted, escaped: escaped)
            count += 1
        }

        while true {
            if i == end {
                if !eof { return .needMore }
                push(i, i, false, false)
                return .complete(end: i, lines: lines, endsWithCR: false)
            }
            if buf[i] == quote {
                let openLine = line + lines
                i += 1
                let contentStart = i
                var escaped = false
                while true {
                    if i == end {
                        if !eof { return .needMore }
                        throw DataError.malformed(file: file, line: openLine, column: count + 1,
                                                  message: "unterminated quoted field: expected a closing '\"' before the end of the file")
                    }
                    let b = buf[i]
                    if b == quote {
                        if i + 1 == end && !eof { return .needMore }
                        if i + 1 < end && buf[i + 1] == quote { escaped = true; i += 2; continue }
                        break
                    }
                    if b == lf {
                        lines += 1
                    } else if b == cr {
                        if i + 1 == end && !eof { return .needMore }
                        if i + 1 == end || buf[i + 1] != lf { lines += 1 }
                    }
                    i += 1
                }
                push(contentStart, i, true, escaped)
                i += 1
                if i == end {
                    if !eof { return .needMore }
                    return .complete(end: i, lines: lines, endsWithCR: false)
                }
                let b = buf[i]
                if b == delim { i += 1; continue }
                if b == lf { return .complete(end: i + 1, lines: lines, endsWithCR: false) }
                if b == cr { return .complete(end: i + 1, lines: lines, endsWithCR: true) }
                throw DataError.malformed(file: file, line: line + lines, column: count,
                                          message: "unexpected character '\(Unicode.Scalar(b))' after a closing quote; expected a delimiter or the end of the line")
            }
            let fieldStart = i
            while i < end && !special[Int(buf[i])] { i += 1 }
            if i == end {
                if !eof { return .needMore }
                push(fieldStart, i, false, false)
                return .complete(end: i, lines: lines, endsWithCR: false)
            }
            push(fieldStart, i, false, false)
            let b = buf[i]
            i += 1
            if b == delim { continue }
            return .complete(end: i, lines: lines, endsWithCR: b == cr)
        }
    }

    /// Doubles the field-span storage, keeping its contents.
    private func growSpans() -> UnsafeMutablePointer<FieldSpan> {
        let bigger = UnsafeMutablePointer<FieldSpan>.allocate(capacity: spanCapacity * 2)
        bigger.moveInitialize(from: spanStorage, count: spanCapacity)
        spanStorage.deallocate()
        spanStorage = bigger
        spanCapacity *= 2
        return bigger
    }

    /// Collapses `""` to `"` in place for quoted fields that contain escapes.
    private func unescapeQuotedFields() {
        for k in 0..<spanCount where spanStorage[k].escaped {
            var read = spanStorage[k].start, write = spanStorage[k].start
            while read < spanStorage[k].end {
                buffer[write] = buffer[read]
                read += buffer[read] == quote ? 2 : 1
                write += 1
            }
            spanStorage[k].end = write
        }
    }
}
