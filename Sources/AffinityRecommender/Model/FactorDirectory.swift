public import AffinityNumerics
import Foundation

/// Factors and IDs read back from a directory in the layout `affinity export` writes
/// (`user_factors.npy`, `item_factors.npy`, `user_ids.txt`, `item_ids.txt`) plus an optional
/// `meta.json` (`FactorMeta`): what `affinity import` turns into a model.
public struct FactorDirectory: Sendable {
    public var userIDs: [String]
    public var itemIDs: [String]
    /// users × f and items × f, row-major.
    public var users: Matrix
    public var items: Matrix
    public var meta: FactorMeta?

    /// Reads and checks `directory`: float32 NPY files of equal width whose rows match the ID
    /// files, finite values, distinct non-empty IDs, and `meta.json`'s `rank` equal to that width.
    /// - Throws: `RecommenderError.modelFile` naming the file and what was found, or `.nonFinite`
    ///   naming the file, row and ID.
    public static func read(_ directory: String) throws(RecommenderError) -> FactorDirectory {
        let path = { (name: String) in (directory as NSString).appendingPathComponent(name) }
        let userIDs = try ids(path("user_ids.txt")), itemIDs = try ids(path("item_ids.txt"))
        let users = try NPYMatrix.read(path: path("user_factors.npy"))
        let items = try NPYMatrix.read(path: path("item_factors.npy"))
        for (file, m, list) in [("user_factors.npy", users, userIDs), ("item_factors.npy", items, itemIDs)] {
            let idFile = file.hasPrefix("user") ? "user_ids.txt" : "item_ids.txt"
            guard m.rows == list.count else {
                throw .modelFile(path: path(file), message: "\(m.rows) rows, but \(idFile) lists \(list.count) IDs (one row per ID, in order)")
            }
            if let bad = m.values.firstIndex(where: { !$0.isFinite }) {
                let row = bad / max(m.cols, 1)
                throw .nonFinite(what: "\(path(file)) row \(row) ('\(list[row])')", fix: "export finite factors")
            }
        }
        guard users.cols == items.cols else {
            throw .modelFile(path: path("item_factors.npy"),
                             message: "\(items.cols) columns, but user_factors.npy has \(users.cols) (both must have one column per factor)")
        }
        var meta: FactorMeta?
        if FileManager.default.fileExists(atPath: path("meta.json")) {
            do {
                meta = try JSONDecoder().decode(FactorMeta.self, from: Data(contentsOf: URL(fileURLWithPath: path("meta.json"))))
            } catch {
                throw .modelFile(path: path("meta.json"), message: "unreadable: \(error) (expected a JSON object with rank, alpha, regParam, regularization_scaling none|frequency, confidence one-plus-alpha|alpha, maxIter)")
            }
            if let rank = meta?.rank, rank != users.cols {
                throw .modelFile(path: path("meta.json"), message: "rank \(rank), but the factor files have \(users.cols) columns")
            }
        }
        return FactorDirectory(userIDs: userIDs, itemIDs: itemIDs,
                               users: Matrix(rows: users.rows, cols: users.cols, storage: users.values),
                               items: Matrix(rows: items.rows, cols: items.cols, storage: items.values), meta: meta)
    }

    /// One ID per line (a final newline optional, CR before it dropped); empty or repeated IDs are refused.
    static func ids(_ path: String) throws(RecommenderError) -> [String] {
        let text: String
        do { text = try String(contentsOfFile: path, encoding: .utf8) } catch {
            throw .modelFile(path: path, message: "cannot read as UTF-8 text: \(error.localizedDescription)")
        }
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { String($0.hasSuffix("\r") ? $0.dropLast() : $0) }
        if lines.last == "" { lines.removeLast() }
        var seen = [String: Int]()
        for (n, id) in lines.enumerated() {
            guard !id.isEmpty else { throw .modelFile(path: path, message: "line \(n + 1) is empty; expected one ID per line") }
            if let first = seen.updateValue(n, forKey: id) {
                throw .modelFile(path: path, message: "line \(n + 1) repeats the ID '\(id)' of line \(first + 1)")
            }
        }
        return lines
    }
}
