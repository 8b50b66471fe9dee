import Foundation

extension FeatureEncoder {
    /// Chooses at most `auto.interactions` pairwise interactions on the training rows, without a
    /// validation set, by a score test at the main-effects fit.
    ///
    /// With pᵢ the main-effects model's probabilities, each candidate pair (A, B) is scored by
    /// S = Σ_cells g_c² / (h_c + λ), g_c = Σ_{i in cell} (yᵢ − pᵢ), h_c = Σ_{i in cell} pᵢ(1 − pᵢ)
    /// — the penalized log-likelihood gain of one diagonal Newton step on the pair's cell columns,
    /// which is near zero when the main effects already explain every cell. A pair is kept when
    /// S > df · ln n (a BIC-style price, df = (levels of A − 1)(levels of B − 1)); the kept pairs
    /// are ranked by S − df · ln n and the best `auto.interactions` are used.
    func selectInteractions(_ table: CustomerTable, probabilities p: [Double], labels y: [Float],
                            auto: AutoFeatures, l2: Double) throws(ChurnError) -> [InteractionTerm] {
        guard auto.interactions > 0, features.count > 1 else { return [] }
        var indices: [Int] = []
        for f in features { indices.append(try table.columnIndex(f.name)) }
        var parsed: [[Double]] = []
        parsed.reserveCapacity(table.rows.count)
        for (r, row) in table.rows.enumerated() {
            parsed.append(try parse({ row[indices[$0]] }, file: table.source, line: table.lines[r]))
        }
        let sides = features.indices.map { side($0, parsed: parsed, auto: auto) }
        let n = Double(table.rows.count)
        var ranked: [(gain: Double, term: InteractionTerm)] = []
        for a in sides.indices {
            guard let first = sides[a] else { continue }
            for b in (a + 1)..<sides.count {
                guard let second = sides[b] else { continue }
                let term = InteractionTerm(first: first, second: second)
                var g = [Double](repeating: 0, count: term.width), h = g
                for (i, row) in parsed.enumerated() {
                    guard let c = term.cell(row, features) else { continue }
                    g[c] += Double(y[i]) - p[i]
                    h[c] += p[i] * (1 - p[i])
                }
                let statistic = zip(g, h).reduce(0.0) { $0 + $1.0 * $1.0 / ($1.1 + l2) }
                let df = Double((first.labels.count - 1) * (second.labels.count - 1))
                let gain = statistic - df * log(n)
                if gain > 0 { ranked.append((gain, term)) }
            }
        }
        ranked.sort { $0.gain > $1.gain }
        return ranked.prefix(auto.interactions).map { $0.term }
    }

    /// How feature `k` enters an interaction, or nil when it cannot (a categorical column with
    /// more than `auto.interactionMaxLevels` levels, or a numeric column with one coarse bin).
    func side(_ k: Int, parsed: [[Double]], auto: AutoFeatures) -> InteractionTerm.Side? {
        let f = features[k]
        switch f.kind {
        case .categorical:
            guard let levels = f.levels, levels.count <= auto.interactionMaxLevels else { return nil }
            return .init(feature: f.name, index: k, bins: nil, labels: levels.map { "\(f.name) = \($0)" })
        case .boolean:
            return .init(feature: f.name, index: k, bins: nil, labels: ["\(f.name) = no", "\(f.name) = yes"])
        case .numeric, .binned:
            let bins = NumericBins.fit(parsed.map { $0[k].isNaN ? (f.fill ?? 0) : $0[k] }, count: auto.interactionBins)
            guard bins.count > 1 else { return nil }
            return .init(feature: f.name, index: k, bins: bins, labels: bins.labels.map { "\(f.name) \($0)" })
        }
    }

    /// This encoder with `terms` appended after the features' design columns (means not yet set).
    func adding(_ terms: [InteractionTerm]) -> FeatureEncoder {
        var copy = self
        var offset = features.reduce(0) { $0 + $1.width }
        copy.interactions = terms.map { t in
            var t = t
            t.offset = offset
            offset += t.width
            return t
        }
        copy.width = offset
        return copy
    }
}
