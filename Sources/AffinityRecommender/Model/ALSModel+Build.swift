public import AffinityData
public import AffinityNumerics
import Foundation

extension ALSModel {
    /// Assembles a model from trained factors and the training matrix (users × items in
    /// `users`/`items` index space, before `config.weightTransform`). The matrix becomes the
    /// seen-items history. The matrix is encoded into the history and released before the model's
    /// storage is allocated, so a caller that passes its only copy (`consume`) does not hold both.
    public init(factors: ALSFactors, matrix: consuming CSRMatrix, users: IDMap, items: IDMap, config: ALSConfig,
                eventWeights: EventWeights = .funnel,
                trainingWatermark: Int64? = nil, trainingEventSequence: UInt64? = nil, datasetSource: String? = nil) {
        precondition(factors.users.rows == users.count && factors.items.rows == items.count,
                     "ALSModel: factor rows do not match the ID maps")
        precondition(matrix.rows == users.count && matrix.cols == items.count, "ALSModel: matrix shape does not match the ID maps")
        let nnz = matrix.nnz, fingerprint = Self.fingerprint(matrix)
        let history = ModelHistory.encode(rowPointers: matrix.rowPointers, columns: matrix.columns, values: matrix.values,
                                          items: items.count)
        _ = consume matrix
        let steps: Int? = if case .conjugateGradient(let s) = config.solver { s } else { nil }
        let header = ALSModelHeader(
            factors: config.factors, users: users.count, items: items.count, nnz: nnz,
            iterations: config.iterations, regularization: config.regularization,
            regularizationScaling: config.regularizationScaling == .none ? nil : config.regularizationScaling, alpha: config.alpha,
            weightTransform: config.weightTransform.isIdentity ? nil : config.weightTransform,
            confidence: config.confidence, solver: config.solver.name, cgSteps: steps, seed: config.seed,
            threads: config.threads, datasetFingerprint: fingerprint, datasetSource: datasetSource,
            createdAt: ISO8601DateFormatter().string(from: Date()), eventWeights: eventWeights.byEvent,
            trainingWatermark: trainingWatermark, trainingEventSequence: trainingEventSequence, fitSeconds: factors.report.fitSeconds)
        let storage = ModelStorage(users: factors.users.storage, items: factors.items.storage, factors: config.factors,
                                   history: history, nnz: nnz)
        self.init(header: header, users: users, items: items, storage: storage)
        fitReport = factors.report
    }

    /// FNV-1a 64 over the matrix shape and arrays: equal fingerprints mean equal training data.
    public static func fingerprint(_ m: CSRMatrix) -> String {
        var h = FNV1a()
        h.combine(littleEndian: Int64(m.rows)); h.combine(littleEndian: Int64(m.cols))
        for p in m.rowPointers { h.combine(littleEndian: Int64(p)) }
        for c in m.columns { h.combine(littleEndian: c) }
        for v in m.values { h.combine(littleEndian: v.bitPattern) }
        return String(h.value, radix: 16)
    }
}

extension ALSModel {
    /// Trains on an interaction table (duplicate pairs summed) and assembles the model; the
    /// training watermark is the table's latest timestamp. `trainingEventSequence` is the highest
    /// event-log sequence number the table includes (a server replays only later events).
    ///
    /// Peak memory: the table's rows are released while the matrix is built (`takeCSR`) and the
    /// matrix before the model's storage is allocated, so a caller that passes its only copy of the
    /// table (`consume`) holds at most the matrix, its transpose and the factors while training.
    public static func train(_ table: consuming InteractionTable, config: ALSConfig,
                             eventWeights: EventWeights = .funnel,
                             datasetSource: String? = nil, trainingEventSequence: UInt64? = nil,
                             progress: ((ALSProgress) -> Void)? = nil) throws(RecommenderError) -> ALSModel {
        try config.validate()
        let users = table.users, items = table.items, watermark = table.timestamps?.max()
        let matrix = table.takeCSR()
        let fit = try ALSTrainer(config: config).fit(matrix, userIDs: users.ids, itemIDs: items.ids, progress: progress)
        return ALSModel(factors: fit, matrix: consume matrix, users: users, items: items, config: config,
                        eventWeights: eventWeights, trainingWatermark: watermark,
                        trainingEventSequence: trainingEventSequence, datasetSource: datasetSource)
    }
}
