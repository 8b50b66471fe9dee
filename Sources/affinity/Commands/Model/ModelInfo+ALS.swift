import AffinityData
import AffinityRecommender

extension ModelInfo {
    /// An implicit-ALS model file (magic "AFFNALS\0"), or nil for another kind.
    static func als(path: String) throws -> ModelInfo? {
        guard leadingBytes(path, count: ALSModel.fileMagic.count) == ALSModel.fileMagic else { return nil }
        let model = try ALSModel.load(path: path)
        let h = model.header
        let factorBytes = (h.users + h.items) * h.factors * MemoryLayout<Float>.size
        return ModelInfo(path: path, kind: h.kind, sections: [
            Section(name: "hyperparameters", fields: [
                ("factors", .integer(h.factors)), ("iterations", .integer(h.iterations)),
                ("regularization", .float(h.regularization)), ("alpha", .float(h.alpha)),
                ("confidence", .text(h.confidence.rawValue)), ("solver", .text(h.solver)),
                ("cg_steps", h.cgSteps.map { .integer($0) } ?? .none), ("seed", .text(String(h.seed))), ("threads", .integer(h.threads)),
            ]),
            Section(name: "sizes", fields: [
                ("users", .integer(h.users)), ("items", .integer(h.items)), ("interactions", .integer(h.nnz)),
                ("factor_bytes", .integer(factorBytes)),
            ]),
            Section(name: "training", fields: [
                ("created_at", .text(h.createdAt)), ("fit_seconds", .number(h.fitSeconds)),
                ("training_watermark", h.trainingWatermark.map { .integer(Int($0)) } ?? .none),
                ("training_watermark_time", h.trainingWatermark.map { .text(TimestampParser.iso8601($0)) } ?? .none),
                ("training_event_sequence", h.trainingEventSequence.map { .text(String($0)) } ?? .none),
                ("dataset_fingerprint", .text(h.datasetFingerprint)), ("dataset_source", h.datasetSource.map { .text($0) } ?? .none),
            ]),
            Section(name: "event_weights", fields: h.eventWeights.keys.sorted().map { ($0, .float(h.eventWeights[$0] ?? 0)) }),
        ])
    }
}
