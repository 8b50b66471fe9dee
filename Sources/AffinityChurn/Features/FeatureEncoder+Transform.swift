public import AffinityNumerics

extension FeatureEncoder {
    /// Writes the design columns of one customer into `out[0..<width]`.
    ///
    /// `value(k)` returns the raw text of feature `k` (nil when the record lacks the field,
    /// which is treated as blank). `place` names the record in errors (e.g. `file:12`).
    public func encode(_ value: (Int) -> String?, into out: UnsafeMutablePointer<Float>,
                       file: String, line: Int) throws(ChurnError) {
        for (k, f) in features.enumerated() {
            let raw = value(k)
            let blank = CellText.isBlank(raw)
            let o = out + f.offset
            switch f.kind {
            case .numeric, .boolean:
                var x = f.fill ?? 0
                if !blank, let raw {
                    let parsed = f.kind == .boolean ? CellText.boolean(raw) : CellText.number(raw)
                    guard let v = parsed else {
                        throw .badValue(file: file, line: line, column: f.name,
                                        expected: f.kind == .boolean ? "yes/no, true/false or 1/0" : "a number (or blank)", got: raw)
                    }
                    x = v
                }
                o[0] = f.kind == .numeric ? Float((x - (f.mean ?? 0)) / (f.scale ?? 1)) : Float(x)
                if f.missingIndicator { o[1] = blank ? 1 : 0 }
            case .categorical:
                for j in 0..<f.width { o[j] = 0 }
                let key = blank ? FeatureColumn.missingLevel : String(CellText.trimmed(raw ?? ""))
                if let j = f.levels?.firstIndex(of: key) { o[j] = 1 }
            }
        }
    }

    /// The n × (width + 1) design of `table` with a trailing intercept column of ones.
    /// Every feature column must be present; the label and ID columns are not needed.
    public func design(_ table: CustomerTable) throws(ChurnError) -> Matrix {
        var indices: [Int] = []
        for f in features { indices.append(try table.columnIndex(f.name)) }
        let d = width + 1
        var design = Matrix(rows: table.rows.count, cols: d, repeating: 0)
        var failure: ChurnError?
        design.storage.withUnsafeMutableBufferPointer { buf in
            for (r, row) in table.rows.enumerated() {
                let out = buf.baseAddress! + r * d
                do throws(ChurnError) { try encode({ row[indices[$0]] }, into: out, file: table.source, line: table.lines[r]) } catch {
                    failure = error
                    return
                }
                out[width] = 1
            }
        }
        if let failure { throw failure }
        return design
    }

    /// Column means of the training design, kept per feature for reasons.
    func recordDesignMeans(into design: inout Matrix) throws(ChurnError) {
        if let r = design.firstNonFiniteRow() { throw .nonFinite(what: "encoded training row \(r + 1)") }
    }

    func withDesignMeans(_ design: Matrix) -> FeatureEncoder {
        var means = [Double](repeating: 0, count: design.cols)
        for r in 0..<design.rows {
            for c in 0..<design.cols { means[c] += Double(design.storage[r * design.cols + c]) }
        }
        var copy = self
        for k in copy.features.indices {
            let f = copy.features[k]
            copy.features[k].designMeans = (f.offset..<(f.offset + f.width)).map { means[$0] / Double(max(design.rows, 1)) }
        }
        return copy
    }
}
