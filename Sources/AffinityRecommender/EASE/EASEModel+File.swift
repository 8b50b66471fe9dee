import AffinityData
import Foundation

/// Model files of kind `ease`: `ModelContainer` with magic "AFFNEASE", format version 1, a JSON
/// `EASEModelHeader`, and sections (docs/FORMATS.md):
///   0 B (items×items Float32 LE, row-major)
///   1 history offsets · 2 history items · 3 history weights (the same encoding as ALS, `ModelHistory`)
///   4 user IDs · 5 item IDs (`IDTable`)
extension EASEModel {
    public static let fileVersion: UInt32 = 1

    /// Writes the model to `path` (temp file + rename).
    public func save(to path: String) throws(RecommenderError) {
        try ModelFileIO.write(path: path, kind: .ease, version: Self.fileVersion, header: header,
                              sections: storage.sections, users: users, items: items)
    }

    /// Reads and verifies an EASE model file; B, history and ID maps are used in place.
    /// - Throws: `RecommenderError.modelFile` saying what is wrong (missing, another kind of
    ///   model — named —, truncated, corrupted, newer format) and what to do.
    public static func load(path: String) throws(RecommenderError) -> EASEModel {
        let container = try ModelFileIO.open(path: path, kind: .ease, version: fileVersion)
        let header: EASEModelHeader
        do { header = try JSONDecoder().decode(EASEModelHeader.self, from: container.header) } catch {
            throw .modelFile(path: path, message: "the header is not a valid EASE model header (\(error)); retrain the model")
        }
        let (u, i, n) = (header.users, header.items, header.nnz)
        guard header.kind == ModelKind.ease.rawValue, container.sectionCount == 6, u >= 0, i >= 0, n >= 0,
              u < Int(Int32.max), i < Int(Int32.max), i.multipliedReportingOverflow(by: 4 * i).overflow == false,
              container.section(0).count == i * i * 4 else {
            throw .modelFile(path: path, message: "section sizes do not match the header (kind \(header.kind), \(u) users, \(i) items, \(n) interactions); the file is corrupted")
        }
        let storage: EASEStorage
        do { storage = try EASEStorage(container: container, users: u, items: i, nnz: n) } catch {
            throw .modelFile(path: path, message: "the user history is inconsistent (\(error.message)); the file is corrupted")
        }
        let weights = storage.weights
        for k in 0..<(i * i) where !weights[k].isFinite {
            throw .modelFile(path: path, message: "B holds a non-finite weight at (\(k / i), \(k % i)); the file is corrupted — retrain")
        }
        let ids = try ModelFileIO.idMaps(container, users: u, items: i)
        return EASEModel(header: header, users: ids.users, items: ids.items, storage: storage)
    }
}
