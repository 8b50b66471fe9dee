@testable import AffinityChurn
import AffinityNumerics
import AffinityTestSupport
import Foundation
import Testing

@Suite("Churn --features auto: bins, interactions, reasons")
struct AutoFeaturesTests {
    static let auto = FeatureOptions(label: "churned", auto: AutoFeatures())

    static func train(_ table: CustomerTable, _ features: FeatureOptions) throws -> ChurnModel {
        try ChurnTrainer.train(table, options: .init(features: features)).model
    }

    @Test("bin edges equal a reference type-1 quantile computed by counting; bins hold x ≤ edge")
    func binsMatchReferenceQuantiles() throws {
        var rng = Xoshiro256(seed: 5)
        let tied = (0..<397).map { _ in Double(rng.next() % 31) }
        let spread = (0..<400).map { _ in (rng.nextGaussian() * 1000).rounded() / 100 }
        for values in [tied, spread] {
            for count in [2, 4, 10, 25] {
                let bins = NumericBins.fit(values, count: count)
                // Reference: for each k, the smallest distinct value v with #(x ≤ v) · count ≥ k · n.
                let distinct = Set(values).sorted()
                var reference: [Double] = []
                for k in 1..<count {
                    let v = distinct.first { v in values.filter { $0 <= v }.count * count >= k * values.count }!
                    if v < distinct.last!, !reference.contains(v) { reference.append(v) }
                }
                #expect(bins.edges == reference, "count \(count)")
                #expect(bins.labels.count == bins.count)
                for x in values + [-1e9, 1e9] {
                    #expect(bins.index(x) == reference.filter { $0 < x }.count)
                }
            }
        }
        let products = NumericBins.fit([1, 1, 1, 1, 2, 2, 2, 3, 3, 4], count: 10)
        #expect(products.edges == [1, 2, 3] && products.labels == ["≤ 1", "= 2", "= 3", "≥ 4"])
        let ages = NumericBins.fit((18...85).map(Double.init), count: 4)
        #expect(ages.labels == ["≤ 34", "35–51", "52–68", "≥ 69"])
    }

