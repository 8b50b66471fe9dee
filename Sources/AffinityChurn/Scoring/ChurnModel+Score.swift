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

    /// Per-feature contributions in logit units (they sum with `baselineLogit` to the logit).
    public func contributions(values: [String?], file: String = "customer", line: Int = 1) throws(ChurnError) -> (logit: Double, perFeature: [Double]) {
        var x = [Float](repeating: 0, count: encoder.width)
        try x.withUnsafeMutableBufferPointer { (buf) throws(ChurnError) in
            try encoder.encode({ values[$0] }, into: buf.baseAddress!, file: file, line: line)
        }
        var perFeature = [Double](repeating: 0, count: encoder.features.count)
        for (k, f) in encoder.features.enumerated() {
            for j in 0..<f.width {
                perFeature[k] += coefficients[f.offset + j] * (Double(x[f.offset + j]) - f.designMeans[j])
            }
        }
        return (baselineLogit + perFeature.reduce(0, +), perFeature)
    }

    func score(values: [String?], customerID: String?, file: String, line: Int) throws(ChurnError) -> ChurnScore {
        let (logit, perFeature) = try contributions(values: values, file: file, line: line)
        let p = probability(logit: logit)
        let top = perFeature.indices.filter { perFeature[$0] > 0 }
            .sorted { perFeature[$0] != perFeature[$1] ? perFeature[$0] > perFeature[$1] : $0 < $1 }
            .prefix(3)
        let reasons = top.map { k in
            Reason(feature: encoder.features[k].name, value: display(values[k], encoder.features[k]), contribution: perFeature[k])
        }
        return ChurnScore(customerID: customerID, probability: p, logit: logit, tier: tiers.tier(p), reasons: reasons)
    }

    /// The value as the customer has it, in the column's own units.
    private func display(_ raw: String?, _ f: FeatureColumn) -> String {
        if CellText.isBlank(raw) { return "(blank)" }
        let text = String(CellText.trimmed(raw ?? ""))
        if f.kind == .categorical, f.levels?.contains(text) == false { return "\(text) (unseen)" }
        return text
    }
}
