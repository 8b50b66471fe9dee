extension ChurnModel {
    /// Scores one customer given as field name → raw text. See the type's documentation.
    public func score(customer: [String: String]) throws(ChurnError) -> ChurnScore {
        let known = Set(encoder.features.map(\.name))
        var skip = Set(encoder.ignored + [encoder.labelColumn])
        if let id = encoder.idColumn { skip.insert(id) }
        for key in customer.keys.sorted() where !known.contains(key) && !skip.contains(key) {
            throw .unknownField(field: key, known: encoder.features.map(\.name))
        }
        for f in encoder.features where customer[f.name] == nil {
            throw .missingField(field: f.name, known: encoder.features.map(\.name))
        }
        let id = encoder.idColumn.flatMap { customer[$0] }
        let values = encoder.features.map { customer[$0.name] }
        return try score(values: values, customerID: id, file: "customer", line: 1)
    }

    /// Scores many customers (same rules as `score(customer:)`), in input order.
    public func score(customers: [[String: String]]) throws(ChurnError) -> [ChurnScore] {
        var out: [ChurnScore] = []
        out.reserveCapacity(customers.count)
        for c in customers { out.append(try score(customer: c)) }
        return out
    }

    /// Scores every row of a customer table (feature columns must be present), in row order.
    public func score(table: CustomerTable) throws(ChurnError) -> [ChurnScore] {
        var indices: [Int] = []
        for f in encoder.features { indices.append(try table.columnIndex(f.name)) }
        let idIndex = encoder.idColumn.flatMap { table.header.firstIndex(of: $0) }
        var out: [ChurnScore] = []
        out.reserveCapacity(table.rows.count)
        for (r, row) in table.rows.enumerated() {
            let values: [String?] = indices.map { row[$0] }
            out.append(try score(values: values, customerID: idIndex.map { row[$0] }, file: table.source, line: table.lines[r]))
        }
        return out
    }

    /// Per-feature contributions in logit units (they sum with `baselineLogit` to the logit): one per
    /// feature, then one per interaction (`encoder.interactions`) when the model has any.
    public func contributions(values: [String?], file: String = "customer", line: Int = 1) throws(ChurnError) -> (logit: Double, perFeature: [Double]) {
        let parsed = try encoder.parse({ values[$0] }, file: file, line: line)
        return contributions(parsed: parsed)
    }

    func contributions(parsed: [Double]) -> (logit: Double, perFeature: [Double]) {
        var x = [Float](repeating: 0, count: encoder.width)
        x.withUnsafeMutableBufferPointer { encoder.write(parsed, into: $0.baseAddress!) }
        func part(_ offset: Int, _ means: [Double]) -> Double {
            means.indices.reduce(0.0) { $0 + coefficients[offset + $1] * (Double(x[offset + $1]) - means[$1]) }
        }
        let perFeature = encoder.features.map { part($0.offset, $0.designMeans) }
            + (encoder.interactions ?? []).map { part($0.offset, $0.designMeans) }
        return (baselineLogit + perFeature.reduce(0, +), perFeature)
    }

    func score(values: [String?], customerID: String?, file: String, line: Int) throws(ChurnError) -> ChurnScore {
        let parsed = try encoder.parse({ values[$0] }, file: file, line: line)
        let (logit, perFeature) = contributions(parsed: parsed)
        let p = probability(logit: logit)
        let silent = Set(encoder.noReason ?? [])
        let terms = encoder.interactions ?? []
        let features = encoder.features
        let top = perFeature.indices.filter { k in
            perFeature[k] > 0 && (k < features.count ? !silent.contains(features[k].name)
                : !silent.contains(terms[k - features.count].first.feature) && !silent.contains(terms[k - features.count].second.feature))
        }
        .sorted { perFeature[$0] != perFeature[$1] ? perFeature[$0] > perFeature[$1] : $0 < $1 }
        .prefix(3)
        let reasons = top.map { k in
            guard k >= features.count else {
                let f = features[k]
                return Reason(feature: f.name, value: display(values[k], f), contribution: perFeature[k], label: binLabel(parsed[k], f))
            }
            let t = terms[k - features.count]
            let value = "\(display(values[t.first.index], features[t.first.index])) & \(display(values[t.second.index], features[t.second.index]))"
            return Reason(feature: t.name, value: value, contribution: perFeature[k], label: t.label(parsed, features))
        }
        return ChurnScore(customerID: customerID, probability: p, logit: logit, tier: tiers.tier(p), reasons: reasons)
    }

    /// "tenure ≤ 5" for a non-blank value of a binned column, else nil.
    private func binLabel(_ parsed: Double, _ f: FeatureColumn) -> String? {
        guard let bins = f.bins, !parsed.isNaN else { return nil }
        return "\(f.name) \(bins.labels[bins.index(parsed)])"
    }

    /// The value as the customer has it, in the column's own units.
    private func display(_ raw: String?, _ f: FeatureColumn) -> String {
        if CellText.isBlank(raw) { return "(blank)" }
        let text = String(CellText.trimmed(raw ?? ""))
        if f.kind == .categorical, f.levels?.contains(text) == false { return "\(text) (unseen)" }
        return text
    }
}
