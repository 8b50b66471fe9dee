import AffinityData
import AffinityNumerics

extension ALSModel {
    /// Splits each recommended item's score into one exact term per history item, the decomposition
    /// of `implicit`'s `explain` (benfred/implicit, Hu, Koren & Volinsky 2008 §5), written here over
    /// this model's own fold-in system: with W_u = A_u⁻¹ for the fold-in's normal matrix
    /// A_u = YᵀC_uY + λ_u·I (λ_u per the regularization scaling; C_u counts every entry of the
    /// history, negative feedback too), the user's factors are x_u = W_u·Σ_j c_uj·p_uj·y_j, so
    ///   score_i = y_iᵀx_u = Σ_j c_uj·p_uj·(y_iᵀ W_u y_j).
    /// A_u is formed by the routine every Cholesky solve uses (`LeastSquares.formNormal`), factored
    /// once, and W_u·y_i solved for all recommended items together; the terms are summed in Double.
    ///
    /// The terms add up to the score of the exact fold-in of (`items`, `weights`): for a trained user
    /// that is their stored factors (the trainer's final user half-step is that solve), for an online
    /// user their profile's factors. Stored factors that are not that solve (imported from another
    /// library) are explained as the fold-in of the history would score them (docs/EXPLAIN.md).
    ///
    /// - Parameters:
    ///   - items, weights: the user's history as `foldIn(items:weights:into:scratch:)` takes it.
    ///   - recommended: the item indices to explain (any order).
    ///   - k: how many history items to keep per explanation.
    /// - Throws: as `foldIn`, and `.invalidInput` for a recommended index outside the model.
    ///   Cost O(n·f² + f³/3 + m·(f² + n·f)) for n history items and m recommended items.
    public func explain(items: [ItemIndex], weights: [Float], recommended: [ItemIndex],
                        k: Int = 3) throws(RecommenderError) -> [ItemExplanation] {
        try checkHistory(items: items, weights: weights, of: "explain")
        let f = factors, m = recommended.count
        guard m > 0 else { return [] }
        var z = [Float](repeating: 0, count: m * f)
        for (r, i) in recommended.enumerated() {
            guard i >= 0, Int(i) < header.items else { throw .invalidInput("explain: item index \(i) is out of 0..<\(header.items)") }
            for d in 0..<f { z[r * f + d] = storage.itemFactors[Int(i) * f + d] }
        }
        // z_r ← W_u·y_r for every recommended item, from one Cholesky factorization of A_u; and c·p per
        // history item, of the weights that solve uses (after `header.transform`): 0 for negative
        // feedback, whose preference is 0.
        var targets: [Double] = []
        let info = foldInScratch.withScratch(rows: items.count) { work in
            withFoldInSystem(items: items, weights: weights) { fixed, confidence, idx, w in
                targets = (0..<items.count).map { Double(confidence.target(w[$0])) }
                LeastSquares.formNormal(indices: idx, weights: w, count: items.count, fixed: fixed,
                                        shift: LeastSquares.rowShift(weights: w, count: items.count, fixed: fixed),
                                        confidence: confidence, scratch: work)
                return z.withUnsafeMutableBufferPointer { LAPACK.choleskySolve(n: f, a: work.normal, b: $0.baseAddress!, count: m) }
            }
        }
        if info != 0 { throw .notPositiveDefinite(side: "explained user", row: 0, id: "(explained)") }
        return recommended.enumerated().map { r, i in
            let terms = zip(items, targets).map { j, cp -> Double in
                let y = storage.itemFactors + Int(j) * f
                var dot = 0.0
                for d in 0..<f { dot += Double(y[d]) * Double(z[r * f + d]) }
                return cp * dot
            }
            return ItemExplanation(itemIndex: i, history: items, contributions: terms, k: k, ids: self.items)
        }
    }
}
