public import AffinityNumerics
import Foundation

extension WeightTransform {
    /// What `bm25` needs from the training matrix: each item's idf and the mean user length.
    /// A model recomputes it from its stored (untransformed) history, so fold-in uses the
    /// training values exactly.
    public struct Statistics: Sendable, Equatable {
        /// idf_i = max(0, ln(N) − ln(1 + df_i)).
        public let idf: [Float]
        /// mean over the N users of their summed |w|.
        public let meanLength: Float

        /// - Parameters: users N; `pairs[i]` = df_i, the stored pairs of item i; `totalWeight` = Σ|w| over the matrix.
        public init(users: Int, pairs: [Float], totalWeight: Double) {
            let logN = log(Double(max(users, 1)))
            idf = pairs.map { Float(max(0, logN - lnOnePlus(Double($0)))) }
            meanLength = Float(totalWeight / Double(max(users, 1)))
        }

        /// The statistics of a user × item matrix.
        public init(of m: CSRMatrix) {
            var pairs = [Float](repeating: 0, count: m.cols)
            for c in m.columns { pairs[Int(c)] += 1 }
            self.init(users: m.rows, pairs: pairs, totalWeight: m.values.reduce(0) { $0 + Double(abs($1)) })
        }
    }

    /// Whether the transform changes anything (`none` does not).
    public var isIdentity: Bool { kind == .none }

    /// The statistics this transform needs from `m` (nil unless `bm25`).
    public func statistics(of m: CSRMatrix) -> Statistics? { kind == .bm25 ? Statistics(of: m) : nil }

    /// Transforms one user's summed weights in place: the one routine behind training and fold-in.
    /// `items[k]` is the item of `weights[k]`; `stats` is required for `bm25`.
    public func apply(items: UnsafeBufferPointer<Int32>, weights: UnsafeMutableBufferPointer<Float>, stats: Statistics?) {
        switch kind {
        case .none: return
        case .log1p:
            for k in weights.indices { weights[k] = Self.signed(weights[k]) { lnOnePlus($0) } }
        case .bm25:
            guard let stats else { preconditionFailure("WeightTransform.apply: bm25 needs the training statistics") }
            var length: Float = 0
            for w in weights { length += abs(w) }
            let norm = (1 - b) + (stats.meanLength > 0 ? b * length / stats.meanLength : 0)
            for k in weights.indices {
                let idf = stats.idf[Int(items[k])]
                weights[k] = Self.signed(weights[k]) { $0 * (k1 + 1) / (k1 * norm + $0) * idf }
            }
        }
    }

    /// f(|w|) with w's sign; 0 stays 0.
    @inline(__always)
    static func signed(_ w: Float, _ f: (Float) -> Float) -> Float { w < 0 ? -f(-w) : (w > 0 ? f(w) : 0) }

    /// The statistics a model needs from its stored, untransformed history (nil unless `bm25`):
    /// `pairs[i]` stored pairs of item i, `weight(k)` the k-th of `nnz` stored weights. Training
    /// computed them from the same matrix, so a model's scoring uses the training values exactly.
    public func statistics(users: Int, pairs: [Float], nnz: Int, weight: (Int) -> Float) -> Statistics? {
        kind == .bm25 ? Statistics(users: users, pairs: pairs, totalWeight: (0..<nnz).reduce(0) { $0 + Double(abs(weight($1))) }) : nil
    }

    /// One user's summed `weights` on `items`, transformed (a copy; `weights` itself when `none`).
    public func applied(items: [Int32], weights: [Float], stats: Statistics?) -> [Float] {
        guard !isIdentity else { return weights }
        var out = weights
        items.withUnsafeBufferPointer { idx in out.withUnsafeMutableBufferPointer { apply(items: idx, weights: $0, stats: stats) } }
        return out
    }

    /// `m` with every row transformed (statistics from `m` itself); `m` when the transform is `none`.
    public func transformed(_ m: CSRMatrix) -> CSRMatrix {
        guard !isIdentity else { return m }
        let stats = statistics(of: m)
        var values = m.values
        m.columns.withUnsafeBufferPointer { cols in
            values.withUnsafeMutableBufferPointer { v in
                for r in 0..<m.rows {
                    let range = m.range(ofRow: r)
                    apply(items: UnsafeBufferPointer(rebasing: cols[range]),
                          weights: UnsafeMutableBufferPointer(rebasing: v[range]), stats: stats)
                }
            }
        }
        return CSRMatrix(rows: m.rows, cols: m.cols, rowPointers: m.rowPointers, columns: m.columns, values: values)
    }
}

/// ln(1 + x) (the C library's `log1p`; a free function because `WeightTransform.log1p` names the case inside the type).
private func lnOnePlus(_ x: Float) -> Float { log1p(x) }
private func lnOnePlus(_ x: Double) -> Double { log1p(x) }
