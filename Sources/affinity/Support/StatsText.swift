import AffinityData

/// Human-readable rendering of `InteractionStats`.
enum StatsText {
    static func render(_ s: InteractionStats) -> String {
        var lines = ["file: \(s.file)", "rows read: \(s.rows)", "rows kept: \(s.rowsKept)"]
        if s.interactionRows != s.rowsKept {
            lines.append("interaction rows: \(s.interactionRows) (\(s.rowsKept - s.interactionRows) kept lines repeat a (user, item) "
                         + "pair of the same invoice and count once; the event counts below count interaction rows)")
        }
        if s.negativeWeightRows > 0 {
            lines.append("negative weights: \(s.negativeWeightRows) rows (read as negative feedback: preference 0, confidence from |weight|)")
        }
        if s.skipped.isEmpty {
            lines.append("rows skipped: 0")
        } else {
            lines.append("rows skipped: \(s.skipped.values.reduce(0, +))")
            for reason in s.skipped.keys.sorted() {
                let where_ = (s.skippedFirstLines[reason] ?? []).map(String.init).joined(separator: ", ")
                lines.append("  \(reason): \(s.skipped[reason] ?? 0) (first lines: \(where_))")
            }
        }
        lines.append("users: \(s.users)")
        lines.append("items: \(s.items)")
        lines.append("nnz: \(s.nnz)")
        lines.append("density: \(s.density)")
        if s.events.isEmpty {
            lines.append("events: none (no event column)")
        } else {
            lines.append("events: " + s.events.keys.sorted().map { "\($0)=\(s.events[$0] ?? 0)" }.joined(separator: ", "))
        }
        if let t = s.timeRange {
            lines.append("time range: \(t.min) .. \(t.max)")
        } else {
            lines.append("time range: none (no timestamps)")
        }
        return lines.joined(separator: "\n")
    }
}
