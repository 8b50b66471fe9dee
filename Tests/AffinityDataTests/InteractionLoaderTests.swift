import AffinityData
import AffinityNumerics
import AffinityTestSupport
import Testing

private func load(_ text: String, name: String = "in.csv", _ options: InteractionLoadOptions = InteractionLoadOptions()) throws -> LoadedInteractions {
    let dir = try TemporaryDirectory()
    defer { dir.remove() }
    let path = try dir.write(name, text)
    var opts = options
    opts.bufferSize = 16 // small chunks: records straddle buffer edges
    let loaded = try InteractionLoader.load(path: path, options: opts)
    return loaded
}

/// The error's description with the temp directory stripped from the file name.
private func message(_ body: () throws -> Void) -> String? {
    do { try body() } catch let error as DataError {
        let text = error.description
        guard let colon = text.firstIndex(of: ":") else { return text }
        let path = text[..<colon]
        let name = path.split(separator: "/").last.map(String.init) ?? String(path)
        return name + text[colon...]
    } catch { return "\(error)" }
    return nil
}

@Suite struct InteractionLoaderTests {
    @Test func genericDefaultsWithDuplicatesSummedInCSR() throws {
        let r = try load("user,item,weight,timestamp,event\nu1,a,2,2019-10-01 00:00:00,view\nu1,a,3,1569888060,cart\nu2,b,1.5,2019-10-01T00:02:00Z,view\n")
        let t = r.table
        #expect(t.users.ids == ["u1", "u2"])
        #expect(t.items.ids == ["a", "b"])
        #expect(t.weights == [2, 3, 1.5])
        #expect(t.timestamps == [1_569_888_000, 1_569_888_060, 1_569_888_120])
        #expect(t.eventTypes == ["view", "cart"])
        #expect(t.events == [0, 1, 0])
        let csr = t.csr()
        #expect(csr.nnz == 2)
        #expect(csr.values == [5, 1.5])
        #expect(r.report.rowsRead == 3 && r.report.rowsKept == 3)
    }

    @Test func weightDefaultsToOneAndCustomColumnsWork() throws {
        var options = InteractionLoadOptions()
        options.columns = InteractionColumns(user: "customer", item: "sku")
        let r = try load("sku;customer\nx;c1\ny;c1\nx;c2\n", options)
        #expect(r.table.weights == [1, 1, 1])
        #expect(r.table.timestamps == nil && r.table.events == nil)
        #expect(r.table.users.ids == ["c1", "c2"])
    }

    @Test func emptyUserOrItemIsSkippedAndCounted() throws {
        let r = try load("user,item\n,a\nu,\nu,a\n,b\n")
        #expect(r.report.rowsRead == 4 && r.report.rowsKept == 1)
        #expect(r.report.skipped[.missingUser] == SkippedRows(count: 2, firstLines: [2, 5]))
        #expect(r.report.skipped[.missingItem] == SkippedRows(count: 1, firstLines: [3]))
    }

