import AffinityData
import Foundation

/// What every recommender model file shares: the container, a JSON header, data sections, then
/// the user and item ID tables as the last two sections (docs/FORMATS.md).
enum ModelFileIO {
    /// Writes `header` as JSON, then `sections`, then the two ID tables, to `path` (temp file + rename).
    static func write(path: String, kind: ModelKind, version: UInt32, header: some Encodable,
                      sections: [UnsafeRawBufferPointer], users: IDMap, items: IDMap) throws(RecommenderError) {
        let headerData: Data
        do { headerData = try JSONEncoder().encode(header) } catch {
            throw .modelFile(path: path, message: "cannot encode the header: \(error)")
        }
        var failure: DataError?
        do {
            let userIDs = try IDTable.encode((0..<Int32(users.count)).lazy.map { users[$0] })
            let itemIDs = try IDTable.encode((0..<Int32(items.count)).lazy.map { items[$0] })
            userIDs.withUnsafeBytes { u in
                itemIDs.withUnsafeBytes { i in
                    do {
                        try ModelContainer.write(path: path, magic: kind.magic, version: version,
                                                 header: headerData, sections: sections + [u, i])
                    } catch let e as DataError { failure = e } catch { failure = .invalid("\(error)") }
                }
            }
        } catch { failure = error }
        if let failure { throw .modelFile(path: path, failure) }
    }

    /// Opens and verifies a container of `kind`; a file of another model kind gets an error naming it.
    /// Model files are little-endian and used in place, so a big-endian machine is refused here.
    static func open(path: String, kind: ModelKind, version: UInt32) throws(RecommenderError) -> MappedModelContainer {
        #if _endian(big)
        throw .modelFile(path: path, message: "model files are little-endian; this machine is big-endian")
        #else
        do {
            return try MappedModelContainer(path: path, magic: kind.magic, supportedVersion: version)
        } catch {
            throw ModelKind.mismatch(path: path, expected: kind) ?? .modelFile(path: path, error)
        }
        #endif
    }

    /// The ID maps in the last two sections, read in place.
    static func idMaps(_ container: MappedModelContainer, users: Int, items: Int) throws(RecommenderError) -> (users: IDMap, items: IDMap) {
        let s = container.sectionCount
        do {
            let userIDs = try IDTable(bytes: container.section(s - 2), expectedCount: users, owner: container)
            let itemIDs = try IDTable(bytes: container.section(s - 1), expectedCount: items, owner: container)
            return (IDMap(table: userIDs), IDMap(table: itemIDs))
        } catch {
            throw .modelFile(path: container.path, message: "the ID maps are damaged (\(error.description)); the file is corrupted")
        }
    }
}
