extension IDTable {
    /// Encodes `ids` (index = position) as an ID table section (layout on `IDTable`), with
    /// `slotCount` hash slots (default: 1.25 × the IDs + 1, a load of about 0.8).
    /// - Throws: `DataError.invalid` for a duplicate ID (byte for byte) or IDs of 4 GiB or more in total.
    public static func encode(_ ids: some Collection<String>, slotCount: Int? = nil) throws(DataError) -> [UInt8] {
        let n = ids.count
        let m = slotCount ?? (n + n / 4 + 1)
        precondition(m >= n + 1, "IDTable.encode: \(m) slots for \(n) IDs")
        var offsets = [UInt32](repeating: 0, count: n + 1)
        var blob: [UInt8] = []
        for (i, id) in ids.enumerated() {
            blob.append(contentsOf: id.utf8)
            guard blob.count <= Int(UInt32.max) else { throw .invalid("the IDs take 4 GiB or more; the model file format cannot hold them") }
            offsets[i + 1] = UInt32(blob.count)
        }
        var slots = [UInt32](repeating: 0, count: m)
        let duplicate: (Int, Int)? = blob.withUnsafeBytes { b in
            for i in 0..<n {
                let key = UnsafeRawBufferPointer(rebasing: b[Int(offsets[i])..<Int(offsets[i + 1])])
                var s = home(hash(key), slots: m)
                while slots[s] != 0 {
                    let j = Int(slots[s]) - 1
                    if b[Int(offsets[j])..<Int(offsets[j + 1])].elementsEqual(key) { return (j, i) }
                    s = s + 1 == m ? 0 : s + 1
                }
                slots[s] = UInt32(i + 1)
            }
            return nil
        }
        if let (j, i) = duplicate {
            let id = String(decoding: blob[Int(offsets[i])..<Int(offsets[i + 1])], as: UTF8.self)
            throw .invalid("duplicate ID '\(id)' at indices \(j) and \(i)")
        }
        var out: [UInt8] = []
        if let (prefix, numbers) = numericForm(blob: blob, offsets: offsets) {
            let width = PackedInts.width(forMax: numbers.max() ?? 0)
            for v in [UInt64(n), UInt64(m), UInt64(prefix), 0x100 | UInt64(width)] { out.appendLittleEndian(v) }
            PackedInts.append(numbers, width: width, to: &out)
            PackedInts.append(slots.lazy.map { UInt64($0) }, width: PackedInts.width(forMax: UInt64(n)), to: &out)
            out += blob[0..<prefix]
            return out
        }
        let lengths = (0..<n).map { Int(offsets[$0 + 1] - offsets[$0]) }
        let lengthWidth = PackedOffsets.lengthWidth(lengths)
        for v in [UInt64(n), UInt64(m), UInt64(blob.count), UInt64(lengthWidth)] { out.appendLittleEndian(v) }
        PackedOffsets.append(lengths: lengths, lengthWidth: lengthWidth, total: blob.count, to: &out)
        PackedInts.append(slots.lazy.map { UInt64($0) }, width: PackedInts.width(forMax: UInt64(n)), to: &out)
        out += blob
        return out
    }

    /// When every ID is one common prefix followed by a canonical decimal number: the prefix's
    /// byte count and the numbers. Else nil.
    static func numericForm(blob: [UInt8], offsets: [UInt32]) -> (prefix: Int, numbers: [UInt64])? {
        let n = offsets.count - 1
        guard n > 0 else { return nil }
        var prefix = Int(offsets[1])
        for i in 1..<n {
            let lo = Int(offsets[i])
            var k = 0
            while k < prefix, lo + k < Int(offsets[i + 1]), blob[k] == blob[lo + k] { k += 1 }
            prefix = k
        }
        while prefix > 0, blob[prefix - 1] >= UInt8(ascii: "0"), blob[prefix - 1] <= UInt8(ascii: "9") { prefix -= 1 }
        var numbers: [UInt64] = []
        numbers.reserveCapacity(n)
        return blob.withUnsafeBytes { b -> (Int, [UInt64])? in
            for i in 0..<n {
                let lo = Int(offsets[i]) + prefix, hi = Int(offsets[i + 1])
                guard lo < hi, let v = decimal(UnsafeRawBufferPointer(rebasing: b[lo..<hi])) else { return nil }
                numbers.append(v)
            }
            return (prefix, numbers)
        }
    }
}
