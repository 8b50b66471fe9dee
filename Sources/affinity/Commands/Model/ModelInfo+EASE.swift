import AffinityData
import AffinityRecommender

extension ModelInfo {
    /// An EASE model file (magic "AFFNEASE"), or nil for another kind.
    static func ease(path: String) throws -> ModelInfo? {
        guard ModelKind.detect(path: path) == .ease else { return nil }
        let h = try EASEModel.load(path: path).header
        return ModelInfo(path: path, kind: h.kind, sections: [
            Section(name: "hyperparameters", fields: [
                ("l2", .number(h.l2)), ("weight_transform", .text(h.transform.description)), ("inverse_precision", .text(h.inversePrecision)), ("threads", .integer(h.threads)),
            ]),
            Section(name: "sizes", fields: [
                ("users", .integer(h.users)), ("items", .integer(h.items)), ("interactions", .integer(h.nnz)),
                ("weight_bytes", .integer(h.items * h.items * MemoryLayout<Float>.size)),
            ]),
            Section(name: "training", fields: trainingFields(createdAt: h.createdAt, fitSeconds: h.fitSeconds,
                                                             watermark: h.trainingWatermark, eventSequence: nil,
                                                             fingerprint: h.datasetFingerprint, source: h.datasetSource)),
            eventWeightsSection(h.eventWeights),
        ])
    }
}
