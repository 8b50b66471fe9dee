/// Which columns mean what in a customer table. Columns not named here are typed automatically.
public struct FeatureOptions: Sendable, Codable, Equatable {
    /// The label column (Yes/No, True/False, 1/0, churned/active).
    public var label: String
    /// The customer ID column; nil picks `customerID`/`customer_id`/`id`-like names, else the
    /// first text column whose values are all distinct.
    public var id: String?
    /// Columns to ignore.
    public var drop: [String] = []
    /// Columns forced to one-hot categoricals (e.g. numeric codes).
    public var categorical: [String] = []
    /// Columns forced to numeric (every non-blank value must parse).
    public var numeric: [String] = []
    /// `--features auto` (quantile bins and interactions); nil keeps the plain encoding.
    public var auto: AutoFeatures?
    /// Columns the model uses but never names as a reason (e.g. country: nothing a marketer can act on).
    public var noReason: [String] = []

    public init(label: String, id: String? = nil, drop: [String] = [], categorical: [String] = [], numeric: [String] = [],
                auto: AutoFeatures? = nil, noReason: [String] = []) {
        self.label = label
        self.id = id
        self.drop = drop
        self.categorical = categorical
        self.numeric = numeric
        self.auto = auto
        self.noReason = noReason
    }
}
