import AffinityData
import AffinityRecommender

extension ModelInfo {
    /// An implicit-ALS model file (magic "AFFNALS\0"), or nil for another kind.
    static func als(path: String) throws -> ModelInfo? {
        guard ModelKind.detect(path: path) == .als else { return nil }
        let model = try ALSModel.load(path: path)
        let h = model.header
        let factorBytes = (h.users + h.items) * h.factors * MemoryLayout<Float>.size
        return ModelInfo(path: path, kind: h.kind, sections: [
            Section(name: "hyperparameters", fields: [
                ("factors", .integer(h.factors)), ("iterations", .integer(h.iterations)),
                ("regularization", .float(h.regularization)), ("regularization_scaling", .text(h.scaling.rawValue)),
                ("alpha", .float(h.alpha)), ("weight_transform", .text(h.transform.description)),
                ("confidence", .text(h.confidence.rawValue)), ("solver", .text(h.solver.rawValue)),
                ("cg_steps", h.cgSteps.map { .integer($0) } ?? .none), ("seed", .text(String(h.seed))), ("threads", .integer(h.threads)),
            ]),
            Section(name: "sizes", fields: [
                ("users", .integer(h.users)), ("items", .integer(h.items)), ("interactions", .integer(h.nnz)),
                ("factor_bytes", .integer(factorBytes)),
            ]),
            Section(name: "training", fields: trainingFields(createdAt: h.createdAt, fitSeconds: h.fitSeconds,
                                                             watermark: h.trainingWatermark, eventSequence: h.trainingEventSequence,
                                                             fingerprint: h.datasetFingerprint, source: h.datasetSource)),
            eventWeightsSection(h.eventWeights),
        ])
    }

    /// The training section every recommender kind shares.
    static func trainingFields(createdAt: String, fitSeconds: Double, watermark: Int64?, eventSequence: UInt64?,
                               fingerprint: String, source: String?) -> [(key: String, value: Value)] {
        [
            ("created_at", .text(createdAt)), ("fit_seconds", .number(fitSeconds)),
            ("training_watermark", watermark.map { .integer(Int($0)) } ?? .none),
            ("training_watermark_time", watermark.map { .text(TimestampParser.iso8601($0)) } ?? .none),
            ("training_event_sequence", eventSequence.map { .text(String($0)) } ?? .none),
            ("dataset_fingerprint", .text(fingerprint)), ("dataset_source", source.map { .text($0) } ?? .none),
        ]
    }

    /// The model's event-weight table, by event name.
    static func eventWeightsSection(_ weights: [String: Float]) -> Section {
        Section(name: "event_weights", fields: weights.keys.sorted().map { ($0, .float(weights[$0] ?? 0)) })
    }
}
