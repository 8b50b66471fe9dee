@testable import AffinityChurn
import AffinityNumerics
import AffinityTestSupport
import Foundation
import Testing

@Suite("Feature encoding and input errors")
struct FeatureEncoderTests {
    @Test("columns are typed automatically and the ID column is recognised")
    func automaticTyping() throws {
        let (encoder, design, labels, _) = try FeatureEncoder.fit(ChurnFixtures.table(), options: FeatureOptions(label: "churned"))
        #expect(encoder.idColumn == "customer_id")
        #expect(encoder.features.map(\.name) == ["tenure", "plan", "autopay", "charges"])
        #expect(encoder.features.map(\.kind) == [.numeric, .categorical, .boolean, .numeric])
        #expect(encoder.features[1].levels == ["basic", "plus", "pro"])
        #expect(encoder.features[3].missingIndicator, "charges has blanks, so it gets an indicator")
        #expect(encoder.width == 1 + 3 + 1 + 2)
        #expect(design.cols == encoder.width + 1 && labels.count == 400)
        // Standardized numeric column: mean 0, population variance 1.
        let z = (0..<design.rows).map { Double(design[$0, 0]) }
        let mean = z.reduce(0, +) / Double(z.count)
        let variance = z.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(z.count)
        #expect(abs(mean) < 1e-5 && abs(variance - 1) < 1e-4)
    }

    @Test("overrides: --categorical turns a numeric column into one-hot, --drop removes a column")
    func overrides() throws {
        let options = FeatureOptions(label: "churned", drop: ["charges"], categorical: ["tenure"])
        let (encoder, _, _, _) = try FeatureEncoder.fit(ChurnFixtures.table(), options: options)
        #expect(encoder.features.map(\.name) == ["tenure", "plan", "autopay"])
        #expect(encoder.features[0].kind == .categorical)
    }

    @Test("labels: Yes/No, True/False, 1/0 and churned/active in any case")
    func labelForms() {
        for (text, value) in [("Yes", 1), ("no", 0), ("TRUE", 1), ("false", 0), ("1", 1), ("0", 0), ("churned", 1), ("Active", 0)] {
            #expect(ChurnLabel.parse(text) == Float(value), "\(text)")
        }
        #expect(ChurnLabel.parse("maybe") == nil)
    }

    @Test("a bad label names the file, line, column and value")
    func badLabel() {
        var rows = ChurnFixtures.rows(30)
        rows[6][5] = "maybe"
        let table = CustomerTable(source: "c.csv", header: ChurnFixtures.header, rows: rows)
        #expect(throws: ChurnError.badLabel(file: "c.csv", line: 8, column: "churned", got: "maybe")) {
            try FeatureEncoder.fit(table, options: FeatureOptions(label: "churned"))
        }
    }

    @Test("an empty file and a header-only file are clear errors")
    func emptyFiles() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let empty = try ChurnFixtures.write("", in: dir, name: "empty.csv")
        let headerOnly = try ChurnFixtures.write("customer_id,tenure,churned\n", in: dir, name: "header.csv")
        #expect(throws: ChurnError.emptyInput(file: empty)) { try CustomerTable.read(path: empty) }
        #expect(throws: ChurnError.emptyInput(file: headerOnly)) { try CustomerTable.read(path: headerOnly) }
    }

    @Test("a constant column is refused with the fix (--drop)")
    func constantColumn() {
        var rows = ChurnFixtures.rows(40)
        for i in rows.indices { rows[i][2] = "basic" }
        let table = CustomerTable(source: "c.csv", header: ChurnFixtures.header, rows: rows)
        do {
            _ = try FeatureEncoder.fit(table, options: FeatureOptions(label: "churned"))
            Issue.record("expected a constant-column error")
        } catch {
            #expect(error == .constantColumn(file: "c.csv", column: "plan", value: "basic"))
            #expect(error.description.contains("--drop plan"))
        }
    }

    @Test("a label with one class is refused")
    func oneClass() {
        var rows = ChurnFixtures.rows(40)
        for i in rows.indices { rows[i][5] = "No" }
        let table = CustomerTable(source: "c.csv", header: ChurnFixtures.header, rows: rows)
        #expect(throws: ChurnError.singleClass(file: "c.csv", column: "churned", value: "No", rows: 40)) {
            try FeatureEncoder.fit(table, options: FeatureOptions(label: "churned"))
        }
    }

    @Test("a non-number in a numeric column and an absent label column are named")
    func badCells() {
        var rows = ChurnFixtures.rows(40)
        rows[3][1] = "12a"
        let table = CustomerTable(source: "c.csv", header: ChurnFixtures.header, rows: rows)
        #expect(throws: ChurnError.badValue(file: "c.csv", line: 5, column: "tenure", expected: "a number (or blank)", got: "12a")) {
            try FeatureEncoder.fit(table, options: FeatureOptions(label: "churned", numeric: ["tenure"]))
        }
        #expect(throws: ChurnError.missingColumn(file: "c.csv", column: "Churn", available: ChurnFixtures.header)) {
            try FeatureEncoder.fit(table, options: FeatureOptions(label: "Churn"))
        }
    }
}
