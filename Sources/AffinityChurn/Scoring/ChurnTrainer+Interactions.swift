import AffinityNumerics

extension ChurnTrainer {
    /// `--features auto`, second stage: picks interactions at the main-effects fit
    /// (`FeatureEncoder.selectInteractions`) and, when any are kept, refits with them. The report's
    /// `fitSeconds` then covers both fits.
    static func addInteractions(_ auto: AutoFeatures, table: CustomerTable, config: LogisticConfig,
                                encoder: inout FeatureEncoder, design: inout Matrix, labels: [Float],
                                fit: inout LogisticFit, notes: inout FeatureEncoder.Notes) throws(ChurnError) {
        let logits = BLAS.gemv(.none, design, (fit.coefficients + [fit.intercept]).map { Float($0) })
        let probabilities = logits.map { LogisticMath.sigmoid(Double($0)) }
        let terms = try encoder.selectInteractions(table, probabilities: probabilities, labels: labels, auto: auto, l2: config.l2)
        let names = terms.map(\.name).joined(separator: ", ")
        notes.messages.append("--features auto: \(terms.count) interaction\(terms.count == 1 ? "" : "s") kept\(terms.isEmpty ? "" : ": " + names)")
        guard !terms.isEmpty else { return }
        let mainSeconds = fit.report.fitSeconds
        encoder = encoder.adding(terms)
        design = try encoder.design(table)
        try encoder.recordDesignMeans(into: &design)
        encoder = encoder.withDesignMeans(design)
        fit = try LogisticRegression.fit(design: design, interceptColumn: encoder.width, labels: labels, config: config)
        fit.report.fitSeconds += mainSeconds
    }
}
