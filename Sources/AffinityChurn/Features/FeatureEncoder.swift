public import AffinityNumerics

/// The fitted preprocessing: which columns are features, how each is encoded, and the
/// training statistics used for imputation, scaling and reasons. Stored in the model.
public struct FeatureEncoder: Sendable, Codable, Equatable {
    public var features: [FeatureColumn]
    /// Total design columns (without the intercept).
    public var width: Int
    public var idColumn: String?
    public var labelColumn: String
    /// Columns ignored at training: dropped on request or detected as IDs.
    public var ignored: [String]
    /// Pairwise interactions (`--features auto`), their design columns after the features'.
    public var interactions: [InteractionTerm]?
    /// Features the model uses but never names as a reason (`--no-reason`).
    public var noReason: [String]?

    /// True when the encoding needs model file version 2 (binned columns or interactions).
    var usesAutoFeatures: Bool {
        features.contains { $0.kind == .binned } || !(interactions ?? []).isEmpty
    }

    /// Notes for the user about automatic decisions (e.g. a column skipped as an ID).
    public struct Notes: Sendable, Equatable { public var messages: [String] = [] }

    /// Fits on `table`: types every column, imputes, scales, one-hot encodes. Returns the
    /// encoder, the n × (width + 1) design with a trailing intercept column of ones, and the labels.
    public static func fit(_ table: CustomerTable, options: FeatureOptions)
        throws(ChurnError) -> (encoder: FeatureEncoder, design: Matrix, labels: [Float], notes: Notes) {
        let labelIndex = try table.columnIndex(options.label)
        for name in options.drop + options.categorical + options.numeric + options.noReason { _ = try table.columnIndex(name) }
        try options.auto?.validate()
        if let id = options.id { _ = try table.columnIndex(id) }
        let labels = try parseLabels(table, labelIndex)
        var notes = Notes()
        var idColumn = options.id
        if idColumn == nil {
            idColumn = table.header.first { $0 != options.label && ColumnTyper.idNames.contains(ColumnTyper.normalized($0)) }
        }
        var ignored = options.drop
        var features: [FeatureColumn] = []
        var offset = 0
        for (c, name) in table.header.enumerated() where c != labelIndex && name != idColumn && !options.drop.contains(name) {
            let values = table.rows.map { $0[c] }
            var guess = ColumnTyper.guess(values)
            if options.categorical.contains(name) { guess = .categorical }
            if options.numeric.contains(name) { guess = .numeric }
            if guess == .identifier {
                if idColumn == nil { idColumn = name } else { ignored.append(name) }
                notes.messages.append("column '\(name)' has a distinct value in every row; treated as an ID and not used as a feature (force it with --categorical \(name))")
                continue
            }
            let column = try fitColumn(name, guess, values, table, column: c, offset: offset, auto: options.auto)
            offset += column.width
            features.append(column)
        }
        if features.isEmpty { throw .invalid("\(table.source): no feature columns left after the label, ID and --drop columns") }
        for name in options.noReason where !features.contains(where: { $0.name == name }) {
            throw .invalid("\(table.source): --no-reason \(name) names a column that is not a feature (the label, the ID or a dropped column); name a feature column")
        }
        var encoder = FeatureEncoder(features: features, width: offset, idColumn: idColumn, labelColumn: options.label, ignored: ignored)
        encoder.noReason = options.noReason.isEmpty ? nil : options.noReason
        var design = try encoder.design(table)
        try encoder.recordDesignMeans(into: &design)
        return (encoder.withDesignMeans(design), design, labels, notes)
    }

    static func parseLabels(_ table: CustomerTable, _ index: Int) throws(ChurnError) -> [Float] {
        var labels = [Float](repeating: 0, count: table.rows.count)
        for (r, row) in table.rows.enumerated() {
            guard let y = ChurnLabel.parse(row[index]) else {
                throw .badLabel(file: table.source, line: table.lines[r], column: table.header[index], got: row[index])
            }
            labels[r] = y
        }
        let positives = labels.reduce(0) { $0 + Int($1) }
        if positives == 0 || positives == labels.count {
            throw .singleClass(file: table.source, column: table.header[index], value: table.rows[0][index], rows: labels.count)
        }
        return labels
    }
}
