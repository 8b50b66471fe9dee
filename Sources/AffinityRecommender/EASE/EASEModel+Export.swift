import AffinityData
import Foundation

extension EASEModel {
    /// Writes B and the IDs for numpy into `directory`: `b.npy` (items×items little-endian float32
    /// NPY v1.0, row i = the weights item i gives every item), `item_ids.txt` and `user_ids.txt`
    /// (one external ID per line in row order). Each file is written to a temp file and renamed.
    @discardableResult
    public func export(to directory: String) throws(RecommenderError) -> [String] {
        let files: [(String, Data)] = [
            ("b.npy", ALSModel.npy(storage.weights, rows: header.items, cols: header.items)),
            ("user_ids.txt", Data((users.ids.joined(separator: "\n") + "\n").utf8)),
            ("item_ids.txt", Data((items.ids.joined(separator: "\n") + "\n").utf8)),
        ]
        return try ALSModel.write(files, to: directory)
    }
}
