import AffinityData
import AffinityNumerics
import AffinityTestSupport
import Testing

private func rows(_ text: String, bufferSize: Int = 1 << 16, delimiter: UInt8? = nil, hasHeader: Bool = false) throws -> [CSVRow] {
    let reader = try CSVReader(bytes: Array(text.utf8), name: "t.csv",
                               options: CSVOptions(delimiter: delimiter, hasHeader: hasHeader, bufferSize: bufferSize))
    return try reader.readAll()
}

private func fields(_ text: String, bufferSize: Int = 1 << 16) throws -> [[String]] {
    try rows(text, bufferSize: bufferSize).map(\.fields)
}

@Suite struct CSVReaderTests {
    @Test func quotedFieldsWithDelimitersEscapesAndNewlines() throws {
        let text = "a,\"b,c\",\"say \"\"hi\"\"\"\n\"multi\nline\",x,\"\"\n"
        #expect(try fields(text) == [["a", "b,c", "say \"hi\""], ["multi\nline", "x", ""]])
    }

    @Test func lineEndingsCRLFCRAndMixedGiveLineNumbers() throws {
        let r = try rows("a,b\r\nc,d\re,f\ng,h")
        #expect(r.map(\.fields) == [["a", "b"], ["c", "d"], ["e", "f"], ["g", "h"]])
        #expect(r.map(\.line) == [1, 2, 3, 4])
    }

    @Test func lineNumbersCountNewlinesInsideQuotesAndBlankLines() throws {
        let r = try rows("h\n\"x\r\ny\"\n\nz\n")
        #expect(r.map(\.fields) == [["h"], ["x\r\ny"], ["z"]])
        #expect(r.map(\.line) == [1, 2, 5])
    }

    @Test func byteOrderMarkIsSkipped() throws {
        let reader = try CSVReader(bytes: [0xEF, 0xBB, 0xBF] + Array("user,item\nu,i\n".utf8), name: "bom.csv")
        #expect(reader.header == ["user", "item"])
        #expect(try reader.readAll().map(\.fields) == [["u", "i"]])
    }

    @Test(arguments: [(";", UInt8(ascii: ";")), ("\t", UInt8(ascii: "\t")), (",", UInt8(ascii: ","))])
    func delimiterIsDetectedFromHeader(sep: String, expected: UInt8) throws {
        let text = ["user", "item", "\"a,b;c\""].joined(separator: sep) + "\n" + ["1", "2", "3"].joined(separator: sep) + "\n"
        let reader = try CSVReader(bytes: Array(text.utf8), name: "d.csv")
        #expect(reader.delimiter == expected)
        #expect(reader.header == ["user", "item", "a,b;c"])
        #expect(try reader.readAll().map(\.fields) == [["1", "2", "3"]])
    }

    @Test func emptyFieldsAndTrailingDelimiter() throws {
        #expect(try fields(",,\na,,b,\n\"\",x") == [["", "", ""], ["a", "", "b", ""], ["", "x"]])
    }

    @Test func lastLineWithoutNewline() throws {
        #expect(try fields("a,b\nc,d") == [["a", "b"], ["c", "d"]])
        #expect(try fields("a,\"b\"") == [["a", "b"]])
    }

    /// Every buffer size from 1 byte up: fields, quotes and CRLF straddle chunk edges.
    @Test func chunkBoundariesMatchReferenceParser() throws {
        let text = "id,name,note\r\n1,\"Smith, J\",\"said \"\"ok\"\"\r\nthen left\"\n2,,\r3,\"\",last\n\n4,é✓,\"\"\"\"\r\n5,x,y"
        let expected = ReferenceCSV.parse(text)
        for size in 1...40 {
            let got = try rows(text, bufferSize: size)
            #expect(got.map(\.fields) == expected.map(\.fields), "buffer size \(size)")
            #expect(got.map(\.line) == expected.map(\.line), "buffer size \(size)")
        }
    }

