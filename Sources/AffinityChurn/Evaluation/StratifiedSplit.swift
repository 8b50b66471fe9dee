import AffinityNumerics

/// A seeded split that keeps the churn rate equal on both sides.
public enum StratifiedSplit {
    /// Row indices (ascending) of the train and test sides. For each class, the rows are
    /// shuffled with `Xoshiro256(seed)` and the first round(fraction · count) go to test.
    public static func indices(labels: [Float], testFraction: Double, seed: UInt64) throws(ChurnError) -> (train: [Int], test: [Int]) {
        guard testFraction > 0, testFraction < 1 else {
            throw .invalidParameter(field: "testFraction", expected: "in (0, 1)", got: "\(testFraction)")
        }
        var rng = Xoshiro256(seed: seed)
        var train: [Int] = [], test: [Int] = []
        for cls in [Float(0), 1] {
            var rows = labels.indices.filter { labels[$0] == cls }
            rng.shuffle(&rows)
            let k = Int((Double(rows.count) * testFraction).rounded())
            test += rows[0..<k]
            train += rows[k...]
        }
        return (train.sorted(), test.sorted())
    }

    /// Splits a labelled customer table.
    public static func split(_ table: CustomerTable, label: String, testFraction: Double, seed: UInt64)
        throws(ChurnError) -> (train: CustomerTable, test: CustomerTable) {
        let labels = try FeatureEncoder.parseLabels(table, try table.columnIndex(label))
        let (a, b) = try indices(labels: labels, testFraction: testFraction, seed: seed)
        return (table.subset(a), table.subset(b))
    }
}
