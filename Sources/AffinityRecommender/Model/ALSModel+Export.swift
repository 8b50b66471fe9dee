import AffinityData
import Foundation

/// One file of an export: a header (the NPY header, or the whole text of an ID list) and a body
/// written after it (raw little-endian float32 data, or empty).
typealias ExportFile = (name: String, head: [UInt8], body: UnsafeRawBufferPointer)

extension ALSModel {
    /// Writes the factors and IDs for numpy / `implicit` users into `directory` (created when
    /// missing): `user_factors.npy` (users×f), `item_factors.npy` (items×f) as little-endian
    /// float32 NPY v1.0, and `user_ids.txt` / `item_ids.txt` with one external ID per line in
    /// row order. Each file is written with `AtomicFile`; existing files are replaced. Returns
    /// the paths written.
    /// - Throws: `RecommenderError.modelFile` naming the directory or file and the reason (e.g.
    ///   `directory` exists and is not a directory).
    @discardableResult
    public func export(to directory: String) throws(RecommenderError) -> [String] {
        let f = factors
        let files: [ExportFile] = [
            Self.npyFile("user_factors.npy", storage.userFactors, rows: header.users, cols: f),
            Self.npyFile("item_factors.npy", storage.itemFactors, rows: header.items, cols: f),
            Self.idFile("user_ids.txt", users),
            Self.idFile("item_ids.txt", items),
        ]
        return try Self.write(files, to: directory)
    }

    /// Creates `directory` and writes each file into it with `AtomicFile`; returns the paths
    /// written. Shared by every model kind's export.
    static func write(_ files: [ExportFile], to directory: String) throws(RecommenderError) -> [String] {
        do { try AtomicFile.makeDirectory(directory) } catch { throw .modelFile(path: directory, error) }
        var written: [String] = []
        for file in files {
            let path = (directory as NSString).appendingPathComponent(file.name)
            do {
                try AtomicFile.write(to: path) { (out) throws(DataError) in
                    try out.write(file.head)
                    try out.write(file.body)
                }
            } catch {
                throw .modelFile(path: path, error)
            }
            written.append(path)
        }
        return written
    }

    /// A rows×cols float32 matrix as an NPY file, written from `data` in place.
    static func npyFile(_ name: String, _ data: UnsafePointer<Float>, rows: Int, cols: Int) -> ExportFile {
        (name, npyHeader(rows: rows, cols: cols),
         UnsafeRawBufferPointer(start: data, count: rows * cols * MemoryLayout<Float>.size))
    }

    /// External IDs, one per line in row order.
    static func idFile(_ name: String, _ ids: IDMap) -> ExportFile {
        (name, Array((ids.ids.joined(separator: "\n") + "\n").utf8), UnsafeRawBufferPointer(start: nil, count: 0))
    }

    /// NPY v1.0 header: magic, header length, a Python dict literal padded to a 64-byte
    /// boundary. The little-endian float32 data follows it.
    static func npyHeader(rows: Int, cols: Int) -> [UInt8] {
        var dict = "{'descr': '<f4', 'fortran_order': False, 'shape': (\(rows), \(cols)), }"
        let unpadded = 10 + dict.utf8.count + 1
        dict += String(repeating: " ", count: (64 - unpadded % 64) % 64) + "\n"
        let length = UInt16(dict.utf8.count)
        return [0x93] + Array("NUMPY".utf8) + [1, 0, UInt8(length & 0xff), UInt8(length >> 8)] + Array(dict.utf8)
    }
}
