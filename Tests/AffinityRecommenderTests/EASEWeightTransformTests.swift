import AffinityData
import AffinityNumerics
import AffinityTestSupport
import Foundation
import Testing
@testable import AffinityRecommender

/// EASE with `--weight-transform`: X is the transformed sums in training and in every score, while
/// the stored history keeps the raw sums (as ALS's fold-in does).
@Suite struct EASEWeightTransformTests {
    static let l2 = 10.0

    /// The matrix the transform should produce: log1p computed here in Double, entry by entry;
    /// bm25 through `WeightTransform.transformed` (checked against a naive BM25 in WeightTransformTests).
    static func expectedX(_ x: CSRMatrix, _ transform: WeightTransform) -> CSRMatrix {
        guard transform.kind == .log1p else { return transform.transformed(x) }
        return CSRMatrix(rows: x.rows, cols: x.cols, rowPointers: x.rowPointers, columns: x.columns,
                         values: x.values.map { Float(Foundation.log1p(Double($0))) })
    }

    /// Tolerance: 1e-4 relative to the largest |score| (at least 1), the bound of `EASETests`'
    /// Double reference; the reference Gram matrix is Float here, its rounding far below that at λ = 10.
    @Test(arguments: [WeightTransform.log1p, .bm25])
    func xIsTransformedInTrainingAndScoringAndTheHistoryStaysRaw(transform: WeightTransform) throws {
        let x = ALSFixtures.randomMatrix(users: 50, items: 30, density: 0.25, seed: 12)
        let model = try EASEModel.train(EASEFixtures.table(x), config: EASEConfig(l2: Self.l2, weightTransform: transform))
        #expect(model.header.transform == transform)
        let reference = Self.expectedX(x, transform)
        let b = EASEFixtures.referenceB(reference, l2: Self.l2)
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try model.save(to: dir.path("t.affinity"))
        let loaded = try EASEModel.load(path: dir.path("t.affinity"))
        #expect(loaded.header.transform == transform)
        for u in 0..<x.rows {
            let history = model.userHistory(Int32(u))
            #expect(history.map(\.weight) == x.range(ofRow: u).map { x.values[$0] }, "user \(u): raw sums kept")
            let expected = EASEFixtures.referenceScores(reference, user: u, b: b)
            let got = model.scores(history: history)
            #expect(Tolerance.maxRelativeError(got, expected, scale: max(1, expected.map(abs).max()!)) <= 1e-4, "user \(u)")
            // A loaded model recomputes bm25's statistics from its history: the same scores, bit for bit.
            #expect(loaded.scores(history: loaded.userHistory(Int32(u))) == got, "user \(u) after load")
            // Explanations decompose the transformed score.
            let items = history.map(\.itemIndex)
            let explained = model.explain(items: items, weights: history.map(\.weight), recommended: [0, 1, 2], k: items.count)
            for (i, e) in explained.enumerated() {
                let sum = e.because.reduce(0.0) { $0 + Double($1.contribution) }
                let scale = max(e.because.reduce(0.0) { $0 + abs(Double($1.contribution)) }, 1e-12)
                #expect(abs(sum - Double(got[i])) <= 1e-5 * scale, "user \(u) item \(i)")
            }
        }
    }

    @Test func noTransformLeavesTheHeaderAsBeforeAndBadBM25ParametersAreRefused() throws {
        let x = ALSFixtures.randomMatrix(users: 10, items: 6, density: 0.4, seed: 2)
        let model = try EASEModel.train(EASEFixtures.table(x), config: EASEConfig(l2: 1))
        #expect(model.header.weightTransform == nil && model.header.transform == .none)
        do {
            try EASEConfig(l2: 1, weightTransform: WeightTransform(.bm25, k1: 0)).validate()
            Issue.record("k1 = 0 accepted")
        } catch { #expect(error.description.hasPrefix("bm25-k1 must be")) }
    }
}
