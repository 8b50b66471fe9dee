import AffinityData
import Foundation

extension ALSModel {
    /// Writes the factors and IDs for numpy / `implicit` users into `directory`:
    /// `user_factors.npy` (users×f), `item_factors.npy` (items×f) as little-endian float32
    /// NPY v1.0, and `user_ids.txt` / `item_ids.txt` with one external ID per line in row
    /// order. Each file is written to a temp file and renamed. Returns the paths written.
    @discardableResult
    public func export(to directory: String) throws(RecommenderError) -> [String] {
        let f = factors
        let files: [(String, Data)] = [
            ("user_factors.npy", Self.npy(storage.userFactors, rows: header.users, cols: f)),
            ("item_factors.npy", Self.npy(storage.itemFactors, rows: header.items, cols: f)),
            ("user_ids.txt", Data((users.ids.joined(separator: "\n") + "\n").utf8)),
            ("item_ids.txt", Data((items.ids.joined(separator: "\n") + "\n").utf8)),
        ]
        return try Self.write(files, to: directory)
    }

    /// Creates `directory` and writes each (name, bytes) file into it (temp file + rename);
    /// returns the paths written. Shared by every model kind's export.
    static func write(_ files: [(String, Data)], to directory: String) throws(RecommenderError) -> [String] {
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw .modelFile(path: directory, message: "cannot create the export directory: \(error)")
        }
        var written: [String] = []
        for (name, data) in files {
            let path = (directory as NSString).appendingPathComponent(name)
            let temporary = path + ".tmp-\(getpid())"
            do {
                try data.write(to: URL(fileURLWithPath: temporary))
                guard rename(temporary, path) == 0 else { throw CocoaError(.fileWriteUnknown) }
            } catch {
                unlink(temporary)
                throw .modelFile(path: path, message: "cannot write: \(error)")
            }
            written.append(path)
        }
        return written
    }

    /// NPY v1.0: magic, header length, a Python dict literal padded to a 64-byte boundary, data.
    static func npy(_ data: UnsafePointer<Float>, rows: Int, cols: Int) -> Data {
        var dict = "{'descr': '<f4', 'fortran_order': False, 'shape': (\(rows), \(cols)), }"
        let unpadded = 10 + dict.utf8.count + 1
        dict += String(repeating: " ", count: (64 - unpadded % 64) % 64) + "\n"
        var out = Data([0x93] + Array("NUMPY".utf8) + [1, 0])
        let length = UInt16(dict.utf8.count)
        out.append(contentsOf: [UInt8(length & 0xff), UInt8(length >> 8)])
        out.append(contentsOf: Array(dict.utf8))
        out.append(UnsafeBufferPointer(start: data, count: rows * cols))
        return out
    }
}
