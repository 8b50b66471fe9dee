public import AffinityData
public import AffinityNumerics
import Foundation

extension EASEModel {
    /// Fits EASE on the users × items matrix (values: summed event weights) reshaped by
    /// `config.weightTransform`, and assembles the model; the untransformed matrix becomes the
    /// users' history (scoring transforms it again, as ALS's fold-in does). See `EASETrainer` for
    /// the math and the memory limit.
    public static func fit(matrix: CSRMatrix, users: IDMap, items: IDMap, config: EASEConfig,
                           eventWeights: EventWeights = .funnel,
                           trainingWatermark: Int64? = nil, datasetSource: String? = nil) throws(RecommenderError) -> EASEModel {
        precondition(matrix.rows == users.count && matrix.cols == items.count, "EASEModel: matrix shape does not match the ID maps")
        let clock = ContinuousClock.now
        try config.validate()
        let b = try EASETrainer.fit(config.weightTransform.transformed(matrix), config: config)
        let elapsed = ContinuousClock.now - clock
        let header = EASEModelHeader(
            users: users.count, items: items.count, nnz: matrix.nnz, l2: config.l2,
            weightTransform: config.weightTransform.isIdentity ? nil : config.weightTransform, threads: config.threads,
            datasetFingerprint: ALSModel.fingerprint(matrix), datasetSource: datasetSource,
            createdAt: ISO8601DateFormatter().string(from: Date()), eventWeights: eventWeights.byEvent,
            trainingWatermark: trainingWatermark,
            fitSeconds: elapsed.inSeconds)
        return EASEModel(header: header, users: users, items: items, storage: EASEStorage(b: b, matrix: matrix))
    }

    /// Trains on an interaction table (duplicate pairs summed); the training watermark is the
    /// table's latest timestamp.
    public static func train(_ table: InteractionTable, config: EASEConfig,
                             eventWeights: EventWeights = .funnel,
                             datasetSource: String? = nil) throws(RecommenderError) -> EASEModel {
        try fit(matrix: table.csr(), users: table.users, items: table.items, config: config, eventWeights: eventWeights,
                trainingWatermark: table.timestamps?.max(), datasetSource: datasetSource)
    }
}
