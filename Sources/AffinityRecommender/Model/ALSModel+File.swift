import AffinityData
import Foundation

/// Model files: `ModelContainer` with magic "AFFNALS\0", a JSON `ALSModelHeader`, and sections
///   0 user factors (users×f Float32 LE) · 1 item factors (items×f Float32 LE)
///   2 history offsets (users+1 Int64 LE) · 3 history items (nnz Int32 LE) · 4 history weights (nnz Float32 LE)
///   5 user IDs · 6 item IDs (each: u32le byte count + UTF-8 bytes, in index order)
extension ALSModel {
    public static let fileMagic: [UInt8] = Array("AFFNALS".utf8) + [0]
    public static let fileVersion: UInt32 = 1

    /// Writes the model to `path` (temp file + rename). Refuses to write non-finite factors.
    public func save(to path: String) throws(RecommenderError) {
        let f = factors
        for (side, base, rows, ids) in [("user", storage.userFactors, header.users, users),
                                        ("item", storage.itemFactors, header.items, items)] {
            for k in 0..<(rows * f) where !base[k].isFinite {
                throw .nonFinite(what: "the factors of \(side) '\(ids[Int32(k / f)])'", fix: "the model was not saved; retrain with a higher --regularization")
            }
        }
        let headerData: Data
        do { headerData = try JSONEncoder().encode(header) } catch {
            throw .modelFile(path: path, message: "cannot encode the header: \(error)")
        }
        let userIDs = Self.encodeIDs(users), itemIDs = Self.encodeIDs(items)
        let n = header.nnz
        func raw<T>(_ p: UnsafePointer<T>, _ count: Int) -> UnsafeRawBufferPointer {
            UnsafeRawBufferPointer(start: p, count: count * MemoryLayout<T>.stride)
        }
        var failure: DataError?
        userIDs.withUnsafeBytes { u in
            itemIDs.withUnsafeBytes { i in
                do {
                    try ModelContainer.write(path: path, magic: Self.fileMagic, version: Self.fileVersion, header: headerData, sections: [
                        raw(storage.userFactors, header.users * f), raw(storage.itemFactors, header.items * f),
                        raw(storage.historyOffsets, header.users + 1), raw(storage.historyItems, n),
                        raw(storage.historyWeights, n), u, i,
                    ])
                } catch let e as DataError { failure = e } catch { failure = .invalid("\(error)") }
            }
        }
        if let failure {
            let text = failure.description
            throw .modelFile(path: path, message: text.hasPrefix(path + ": ") ? String(text.dropFirst(path.count + 2)) : text)
        }
    }

    /// Memory-maps and verifies a model file; factors and history are used in place.
    /// - Throws: `RecommenderError.modelFile` saying what is wrong (missing, not a model,
    ///   truncated, corrupted, newer format) and what to do.
    public static func load(path: String) throws(RecommenderError) -> ALSModel {
        #if _endian(big)
        throw .modelFile(path: path, message: "model files are little-endian; this machine is big-endian")
        #else
        let container: MappedModelContainer
        do {
            container = try MappedModelContainer(path: path, magic: fileMagic, supportedVersion: fileVersion)
        } catch {
            throw .modelFile(path: path, message: error.description.hasPrefix(path + ": ") ? String(error.description.dropFirst(path.count + 2)) : error.description)
        }
        let header: ALSModelHeader
        do { header = try JSONDecoder().decode(ALSModelHeader.self, from: container.header) } catch {
            throw .modelFile(path: path, message: "the header is not a valid ALS model header (\(error)); retrain the model")
        }
        let (u, i, f, n) = (header.users, header.items, header.factors, header.nnz)
        let expected = [u * f * 4, i * f * 4, (u + 1) * 8, n * 4, n * 4]
        guard container.sectionCount == 7, u >= 0, i >= 0, f > 0, n >= 0,
              (0..<5).allSatisfy({ container.section($0).count == expected[$0] }) else {
            throw .modelFile(path: path, message: "section sizes do not match the header (\(u) users, \(i) items, \(f) factors, \(n) interactions); the file is corrupted")
        }
        guard let userIDs = decodeIDs(container.section(5), count: u), let itemIDs = decodeIDs(container.section(6), count: i),
              Set(userIDs).count == u, Set(itemIDs).count == i else {
            throw .modelFile(path: path, message: "the ID maps are damaged; the file is corrupted")
        }
        let storage = ModelStorage(container: container, users: u, items: i, factors: f, nnz: n)
        guard storage.historyOffsets[0] == 0, storage.historyOffsets[u] == Int64(n),
              (0..<n).allSatisfy({ storage.historyItems[$0] >= 0 && Int(storage.historyItems[$0]) < i }) else {
            throw .modelFile(path: path, message: "the user history is inconsistent; the file is corrupted")
        }
        return ALSModel(header: header, users: IDMap(ids: userIDs), items: IDMap(ids: itemIDs), storage: storage)
        #endif
    }

    static func encodeIDs(_ map: IDMap) -> [UInt8] {
        var out: [UInt8] = []
        for id in map.ids {
            let bytes = Array(id.utf8)
            withUnsafeBytes(of: UInt32(bytes.count).littleEndian) { out.append(contentsOf: $0) }
            out += bytes
        }
        return out
    }

    static func decodeIDs(_ raw: UnsafeRawBufferPointer, count: Int) -> [String]? {
        var ids: [String] = []
        ids.reserveCapacity(count)
        var at = 0
        while at < raw.count {
            guard at + 4 <= raw.count else { return nil }
            let n = Int(UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: at, as: UInt32.self)))
            at += 4
            guard n <= raw.count - at else { return nil }
            ids.append(String(decoding: UnsafeRawBufferPointer(rebasing: raw[at..<(at + n)]), as: UTF8.self))
            at += n
        }
        return ids.count == count ? ids : nil
    }
}
