extension ModelHistory {
    /// Encodes a CSR history (`rowPointers` users + 1, `columns` sorted per row, `values`) as the
    /// three section byte arrays described on `ModelHistory`.
    static func encode(rowPointers: [Int], columns: [Int32], values: [Float], items: Int) -> (offsets: [UInt8], items: [UInt8], weights: [UInt8]) {
        let nnz = columns.count
        var o: [UInt8] = [], it: [UInt8] = [], w: [UInt8] = []
        o.reserveCapacity(rowPointers.count * (wideOffsets(nnz: nnz) ? 8 : 4))
        for p in rowPointers {
            if wideOffsets(nnz: nnz) { o.appendLittleEndian(Int64(p)) } else { o.appendLittleEndian(UInt32(p)) }
        }
        it.reserveCapacity(nnz * (wideItems(items: items) ? 4 : 2))
        for c in columns {
            if wideItems(items: items) { it.appendLittleEndian(c) } else { it.appendLittleEndian(UInt16(c)) }
        }
        var codes: [UInt32: UInt8] = [:]
        var palette: [UInt32] = []
        for v in values where codes[v.bitPattern] == nil {
            if palette.count == 256 { palette.removeAll(); break }
            codes[v.bitPattern] = UInt8(palette.count)
            palette.append(v.bitPattern)
        }
        if !palette.isEmpty, 4 * palette.count + nnz < 4 * nnz {
            w.appendLittleEndian(UInt32(palette.count))
            for b in palette { w.appendLittleEndian(b) }
            w.reserveCapacity(w.count + nnz)
            for v in values { w.append(codes[v.bitPattern]!) }
        } else {
            w.appendLittleEndian(UInt32(0))
            for v in values { w.appendLittleEndian(v.bitPattern) }
        }
        return (o, it, w)
    }
}

extension Array where Element == UInt8 {
    mutating func appendLittleEndian<T: FixedWidthInteger>(_ v: T) {
        Swift.withUnsafeBytes(of: v.littleEndian) { append(contentsOf: $0) }
    }
}
