@testable import AffinityChurn
import AffinityTestSupport
import Foundation
import Testing

@Suite("Churn model scoring and files")
struct ChurnModelTests {
    @Test("baseline logit plus every feature's contribution equals the customer's logit")
    func reasonsSumToLogit() throws {
        let model = try ChurnFixtures.trained()
        let table = ChurnFixtures.table(25, seed: 9)
        for row in table.rows {
            let values: [String?] = [row[1], row[2], row[3], row[4]]
            let (logit, parts) = try model.contributions(values: values)
            // Reference: the logit straight from the coefficients on the encoded row.
            var x = [Float](repeating: 0, count: model.encoder.width)
            try x.withUnsafeMutableBufferPointer { (b) throws(ChurnError) in
                try model.encoder.encode({ values[$0] }, into: b.baseAddress!, file: "t", line: 1)
            }
            var direct = model.intercept
            for j in 0..<x.count { direct += model.coefficients[j] * Double(x[j]) }
            #expect(abs(model.baselineLogit + parts.reduce(0, +) - direct) < 1e-9)
            #expect(abs(logit - direct) < 1e-9)
            let s = try model.score(customer: Dictionary(uniqueKeysWithValues: zip(ChurnFixtures.header, row)))
            #expect(abs(s.logit - direct) < 1e-9)
            #expect(s.reasons.count <= 3 && s.reasons.allSatisfy { $0.contribution > 0 })
            #expect(zip(s.reasons, s.reasons.dropFirst()).allSatisfy { $0.contribution >= $1.contribution })
        }
    }

    @Test("unseen categories and blanks are scored, and shown as such in reasons; an absent field is an error")
    func unseenAndBlank() throws {
        let model = try ChurnFixtures.trained()
        let s = try model.score(customer: ["tenure": "", "plan": "enterprise", "autopay": "No", "charges": "NA"])
        #expect(s.probability > 0 && s.probability < 1)
        // One rule with CSV: an absent field is like an absent column (an error), a blank like a blank cell.
        #expect(throws: ChurnError.missingField(field: "tenure", known: ["tenure", "plan", "autopay", "charges"])) {
            try model.score(customer: ["plan": "basic"])
        }
        let blanks = try model.score(customer: ["tenure": "", "plan": "basic", "autopay": "", "charges": ""])
        #expect(blanks.probability.isFinite)
        let (_, parts) = try model.contributions(values: [nil, "enterprise", "No", nil])
        // An unseen plan sets no one-hot column: its contribution is −Σ β·mean over the plan columns.
        let plan = model.encoder.features[1]
        let expected = (0..<plan.width).reduce(0.0) { $0 - model.coefficients[plan.offset + $1] * plan.designMeans[$1] }
        #expect(abs(parts[1] - expected) < 1e-12)
        let low = try model.score(customer: ["tenure": "1", "plan": "enterprise", "autopay": "No", "charges": "99"])
        if let r = low.reasons.first(where: { $0.feature == "plan" }) { #expect(r.value == "enterprise (unseen)") }
    }

    @Test("an unknown field and a non-number are clear errors; ID and label fields are ignored")
    func fieldErrors() throws {
        let model = try ChurnFixtures.trained()
        #expect(throws: ChurnError.unknownField(field: "tenur", known: ["tenure", "plan", "autopay", "charges"])) {
            try model.score(customer: ["tenur": "3"])
        }
        #expect(throws: ChurnError.badValue(file: "customer", line: 1, column: "tenure", expected: "a number (or blank)", got: "two")) {
            try model.score(customer: ["tenure": "two", "plan": "basic", "autopay": "No", "charges": "1"])
        }
        _ = try model.score(customer: ["customer_id": "X1", "churned": "Yes", "tenure": "3", "plan": "basic", "autopay": "No", "charges": "1"])
    }

    @Test("JSON customers: numbers, booleans and null go through the same text path")
    func jsonCustomer() throws {
        let model = try ChurnFixtures.trained()
        let record = try CustomerRecord.decode(json: Data(#"{"tenure": 2, "plan": "basic", "autopay": false, "charges": null}"#.utf8))
        #expect(record == ["tenure": "2", "plan": "basic", "autopay": "false", "charges": ""])
        let fromJSON = try model.score(customer: record)
        let fromText = try model.score(customer: ["tenure": "2", "plan": "basic", "autopay": "No", "charges": ""])
        #expect(fromJSON.logit == fromText.logit && fromJSON.reasons.map(\.contribution) == fromText.reasons.map(\.contribution))
        #expect(throws: ChurnError.self) { try CustomerRecord.decode(json: Data(#"{"tenure": [1]}"#.utf8)) }
    }

    @Test("model files round-trip; corrupted, foreign and other-version files are refused clearly")
    func modelFiles() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let model = try ChurnFixtures.trained()
        let path = dir.path("m.json")
        try model.save(path: path)
        #expect(try ChurnModel.load(path: path) == model)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let cases: [(String, String)] = [
            (String(text.prefix(text.count / 2)), "not JSON"),
            (text.replacingOccurrences(of: "\"version\" : 1", with: "\"version\" : 7"), "version 7"),
            (text.replacingOccurrences(of: "affinity-churn-model", with: "something-else"), "format is 'something-else'"),
        ]
        for (i, (content, message)) in cases.enumerated() {
            let bad = try ChurnFixtures.write(content, in: dir, name: "bad\(i).json")
            do {
                _ = try ChurnModel.load(path: bad)
                Issue.record("expected \(message)")
            } catch {
                #expect("\(error)".contains(message), "\(error)")
            }
        }
    }

    @Test("tiers default to training quantiles: about 20% high and 30% medium on the training rows")
    func tierQuantiles() throws {
        let model = try ChurnFixtures.trained()
        let tiers = try model.score(table: ChurnFixtures.table()).map(\.tier)
        let high = tiers.filter { $0 == .high }.count, medium = tiers.filter { $0 == .medium }.count
        #expect(abs(high - 80) <= 2 && abs(medium - 120) <= 2)
    }

    @Test("Platt and isotonic calibration give probabilities in [0, 1], monotone in the logit")
    func calibration() throws {
        for method in [Calibration.Method.platt, .isotonic] {
            var options = ChurnTrainer.Options(features: FeatureOptions(label: "churned"))
            options.calibration = method
            let model = try ChurnTrainer.train(ChurnFixtures.table(600), options: options).model
            #expect(model.calibration != nil)
            let ps = stride(from: -6.0, through: 6.0, by: 0.5).map { model.probability(logit: $0) }
            #expect(ps.allSatisfy { $0 >= 0 && $0 <= 1 })
            #expect(zip(ps, ps.dropFirst()).allSatisfy { $0 <= $1 + 1e-12 })
        }
    }
}
