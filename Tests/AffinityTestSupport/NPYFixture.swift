public import Foundation

/// NPY files written by hand for tests of `affinity import` (no numpy needed).
public enum NPYFixture {
    /// An NPY file with the given header dict literal (format version `major`: 1 has a 2-byte
    /// header length, 2 a 4-byte one) and `values` as raw little-endian float32 data.
    public static func file(_ dict: String, _ values: [Float], major: UInt8 = 1) -> Data {
        var text = dict
        let lengthBytes = major == 1 ? 2 : 4
        text += String(repeating: " ", count: (64 - (8 + lengthBytes + text.utf8.count + 1) % 64) % 64) + "\n"
        var bytes: [UInt8] = [0x93] + Array("NUMPY".utf8) + [major, 0]
        bytes += (0..<lengthBytes).map { UInt8((text.utf8.count >> (8 * $0)) & 0xff) }
        bytes += Array(text.utf8)
        for v in values { withUnsafeBytes(of: v.bitPattern.littleEndian) { bytes += $0 } }
        return Data(bytes)
    }

    /// The header dict of a rows × cols matrix (`<f4`, C order unless `fortran` says otherwise).
    public static func shapeDict(_ rows: Int, _ cols: Int, descr: String = "<f4", fortran: String = "False") -> String {
        "{'descr': '\(descr)', 'fortran_order': \(fortran), 'shape': (\(rows), \(cols)), }"
    }

    /// A rows × cols float32 matrix (row-major `values`) as a version 1.0 NPY file.
    public static func matrix(rows: Int, cols: Int, _ values: [Float]) -> Data {
        file(shapeDict(rows, cols), values)
    }
}