    /// Seeded random CSV built from awkward pieces, read with small buffers, against the reference.
    @Test func randomInputsMatchReferenceParser() throws {
        var rng = Xoshiro256(seed: 7)
        let pieces = ["a", "bc", "", "\"q,1\"", "\"\"\"\"", "\"x\ny\"", "\"c\r\nd\"", "7.5", "é"]
        let ends = ["\n", "\r\n", "\r"]
        for trial in 0..<50 {
            var text = ""
            for _ in 0..<Int(rng.next() % 8 + 1) {
                let n = Int(rng.next() % 4 + 1)
                text += (0..<n).map { _ in pieces[Int(rng.next() % UInt64(pieces.count))] }.joined(separator: ",")
                text += ends[Int(rng.next() % UInt64(ends.count))]
            }
            let expected = ReferenceCSV.parse(text)
            let got = try rows(text, bufferSize: Int(rng.next() % 7 + 1))
            #expect(got.map(\.fields) == expected.map(\.fields), "trial \(trial): \(text.debugDescription)")
            #expect(got.map(\.line) == expected.map(\.line), "trial \(trial)")
        }
    }

    /// Random byte soup from the CSV alphabet: the reader either throws a `DataError` or agrees with
    /// the reference exactly; it never crashes, whatever the chunk size.
    @Test func randomBytesNeverCrashAndAgreeWhenAccepted() throws {
        var rng = Xoshiro256(seed: 1234)
        let alphabet: [Character] = ["a", "b", ",", "\"", "\n", "\r", " "]
        var accepted = 0
        for trial in 0..<400 {
            let text = String((0..<Int(rng.next() % 40)).map { _ in alphabet[Int(rng.next() % UInt64(alphabet.count))] })
            do {
                let got = try rows(text, bufferSize: Int(rng.next() % 9 + 1), delimiter: UInt8(ascii: ","))
                let expected = ReferenceCSV.parse(text)
                #expect(got.map(\.fields) == expected.map(\.fields), "trial \(trial): \(text.debugDescription)")
                #expect(got.map(\.line) == expected.map(\.line), "trial \(trial): \(text.debugDescription)")
                accepted += 1
            } catch let error as DataError {
                guard case .malformed(let file, let line, let column, _) = error else {
                    Issue.record("unexpected error \(error)")
                    continue
                }
                #expect(file == "t.csv" && line >= 1 && (column ?? 1) >= 1)
            }
        }
        #expect(accepted > 100)
    }

    @Test func unterminatedQuoteNamesFileLineAndColumn() throws {
        #expect(throws: DataError.malformed(file: "t.csv", line: 2, column: 2,
                                            message: "unterminated quoted field: expected a closing '\"' before the end of the file")) {
            _ = try rows("a,b\nc,\"open\nmore,stuff\n", bufferSize: 4)
        }
    }

    @Test func characterAfterClosingQuoteIsAnError() throws {
        #expect {
            _ = try rows("a,\"b\"c\n")
        } throws: { error in
            (error as? DataError)?.description.hasPrefix("t.csv:1:2: unexpected character 'c' after a closing quote") == true
        }
    }

    @Test func missingColumnListsAvailableColumns() throws {
        let reader = try CSVReader(bytes: Array("user,item\n".utf8), name: "m.csv")
        #expect(throws: DataError.missingColumn(file: "m.csv", column: "weight", available: ["user", "item"])) {
            _ = try reader.columnIndex("weight")
        }
        #expect(DataError.missingColumn(file: "m.csv", column: "weight", available: ["user", "item"]).description
            == "m.csv:1: missing required column 'weight'; header has: user, item")
    }

    @Test func gzipRoundTripIncludingConcatenatedMembers() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        var text = "user,item,weight\n"
        for k in 0..<5000 { text += "u\(k % 97),\"item \(k % 31)\",\(k % 5)\n" }
        let plain = try dir.write("x.csv", text)
        let half = text.utf8.count / 2
        let bytes = Array(text.utf8)
        let gz = try dir.write("x.csv.gz", bytes: try Gzip.compress(Array(bytes[..<half])) + Gzip.compress(Array(bytes[half...])))
        let a = try CSVReader(path: plain, options: CSVOptions(bufferSize: 777)).readAll()
        let b = try CSVReader(path: gz, options: CSVOptions(bufferSize: 777)).readAll()
        #expect(a.count == 5000)
        #expect(a == b)
    }

    @Test func truncatedGzipIsAnError() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let gz = try Gzip.compress(Array(String(repeating: "a,b\n", count: 1000).utf8))
        let path = try dir.write("t.csv.gz", bytes: Array(gz.prefix(gz.count / 2)))
        #expect(throws: DataError.self) { _ = try CSVReader(path: path).readAll() }
    }

    @Test func missingFileIsAnIOError() throws {
        #expect {
            _ = try CSVReader(path: "/nonexistent/file.csv")
        } throws: { error in
            (error as? DataError)?.description.hasPrefix("/nonexistent/file.csv: cannot open") == true
        }
    }
}
