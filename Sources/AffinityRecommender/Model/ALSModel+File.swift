import AffinityData
import Foundation

/// Model files: `ModelContainer` with magic "AFFNALS\0", format version 3, a JSON `ALSModelHeader`,
/// and sections (docs/FORMATS.md):
///   0 user factors (users×f Float32 LE) · 1 item factors (items×f Float32 LE)
///   2 history offsets · 3 history items · 4 history weights (compact encoding, `ModelHistory`)
///   5 user IDs · 6 item IDs (`IDTable`: byte blob + offsets + hash table, read in place)
extension ALSModel {
    public static let fileMagic: [UInt8] = ModelKind.als.magic
    public static let fileVersion: UInt32 = 3

    /// Writes the model to `path` (temp file + rename). Refuses to write non-finite factors.
    public func save(to path: String) throws(RecommenderError) {
        let f = factors
        for (side, base, rows, ids) in [("user", storage.userFactors, header.users, users),
                                        ("item", storage.itemFactors, header.items, items)] {
            for k in 0..<(rows * f) where !base[k].isFinite {
                throw .nonFinite(what: "the factors of \(side) '\(ids[Int32(k / f)])'", fix: "the model was not saved; retrain with a higher --regularization")
            }
        }
        try ModelFileIO.write(path: path, kind: .als, version: Self.fileVersion, header: header,
                              sections: storage.sections, users: users, items: items)
    }

    /// Reads and verifies a model file; factors, history and ID maps are used in place.
    /// - Throws: `RecommenderError.modelFile` saying what is wrong (missing, not a model,
    ///   truncated, corrupted, older or newer format) and what to do.
    public static func load(path: String) throws(RecommenderError) -> ALSModel {
        let container = try ModelFileIO.open(path: path, kind: .als, version: fileVersion)
        guard container.version == fileVersion else {
            throw .modelFile(path: path, message: "model format version \(container.version) is no longer read by this build (version \(fileVersion) stores the history and ID maps compactly, read in place, and hashes IDs differently from version 2); retrain the model with this version")
        }
        let header: ALSModelHeader
        do { header = try JSONDecoder().decode(ALSModelHeader.self, from: container.header) } catch {
            throw .modelFile(path: path, message: "the header is not a valid ALS model header (\(error)); retrain the model")
        }
        let (u, i, f, n) = (header.users, header.items, header.factors, header.nnz)
        guard container.sectionCount == 7, u >= 0, i >= 0, f > 0, n >= 0, u < Int(Int32.max), i < Int(Int32.max),
              container.section(0).count == u * f * 4, container.section(1).count == i * f * 4 else {
            throw .modelFile(path: path, message: "section sizes do not match the header (\(u) users, \(i) items, \(f) factors, \(n) interactions); the file is corrupted")
        }
        let storage: ModelStorage
        do { storage = try ModelStorage(container: container, users: u, items: i, factors: f, nnz: n) } catch {
            throw .modelFile(path: path, message: "the user history is inconsistent (\(error.message)); the file is corrupted")
        }
        let ids = try ModelFileIO.idMaps(container, users: u, items: i)
        return ALSModel(header: header, users: ids.users, items: ids.items, storage: storage)
    }
}
