import AffinityData
import Foundation

extension EASEModel {
    /// Writes B and the IDs for numpy into `directory`: `b.npy` (items×items little-endian float32
    /// NPY v1.0, row i = the weights item i gives every item), `item_ids.txt` and `user_ids.txt`
    /// (one external ID per line in row order), each with `AtomicFile`.
    @discardableResult
    public func export(to directory: String) throws(RecommenderError) -> [String] {
        let files: [ExportFile] = [
            ALSModel.npyFile("b.npy", storage.weights, rows: header.items, cols: header.items),
            ALSModel.idFile("user_ids.txt", users),
            ALSModel.idFile("item_ids.txt", items),
        ]
        return try ALSModel.write(files, to: directory)
    }
}