    /// 20,000 rows: the planted contract × tenure interaction passes the df · ln n price from about 10,000 on.
    @Test("auto models round-trip through the model file (version 2) and score bitwise identically; plain ones stay version 1")
    func roundTrip() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let model = try Self.train(ChurnFixtures.nonlinear(20_000, seed: 1), Self.auto)
        let terms = try #require(model.encoder.interactions)
        #expect(!terms.isEmpty)
        #expect(model.encoder.features.contains { $0.kind == .binned })
        let path = dir.path("auto.json")
        try model.save(path: path)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.contains("\"version\" : 2") && text.contains("\"interactions\""))
        let loaded = try ChurnModel.load(path: path)
        #expect(loaded == model)
        let test = ChurnFixtures.nonlinear(500, seed: 2)
        #expect(try loaded.score(table: test) == model.score(table: test))
        let plain = try Self.train(ChurnFixtures.table(), FeatureOptions(label: "churned"))
        try plain.save(path: dir.path("plain.json"))
        let plainText = try String(contentsOfFile: dir.path("plain.json"), encoding: .utf8)
        #expect(plainText.contains("\"version\" : 1") && !plainText.contains("interactions") && !plainText.contains("bins"))
        #expect(try ChurnModel.load(path: dir.path("plain.json")) == plain)
    }

    @Test("an outlier (an average basket of 77,183) lands in the top bin: its push equals the training maximum's")
    func outlierIsTheTopBin() throws {
        var rng = Xoshiro256(seed: 3)
        let rows: [[String]] = (0..<800).map { i in
            let tenure = Double(rng.next() % 60), basket = (20 + rng.nextDouble() * 180).rounded()
            let churned = rng.nextDouble() < LogisticMath.sigmoid(1 - 0.05 * tenure + 0.01 * basket)
            return ["C\(i)", String(Int(tenure)), String(Int(basket)), churned ? "Yes" : "No"]
        }
        let table = CustomerTable(source: "baskets.csv", header: ["customer_id", "tenure", "avg_basket", "churned"], rows: rows)
        let maxBasket = rows.compactMap { Double($0[2]) }.max()!
        let auto = try Self.train(table, Self.auto)
        let outlier = try auto.contributions(values: ["59", "77183"]).perFeature[1]
        #expect(outlier == (try auto.contributions(values: ["59", String(Int(maxBasket))]).perFeature[1]))
        #expect(outlier > 0 && outlier < 3)
        let reason = try #require(try auto.score(customer: ["tenure": "59", "avg_basket": "77183"]).reasons.first { $0.feature == "avg_basket" })
        let top = try #require(auto.encoder.features[1].bins?.labels.last)
        #expect(reason.value == "77183" && reason.label == "avg_basket \(top)" && reason.text.hasPrefix("avg_basket ≥ "))
        // The plain (linear) model lets the raw number carry the effect: hundreds of logits.
        let plain = try Self.train(table, FeatureOptions(label: "churned"))
        #expect(try plain.contributions(values: ["59", "77183"]).perFeature[1] > 50)
    }

    @Test("--no-reason keeps a column (and its interactions) out of the reasons; the fitted model is unchanged")
    func noReason() throws {
        let table = ChurnFixtures.nonlinear(2000, seed: 4)
        let named = try Self.train(table, Self.auto)
        var options = Self.auto
        options.noReason = ["contract"]
        let silent = try Self.train(table, options)
        #expect(silent.coefficients == named.coefficients && silent.intercept == named.intercept)
        let test = ChurnFixtures.nonlinear(300, seed: 5)
        let before = try named.score(table: test).flatMap(\.reasons), after = try silent.score(table: test).flatMap(\.reasons)
        #expect(before.contains { $0.feature.contains("contract") }, "contract is a reason without --no-reason")
        #expect(!after.isEmpty && !after.contains { $0.feature.contains("contract") || $0.text.contains("contract") })
        #expect(try silent.score(table: test).map(\.logit) == named.score(table: test).map(\.logit))
        var unknown = Self.auto
        unknown.noReason = ["churned"]
        #expect(throws: ChurnError.self) { try Self.train(table, unknown) }
    }

    @Test("on churn synth --nonlinear, auto features beat plain ones in test AUC by a wide margin")
    func autoBeatsPlainOnNonlinear() throws {
        let train = ChurnFixtures.nonlinear(4000, seed: 1), test = ChurnFixtures.nonlinear(2000, seed: 2)
        func auc(_ options: FeatureOptions) throws -> Double {
            let model = try Self.train(train, options)
            let labels = test.rows.map { ChurnLabel.parse($0[8])! }
            return ClassificationMetrics.auc(try model.score(table: test).map(\.probability), labels)
        }
        let plain = try auc(FeatureOptions(label: "churned")), auto = try auc(Self.auto)
        #expect(auto > plain + 0.03, "auto \(auto), plain \(plain)")
    }

    @Test("reasons name the bin in words and interactions name both cells; the contributions still sum to the logit")
    func reasonsInWords() throws {
        let model = try Self.train(ChurnFixtures.nonlinear(20_000, seed: 1), Self.auto)
        let test = ChurnFixtures.nonlinear(200, seed: 6)
        var sawBin = false, sawInteraction = false
        for (row, s) in zip(test.rows, try model.score(table: test)) {
            let values = model.encoder.features.map { f in row[test.header.firstIndex(of: f.name)!] }
            let (logit, parts) = try model.contributions(values: values)
            // Reference: the logit straight from the coefficients on the encoded row (bins and cells included).
            var x = [Float](repeating: 0, count: model.encoder.width)
            try x.withUnsafeMutableBufferPointer { (b) throws(ChurnError) in
                try model.encoder.encode({ values[$0] }, into: b.baseAddress!, file: "t", line: 1)
            }
            let direct = x.indices.reduce(model.intercept) { $0 + model.coefficients[$1] * Double(x[$1]) }
            #expect(abs(model.baselineLogit + parts.reduce(0, +) - direct) < 1e-9 && logit == s.logit)
            #expect(parts.count == model.encoder.features.count + (model.encoder.interactions?.count ?? 0))
            for r in s.reasons {
                if r.feature.contains(" & ") {
                    sawInteraction = true
                    #expect(r.label?.contains(" & ") == true)
                } else if let f = model.encoder.features.first(where: { $0.name == r.feature }), let bins = f.bins {
                    sawBin = true
                    let x = Double(row[test.header.firstIndex(of: f.name)!])!
                    #expect(r.label == "\(f.name) \(bins.labels[bins.index(x)])" && r.text == r.label)
                }
            }
        }
        #expect(sawBin && sawInteraction)
    }
}
