import AffinityData
import Foundation

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
        do { try AtomicFile.makeDirectory(directory) } catch { throw .modelFile(path: directory, error) }
        let f = factors
        let files: [(name: String, head: [UInt8], body: UnsafeRawBufferPointer)] = [
            ("user_factors.npy", Self.npyHeader(rows: header.users, cols: f),
             UnsafeRawBufferPointer(start: storage.userFactors, count: header.users * f * MemoryLayout<Float>.size)),
            ("item_factors.npy", Self.npyHeader(rows: header.items, cols: f),
             UnsafeRawBufferPointer(start: storage.itemFactors, count: header.items * f * MemoryLayout<Float>.size)),
            ("user_ids.txt", Array((users.ids.joined(separator: "\n") + "\n").utf8), UnsafeRawBufferPointer(start: nil, count: 0)),
            ("item_ids.txt", Array((items.ids.joined(separator: "\n") + "\n").utf8), UnsafeRawBufferPointer(start: nil, count: 0)),
        ]
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
