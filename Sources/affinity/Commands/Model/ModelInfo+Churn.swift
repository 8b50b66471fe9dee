import AffinityChurn

extension ModelInfo {
    /// A churn model file (JSON with "format": "affinity-churn-model"), or nil for another kind.
    static func churn(path: String) throws -> ModelInfo? {
        guard let first = leadingBytes(path, count: 64).first(where: { ![9, 10, 13, 32].contains($0) }),
              first == UInt8(ascii: "{") else { return nil }
        let m = try ChurnModel.load(path: path)
        let c = m.training.config, r = m.training.report
        return ModelInfo(path: path, kind: "churn-logistic", sections: [
            Section(name: "hyperparameters", fields: [
                ("l2", .number(c.l2)), ("class_weight", .text("\(c.classWeight)")), ("solver", .text(r.solver.rawValue)),
                ("tolerance", .number(c.tolerance)), ("max_iterations", .integer(c.maxIterations)),
                ("calibration", .text(m.calibration.map { "\($0)".prefix { $0 != "(" } }.map(String.init) ?? "none")),
                ("tiers", .text("medium ≥ \(m.tiers.medium), high ≥ \(m.tiers.high) (\(m.tiers.origin))")),
            ]),
            Section(name: "sizes", fields: [
                ("features", .integer(m.encoder.features.count)), ("design_columns", .integer(m.encoder.width)),
                ("train_rows", .integer(m.training.rows)), ("positives", .integer(m.training.positives)),
            ]),
            Section(name: "training", fields: [
                ("label", .text(m.encoder.labelColumn)), ("id_column", m.encoder.idColumn.map { .text($0) } ?? .none),
                ("iterations", .integer(r.iterations)), ("converged", .flag(r.converged)),
                ("dataset_source", .text(m.training.source)), ("format_version", .integer(m.version)),
            ]),
        ])
    }
}