    @Test func nonNumericWeightIsAnErrorWithFileLineColumn() {
        #expect(message { _ = try load("user,item,weight\nu,a,1\nu,b,12a\n") }
            == "in.csv:3:3: column 'weight' must be a finite number; got \"12a\"")
        #expect(message { _ = try load("user,item,weight\nu,a,nan\n") }
            == "in.csv:2:3: column 'weight' must be a finite number; got \"nan\"")
    }

    @Test func badTimestampIsAnErrorWithFileLineColumn() {
        #expect(message { _ = try load("timestamp,user,item\n12/1/2010,u,a\n") }?.hasPrefix("in.csv:2:1: column 'timestamp' must be a timestamp") == true)
    }

    @Test func missingRequiredColumnsAreErrors() {
        #expect(message { _ = try load("usr,item\nu,a\n") }
                == "in.csv:1: missing required column 'user'; header has: usr, item; or give the column's name with --user-col NAME")
        // A header name that differs only in case or surrounding spaces is named.
        #expect(message { _ = try load("user, Item \nu,a\n") }
                == "in.csv:1: missing required column 'item'; header has: user,  Item ; did you mean ' Item '? Column names match exactly (case and spaces count); or give the column's name with --item-col NAME")
        var options = InteractionLoadOptions()
        options.columns.weight = OptionalColumn("plays", required: true)
        #expect(message { _ = try load("user,item\nu,a\n", options) } == "in.csv:1: missing required column 'plays'; header has: user, item")
    }

    @Test func shortRecordIsAnError() {
        #expect(message { _ = try load("user,item,weight\nu,a,1\nu\n") } == "in.csv:3:1: expected 3 fields as in the header; got 1")
    }

    @Test func unknownPresetListsPresets() {
        #expect(throws: DataError.unknownPreset("retail", known: ["online-retail", "movielens", "lastfm", "rees46"])) {
            _ = try DatasetPreset(named: "retail")
        }
    }

    @Test func onlineRetailFiltersAndCountsDistinctInvoices() throws {
        let text = """
        InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country
        536365,85123A,"HEART, WHITE",6,2010-12-01 08:26:00,2.55,17850.0,United Kingdom
        536365,85123A,"HEART, WHITE",2,2010-12-01 08:26:00,2.55,17850.0,United Kingdom
        536366,85123A,"7"" FRAME",1,2010-12-02 09:00:00,2.55,17850.0,United Kingdom
        C536367,85123A,HEART,-1,2010-12-03 09:00:00,2.55,17850.0,United Kingdom
        536368,22633,HAND WARMER,6,2010-12-03 10:00:00,1.85,,United Kingdom
        536369,22633,HAND WARMER,-3,2010-12-03 11:00:00,0,13047.0,United Kingdom
        536370,22633,HAND WARMER,3,2010-12-04 11:00:00,1.85,13047.0,France

        """
        var options = InteractionLoadOptions()
        options.preset = .onlineRetail
        let r = try load(text, options)
        #expect(r.table.users.ids == ["17850", "13047"])
        #expect(r.table.items.ids == ["85123A", "22633"])
        #expect(r.report.rowsRead == 7 && r.report.rowsKept == 4)
        #expect(r.report.skipped[.cancellation] == SkippedRows(count: 1, firstLines: [5]))
        #expect(r.report.skipped[.missingUser] == SkippedRows(count: 1, firstLines: [6]))
        #expect(r.report.skipped[.nonPositiveQuantity] == SkippedRows(count: 1, firstLines: [7]))
        let csr = r.table.csr()
        #expect(csr.nnz == 2)
        #expect(csr.values == [2, 1]) // two distinct invoices for (17850, 85123A), one for (13047, 22633)
        #expect(r.table.eventTypes == ["purchase"])
    }

    @Test func movielensThresholdIsConfigurable() throws {
        let text = "userId,movieId,rating,timestamp\r\n1,10,4.0,964982703\r\n1,20,3.5,964982224\r\n2,10,5.0,964982931\r\n"
        var options = InteractionLoadOptions()
        options.preset = .movielens
        let r = try load(text, options)
        #expect(r.report.rowsKept == 2)
        #expect(r.report.skipped[.belowMinRating] == SkippedRows(count: 1, firstLines: [3]))
        #expect(r.table.timestamps == [964_982_703, 964_982_931])
        options.minRating = 3.5
        #expect(try load(text, options).report.rowsKept == 3)
    }

    @Test func lastfmIsTabSeparatedWithPlayCounts() throws {
        var options = InteractionLoadOptions()
        options.preset = .lastfm
        let r = try load("userID\tartistID\tweight\r\n2\t51\t13883\r\n2\t52\t11690\n3\t51\t7\r\n", name: "user_artists.dat", options)
        #expect(r.table.weights == [13883, 11690, 7])
        #expect(r.table.users.ids == ["2", "3"])
        #expect(r.table.items.ids == ["51", "52"])
    }

    @Test func rees46WeightsEventsAndSkipsOthers() throws {
        let text = """
        event_time,event_type,product_id,category_id,category_code,brand,price,user_id,user_session
        2019-10-01 00:00:00 UTC,view,44600062,2103807459595387724,,shiseido,35.79,541312140,s1
        2019-10-01 00:00:05 UTC,cart,44600062,2103807459595387724,,shiseido,35.79,541312140,s1
        2019-10-01 00:00:09 UTC,purchase,44600062,2103807459595387724,,shiseido,35.79,541312140,s1
        2019-10-01 00:00:10 UTC,remove_from_cart,3900821,2053013552326770905,a.b,aqua,33.20,554748717,s2
        """
        var options = InteractionLoadOptions()
        options.preset = .rees46
        let r = try load(text, options)
        #expect(r.table.weights == [1, 4, 8])
        #expect(r.table.eventTypes == ["view", "cart", "purchase"])
        #expect(r.table.timestamps == [1_569_888_000, 1_569_888_005, 1_569_888_009])
        #expect(r.report.skipped[.unusedEventType] == SkippedRows(count: 1, firstLines: [5]))
        #expect(r.table.csr().values == [13])
    }

    @Test func statsSummarizeTheTable() throws {
        let r = try load("user,item,event,timestamp\nu1,a,view,100\nu1,a,buy,200\nu2,b,view,50\n")
        let s = InteractionStats(r)
        #expect(s.rows == 3 && s.users == 2 && s.items == 2 && s.nnz == 2)
        #expect(s.density == 0.5)
        #expect(s.events == ["view": 2, "buy": 1])
        #expect(s.timeRange == InteractionStats.TimeRange(min: "1970-01-01T00:00:50Z", max: "1970-01-01T00:03:20Z"))
    }
}

