import Foundation

/// A 2-D little-endian float32 matrix read from a NumPy `.npy` file (format 1.0 or 2.0, C order),
/// as `affinity export`, numpy's `np.save` of a float32 array, and the Spark job write it.
struct NPYMatrix {
    let rows: Int
    let cols: Int
    /// rows × cols values, row-major.
    let values: [Float]

    /// Reads `path`. Anything but a 2-D `'<f4'` C-order array with exactly rows·cols·4 data
    /// bytes is refused, naming what was found.
    /// - Throws: `RecommenderError.modelFile` naming the file and the problem.
    static func read(path: String) throws(RecommenderError) -> NPYMatrix {
        func bad(_ message: String) -> RecommenderError { .modelFile(path: path, message: message) }
        let bytes: [UInt8]
        do { bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path))) } catch {
            throw bad("cannot read: \(error.localizedDescription)")
        }
        guard bytes.count >= 10, bytes[0] == 0x93, Array(bytes[1..<6]) == Array("NUMPY".utf8) else {
            throw bad("not a NumPy .npy file (no \\x93NUMPY magic)")
        }
        let major = bytes[6]
        let lengthBytes: Int
        switch major {
        case 1: lengthBytes = 2
        case 2: lengthBytes = 4
        default: throw bad("NPY format version \(major).\(bytes[7]); expected 1.0 or 2.0 (np.save writes these)")
        }
        guard bytes.count >= 8 + lengthBytes else { throw bad("truncated NPY header") }
        let headerLength = (0..<lengthBytes).reduce(0) { $0 | Int(bytes[8 + $1]) << (8 * $1) }
        let dataStart = 8 + lengthBytes + headerLength
        guard bytes.count >= dataStart else { throw bad("truncated NPY header (\(headerLength) bytes announced)") }
        let header = String(decoding: bytes[(8 + lengthBytes)..<dataStart], as: UTF8.self)
        let (descr, fortran, shape) = try parse(header, path: path)
        guard descr == "<f4" else {
            throw bad("dtype '\(descr)'; expected little-endian float32 '<f4' (convert with .astype('<f4'))")
        }
        guard !fortran else { throw bad("Fortran (column-major) order; expected C order (save np.ascontiguousarray(a))") }
        guard shape.count == 2 else {
            throw bad("shape (\(shape.map(String.init).joined(separator: ", "))); expected a 2-D array (rows, factors)")
        }
        let (rows, cols) = (shape[0], shape[1])
        let expected = rows * cols * 4, found = bytes.count - dataStart
        guard found == expected else {
            throw bad("\(found) data bytes; a \(rows)×\(cols) float32 array needs \(expected)")
        }
        var values = [Float](repeating: 0, count: rows * cols)
        values.withUnsafeMutableBytes { out in
            bytes.withUnsafeBytes { out.copyMemory(from: UnsafeRawBufferPointer(rebasing: $0[dataStart...])) }
        }
        for i in values.indices { values[i] = Float(bitPattern: UInt32(littleEndian: values[i].bitPattern)) }
        return NPYMatrix(rows: rows, cols: cols, values: values)
    }

    /// The `descr`, `fortran_order` and `shape` entries of an NPY header dict literal.
    private static func parse(_ header: String, path: String) throws(RecommenderError) -> (String, Bool, [Int]) {
        func value(_ key: String) -> Substring? {
            guard let k = header.range(of: "'\(key)':") else { return nil }
            return header[k.upperBound...].drop { $0 == " " }
        }
        guard let d = value("descr"), let quote = d.first, quote == "'" || quote == "\"",
              let end = d.dropFirst().firstIndex(of: quote),
              let f = value("fortran_order"), let s = value("shape"), s.first == "(", let close = s.firstIndex(of: ")") else {
            throw .modelFile(path: path, message: "unreadable NPY header \(header.trimmingCharacters(in: .whitespacesAndNewlines))")
        }
        let dims = s[s.index(after: s.startIndex)..<close].split(separator: ",")
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        let shape = dims.compactMap { Int($0) }
        guard shape.count == dims.count, shape.allSatisfy({ $0 >= 0 }) else {
            throw .modelFile(path: path, message: "unreadable NPY shape (\(dims.joined(separator: ", ")))")
        }
        return (String(d[d.index(after: d.startIndex)..<end]), f.hasPrefix("True"), shape)
    }
}
