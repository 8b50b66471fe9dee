/// How the summed weight w of each (user, item) pair is reshaped before ALS turns it into a
/// confidence; applied after duplicate rows are summed, both in training and in every fold-in
/// (docs/NUMERICS.md, "Weight transforms"). The model header stores it (`weight_transform`).
///
/// - `none`: w unchanged.
/// - `log1p`: sign(w)·ln(1 + |w|), which tames heavy-tailed counts such as Last.fm's play counts.
/// - `bm25`: Okapi BM25 of the user × item matrix, users as documents and items as terms, in the
///   form of `bm25_weight` in the Python library `implicit` (implicit/nearest_neighbours.py;
///   K1 = 100, B = 0.8 are the values its examples use):
///   w' = sign(w)·|w|·(K1 + 1) / (K1·L_u + |w|) · idf_i, with L_u = (1 − B) + B·len_u / mean(len),
///   len_u the user's sum of |w|, mean(len) over all users of the training matrix,
///   idf_i = max(0, ln(N) − ln(1 + df_i)), N the training users and df_i the item's stored pairs.
///   `implicit` does not floor idf at 0; Affinity does, so an item nearly every user has never
///   turns into negative feedback. `implicit`'s Last.fm example weights the item × user matrix;
///   Affinity weights user × item so an online user's weights need only the item statistics.
public struct WeightTransform: Sendable, Equatable, Codable {
    public enum Kind: String, Sendable, Codable, CaseIterable {
        case none, log1p, bm25
    }

    public var kind: Kind
    /// BM25's term-frequency saturation K1 (> 0); used only by `bm25`.
    public var k1: Float
    /// BM25's length normalisation B (0...1); used only by `bm25`.
    public var b: Float

    public static let defaultK1: Float = 100
    public static let defaultB: Float = 0.8

    public init(_ kind: Kind, k1: Float = WeightTransform.defaultK1, b: Float = WeightTransform.defaultB) {
        self.kind = kind
        self.k1 = k1
        self.b = b
    }

    public static let none = WeightTransform(.none)
    public static let log1p = WeightTransform(.log1p)
    public static let bm25 = WeightTransform(.bm25)

    /// Throws `RecommenderError.invalidParameter` naming `bm25-k1` or `bm25-b` when out of range.
    public func validate() throws(RecommenderError) {
        guard k1.isFinite, k1 > 0 else { throw .invalidParameter(name: "bm25-k1", requirement: "a finite number > 0", got: "\(k1)") }
        guard b.isFinite, (0...1).contains(b) else { throw .invalidParameter(name: "bm25-b", requirement: "between 0 and 1", got: "\(b)") }
    }

    /// Short text for people: `none`, `log1p`, `bm25(k1=100, b=0.8)`.
    public var description: String { kind == .bm25 ? "bm25(k1=\(k1), b=\(b))" : kind.rawValue }
}
