import AffinityData

extension ModelHistory {
    /// Encodes a CSR history (`rowPointers` users + 1, `columns` sorted per row, `values`) as the
    /// three section byte arrays described on `ModelHistory`.
    static func encode(rowPointers: [Int], columns: [Int32], values: [Float], items: Int) -> (offsets: [UInt8], entries: [UInt8], weights: [UInt8]) {
        let nnz = columns.count
        var codes: [UInt32: UInt64] = [:]
        var palette: [UInt32] = []
        for v in values where codes[v.bitPattern] == nil {
            if palette.count == 256 { palette.removeAll(); break }
            codes[v.bitPattern] = UInt64(palette.count)
            palette.append(v.bitPattern)
        }
        let ib = itemBits(items: items)
        if palette.isEmpty || 4 * palette.count + (nnz * codeBits(palette: palette.count) + 7) / 8 >= 4 * nnz { palette = [] }
        var o: [UInt8] = [], e: [UInt8] = [], w: [UInt8] = []
        let lengths = (0..<(rowPointers.count - 1)).map { rowPointers[$0 + 1] - rowPointers[$0] }
        let lengthWidth = PackedOffsets.lengthWidth(lengths)
        o.appendLittleEndian(UInt64(lengthWidth))
        PackedOffsets.append(lengths: lengths, lengthWidth: lengthWidth, total: nnz, to: &o)
        let cb = codeBits(palette: palette.count)
        e.reserveCapacity(PackedInts.byteCount(count: nnz, width: ib + cb))
        PackedInts.append(columns.indices.lazy.map { k in
            UInt64(columns[k]) | (palette.isEmpty ? 0 : codes[values[k].bitPattern]! << UInt64(ib))
        }, width: ib + cb, to: &e)
        w.appendLittleEndian(UInt32(palette.count))
        if palette.isEmpty {
            w.reserveCapacity(4 + 4 * nnz)
            for v in values { w.appendLittleEndian(v.bitPattern) }
        } else {
            for b in palette { w.appendLittleEndian(b) }
        }
        return (o, e, w)
    }
}

extension Array where Element == UInt8 {
    mutating func appendLittleEndian<T: FixedWidthInteger>(_ v: T) {
        Swift.withUnsafeBytes(of: v.littleEndian) { append(contentsOf: $0) }
    }
}