/// The loader against a naive reference (dictionaries over `ReferenceCSV` rows) on seeded random files.
@Suite struct InteractionLoaderReferenceTests {
    @Test func randomGenericFilesMatchNaiveAggregation() throws {
        var rng = Xoshiro256(seed: 99)
        for trial in 0..<10 {
            var text = "weight,item,user\n"
            for _ in 0..<Int(rng.next() % 300 + 1) {
                let user = "u\(rng.next() % 40)"
                let item = rng.next() % 7 == 0 ? "\"it,\(rng.next() % 5)\"" : "i\(rng.next() % 60)"
                text += "\(rng.next() % 9 + 1),\(item),\(user)\(rng.next() % 2 == 0 ? "\n" : "\r\n")"
            }
            let loaded = try load(text)
            var sums: [String: [String: Float]] = [:]
            var userOrder: [String] = [], itemOrder: [String] = []
            for row in ReferenceCSV.parse(text).dropFirst() {
                let (w, item, user) = (Float(row.fields[0])!, row.fields[1], row.fields[2])
                if !userOrder.contains(user) { userOrder.append(user) }
                if !itemOrder.contains(item) { itemOrder.append(item) }
                sums[user, default: [:]][item, default: 0] += w
            }
            #expect(loaded.table.users.ids == userOrder, "trial \(trial)")
            #expect(loaded.table.items.ids == itemOrder, "trial \(trial)")
            let csr = loaded.table.csr()
            var got: [String: [String: Float]] = [:]
            for r in 0..<csr.rows {
                for k in csr.range(ofRow: r) {
                    got[loaded.table.users.ids[r], default: [:]][loaded.table.items.ids[Int(csr.columns[k])]] = csr.values[k]
                }
            }
            #expect(got == sums, "trial \(trial)")
        }
    }
}

@Suite struct InteractionLoaderInputErrorTests {
    @Test func emptyFileSaysSo() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let path = try dir.write("e.csv", "")
        #expect {
            _ = try InteractionLoader.load(path: path)
        } throws: { error in
            (error as? DataError)?.description.hasSuffix("e.csv:1: the file is empty; expected a header line naming the columns (e.g. 'user')") == true
        }
    }

    @Test func invalidUTF8IDIsAnErrorNotAMergedID() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        // 0xE9 is Latin-1 'é': not UTF-8 on its own.
        let path = try dir.write("l.csv", bytes: Array("user,item\nu1,caf".utf8) + [0xE9] + Array("\n".utf8))
        #expect {
            _ = try InteractionLoader.load(path: path)
        } throws: { error in
            (error as? DataError)?.description.hasSuffix("l.csv:2:2: ID is not valid UTF-8; convert the file to UTF-8 (e.g. iconv -f latin1 -t utf-8)") == true
        }
    }

    @Test func headerOnlyFileLoadsEmpty() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let loaded = try InteractionLoader.load(path: try dir.write("h.csv", "user,item\r\n"))
        let stats = InteractionStats(loaded)
        #expect(stats.rows == 0 && stats.users == 0 && stats.nnz == 0 && stats.density == 0 && stats.timeRange == nil)
    }
}

/// Issue 17: one field-count rule, UTF-16 refused with a hint, negative weights counted, IDs bounded.
@Suite struct InteractionLoaderRuleTests {
    @Test func extraFieldIsAnErrorLikeAMissingOne() {
        #expect(message { _ = try load("user,item\nu,a\nu,b,x\n") } == "in.csv:3:3: expected 2 fields as in the header; got 3")
        var retail = InteractionLoadOptions()
        retail.preset = .onlineRetail
        let header = "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country\n"
        #expect(message { _ = try load(header + "1,A,x,1,2011-01-01 10:00:00,1.0,17850,UK,extra\n", retail) }
                == "in.csv:2:9: expected 8 fields as in the header; got 9")
    }

    @Test func negativeWeightsAreCountedAndKept() throws {
        let r = try load("user,item,weight\nu,a,-2\nu,b,1\nv,a,-0.5\n")
        #expect(r.report.negativeWeightRows == 2 && r.report.rowsKept == 3 && r.table.weights == [-2, 1, -0.5])
    }

    @Test func idLimitIsExactAndConfigurable() throws {
        let id = String(repeating: "é", count: 128)  // 256 UTF-8 bytes: at the limit
        #expect(try load("user,item\n\(id),a\n", InteractionLoadOptions(bufferSize: 1024)).table.users.count == 1)
        var small = InteractionLoadOptions(bufferSize: 1024)
        small.maxIDBytes = 255
        #expect(message { _ = try load("user,item\n\(id),a\n", small) }
                == "in.csv:2:1: user ID is 256 bytes long; the limit is 255 bytes (raise it with --max-id-bytes, up to 1048576)")
        small.maxIDBytes = 0
        #expect(throws: DataError.invalid("max-id-bytes must be between 1 and 1048576; got 0")) { try small.validate() }
    }

    @Test func utf16IsRefusedWithAHint() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let le = try dir.write("le.csv", bytes: [0xFF, 0xFE] + "user,item\n".utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })
        #expect(throws: DataError.self) { _ = try InteractionLoader.load(path: le) }
        do { _ = try InteractionLoader.load(path: le) } catch {
            #expect("\(error)".hasPrefix("\(le):1: the file looks like UTF-16 (a UTF-16 byte-order mark); save it as UTF-8"))
        }
        let be = try dir.write("be.csv", bytes: "user,item\n".utf16.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] })
        do { _ = try InteractionLoader.load(path: be) } catch {
            #expect("\(error)".contains("looks like UTF-16 (NUL bytes on the first line)"))
        }
    }
}
