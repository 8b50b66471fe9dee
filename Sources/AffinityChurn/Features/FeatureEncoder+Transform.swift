public import AffinityNumerics

extension FeatureEncoder {
    /// Each feature's value as one number: numeric, binned and boolean columns give the parsed value
    /// (NaN when blank); a categorical column gives the index of its level (a blank is the
    /// "(missing)" level), −1 for an unseen value.
    func parse(_ value: (Int) -> String?, file: String, line: Int) throws(ChurnError) -> [Double] {
        var out = [Double](repeating: .nan, count: features.count)
        for (k, f) in features.enumerated() {
            let raw = value(k)
            let blank = CellText.isBlank(raw)
            if f.kind == .categorical {
                let key = blank ? FeatureColumn.missingLevel : String(CellText.trimmed(raw ?? ""))
                out[k] = Double(f.levels?.firstIndex(of: key) ?? -1)
                continue
            }
            guard !blank, let raw else { continue }
            let parsed = f.kind == .boolean ? CellText.boolean(raw) : CellText.number(raw)
            guard let v = parsed else {
                throw .badValue(file: file, line: line, column: f.name,
                                expected: f.kind == .boolean ? "yes/no, true/false or 1/0" : "a number (or blank)", got: raw)
            }
            out[k] = v
        }
        return out
    }

    /// Writes the design columns of values from `parse` into `out[0..<width]`.
    func write(_ parsed: [Double], into out: UnsafeMutablePointer<Float>) {
        for (k, f) in features.enumerated() {
            let o = out + f.offset
            for j in 0..<f.width { o[j] = 0 }
            let blank = parsed[k].isNaN
            let x = blank ? (f.fill ?? 0) : parsed[k]
            switch f.kind {
            case .numeric: o[0] = Float((x - (f.mean ?? 0)) / (f.scale ?? 1))
            case .boolean: o[0] = Float(x)
            case .binned: o[f.bins?.index(x) ?? 0] = 1
            case .categorical: if x >= 0 { o[Int(x)] = 1 }
            }
            if f.missingIndicator { o[f.width - 1] = blank ? 1 : 0 }
        }
        for term in interactions ?? [] {
            let o = out + term.offset
            for j in 0..<term.width { o[j] = 0 }
            if let c = term.cell(parsed, features) { o[c] = 1 }
        }
    }

    /// Writes the design columns of one customer into `out[0..<width]`.
    ///
    /// `value(k)` returns the raw text of feature `k` (nil when the record lacks the field,
    /// which is treated as blank). `place` names the record in errors (e.g. `file:12`).
    public func encode(_ value: (Int) -> String?, into out: UnsafeMutablePointer<Float>,
                       file: String, line: Int) throws(ChurnError) {
        write(try parse(value, file: file, line: line), into: out)
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
        func slice(_ offset: Int, _ width: Int) -> [Double] {
            (offset..<(offset + width)).map { means[$0] / Double(max(design.rows, 1)) }
        }
        var copy = self
        for k in copy.features.indices { copy.features[k].designMeans = slice(copy.features[k].offset, copy.features[k].width) }
        if var terms = copy.interactions {
            for k in terms.indices { terms[k].designMeans = slice(terms[k].offset, terms[k].width) }
            copy.interactions = terms
        }
        return copy
    }
}
