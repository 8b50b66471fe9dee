public import AffinityData
import AffinityNumerics

/// Hyperparameters for `ALSModel.imported`: each one given on the command line, else from
/// `meta.json`, else the default of `affinity train als`.
public struct ImportSettings: Sendable, Equatable {
    public var regularization: Float?
    public var alpha: Float?
    public var scaling: RegularizationScaling?
    public var confidence: ConfidenceConvention?

    public init(regularization: Float? = nil, alpha: Float? = nil, scaling: RegularizationScaling? = nil,
                confidence: ConfidenceConvention? = nil) {
        self.regularization = regularization
        self.alpha = alpha
        self.scaling = scaling
        self.confidence = confidence
    }

    /// The config the model records: settings first, then `meta`, then `ALSConfig`'s defaults.
    func config(factors: Int, meta: FactorMeta?) -> ALSConfig {
        var c = ALSConfig()
        c.factors = factors
        c.iterations = meta?.maxIter ?? 1
        c.regularization = regularization ?? meta?.regParam ?? c.regularization
        c.alpha = alpha ?? meta?.alpha ?? c.alpha
        c.regularizationScaling = scaling ?? meta?.regularizationScaling ?? c.regularizationScaling
        c.confidence = confidence ?? meta?.confidence ?? c.confidence
        c.solver = .cholesky
        c.threads = 1
        c.seed = 0
        return c
    }
}

extension ALSModel {
    /// A servable model from factors trained elsewhere (Spark, `implicit`, numpy) and the
    /// interactions they were trained on, which become the history fold-in and exclude-seen use.
    /// The model's IDs and rows keep the factor files' order; the interactions (duplicates
    /// summed) must cover exactly the users and items of the ID files.
    ///
    /// - Throws: `.invalidParameter` for hyperparameters out of range, `.invalidInput` naming
    ///   IDs that are in the factors but not the interactions or the other way round.
    public static func imported(_ factors: FactorDirectory, interactions table: InteractionTable, source: String,
                                settings: ImportSettings, eventWeights: EventWeights = .funnel) throws(RecommenderError) -> ALSModel {
        let config = settings.config(factors: factors.users.cols, meta: factors.meta)
        try config.validate()
        let users = IDMap(ids: factors.userIDs), items = IDMap(ids: factors.itemIDs)
        let userRow = try rows(of: table.users, in: users, side: "user", source: source)
        let itemRow = try rows(of: table.items, in: items, side: "item", source: source)
        var mapped = table
        mapped.users = users
        mapped.items = items
        mapped.userIndices = table.userIndices.map { userRow[Int($0)] }
        mapped.itemIndices = table.itemIndices.map { itemRow[Int($0)] }
        let matrix = mapped.csr()
        return ALSModel(factors: ALSFactors(users: factors.users, items: factors.items), matrix: matrix, users: users,
                        items: items, config: config, eventWeights: eventWeights,
                        trainingWatermark: table.timestamps?.max(), datasetSource: source)
    }

    /// For each ID of `table` (the interactions), its row in `factors`; throws when either side
    /// has IDs the other lacks, naming up to five.
    private static func rows(of table: IDMap, in factors: IDMap, side: String, source: String) throws(RecommenderError) -> [Int32] {
        let shown = { (ids: [String]) in
            ids.prefix(5).map { "'\($0)'" }.joined(separator: ", ") + (ids.count > 5 ? " and \(ids.count - 5) more" : "")
        }
        let tableIDs = table.ids
        let noFactors = tableIDs.filter { factors.index(of: $0) == nil }
        guard noFactors.isEmpty else {
            throw .invalidInput("\(source): \(noFactors.count) \(side)s have interactions but no factors in \(side)_ids.txt: \(shown(noFactors)); import the interactions the factors were trained on")
        }
        let noInteractions = factors.ids.filter { table.index(of: $0) == nil }
        guard noInteractions.isEmpty else {
            throw .invalidInput("\(side)_ids.txt: \(noInteractions.count) \(side)s are missing from the interactions in \(source): \(shown(noInteractions)); fold-in needs every \(side)'s training history")
        }
        return tableIDs.map { factors.index(of: $0)! }
    }
}
