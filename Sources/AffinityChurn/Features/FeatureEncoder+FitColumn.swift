import Foundation

extension FeatureEncoder {
    /// Training statistics for one column of the guessed kind.
    static func fitColumn(_ name: String, _ guess: ColumnTyper.Guess, _ values: [String], _ table: CustomerTable,
                          column: Int, offset: Int, auto: AutoFeatures? = nil) throws(ChurnError) -> FeatureColumn {
        let blanks = values.reduce(0) { $0 + (CellText.isBlank($1) ? 1 : 0) }
        if blanks == values.count {
            throw .invalid("\(table.source): column '\(name)' is blank in every row; remove it with --drop \(name)")
        }
        let firstValue = values.first { !CellText.isBlank($0) }.map { String(CellText.trimmed($0)) } ?? ""
        if blanks == 0 && values.allSatisfy({ CellText.trimmed($0) == firstValue }) {
            throw .constantColumn(file: table.source, column: name, value: firstValue)
        }
        var col = FeatureColumn(name: name, kind: .numeric, offset: offset, width: 1, fill: nil, mean: nil, scale: nil,
                                levels: nil, missingIndicator: blanks > 0, designMeans: [])
        switch guess {
        case .numeric, .boolean:
            var xs: [Double] = []
            xs.reserveCapacity(values.count - blanks)
            for (r, v) in values.enumerated() where !CellText.isBlank(v) {
                let parsed = guess == .boolean ? CellText.boolean(v) : CellText.number(v)
                guard let x = parsed else {
                    throw .badValue(file: table.source, line: table.lines[r], column: name,
                                    expected: guess == .boolean ? "yes/no, true/false or 1/0" : "a number (or blank)", got: v)
                }
                xs.append(x)
            }
            col.width = blanks > 0 ? 2 : 1
            if guess == .boolean {
                col.kind = .boolean
                col.fill = xs.reduce(0, +) * 2 >= Double(xs.count) ? 1 : 0
            } else if let auto {
                col.kind = .binned
                col.fill = median(xs)
                let bins = NumericBins.fit(xs, count: auto.bins)
                col.bins = bins
                col.width = bins.count + (blanks > 0 ? 1 : 0)
            } else {
                let fill = median(xs)
                let all = xs + [Double](repeating: fill, count: blanks)
                let mean = all.reduce(0, +) / Double(all.count)
                let variance = all.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(all.count)
                col.fill = fill
                col.mean = mean
                col.scale = variance > 0 ? variance.squareRoot() : 1
            }
        case .categorical, .identifier:
            col.kind = .categorical
            col.missingIndicator = false
            let distinct = Set(values.lazy.filter { !CellText.isBlank($0) }.map { String(CellText.trimmed($0)) })
            var levels = distinct.sorted()
            if blanks > 0 { levels.append(FeatureColumn.missingLevel) }
            col.levels = levels
            col.width = levels.count
        }
        return col
    }

    static func median(_ xs: [Double]) -> Double {
        let s = xs.sorted()
        let m = s.count / 2
        return s.count % 2 == 1 ? s[m] : (s[m - 1] + s[m]) / 2
    }
}
