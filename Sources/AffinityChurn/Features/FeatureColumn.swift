/// How one source column becomes design columns. Stored in the model file.
public struct FeatureColumn: Sendable, Codable, Equatable {
    public enum Kind: String, Sendable, Codable {
        /// Standardized: (x − mean) / scale, blanks imputed with the median.
        case numeric
        /// 0/1 from yes/no, true/false, 1/0, y/n, t/f; blanks imputed with the majority.
        case boolean
        /// One-hot over the training levels; an unseen value sets none of them.
        case categorical
        /// `--features auto`: one-hot over quantile bins of the number (`bins`); blanks take the
        /// training median's bin (plus the missing indicator). Model file version 2.
        case binned
    }

    /// The level that stands for a blank cell in a categorical column.
    public static let missingLevel = "(missing)"

    public var name: String
    public var kind: Kind
    /// First design column of this feature, and how many it owns.
    public var offset: Int
    public var width: Int
    /// Value imputed for blanks (numeric and binned: training median; boolean: training majority).
    public var fill: Double?
    /// Standardization of numeric columns (population standard deviation; 1 when constant).
    public var mean: Double?
    public var scale: Double?
    /// One-hot levels (categorical), sorted; includes `missingLevel` when training had blanks.
    public var levels: [String]?
    /// Quantile bins (kind `binned` only).
    public var bins: NumericBins?
    /// A trailing 0/1 column marking blanks (numeric, binned and boolean with training blanks).
    public var missingIndicator: Bool
    /// Training means of the design columns this feature owns (the reference point of reasons).
    public var designMeans: [Double]
}
