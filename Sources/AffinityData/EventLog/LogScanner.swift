/// Reads the records of a log file image and classifies its end: clean, torn (a crash mid-write of
/// the final record, never acknowledged) or damaged in the middle (valid records follow a bad one).
struct LogScanner {
    struct Damage: Equatable {
        /// Byte offset of the first bad byte, and of the next valid record after it.
        var offset: Int
        var resume: Int
        var reason: String
    }

    var records: [LogRecord] = []
    /// One entry per valid framed record, in file order: its byte range and which `records` it holds.
    var frames: [(bytes: Range<Int>, records: Range<Int>)] = []
    /// Offset just after the last good record (where a torn tail starts).
    var goodEnd = 0
    var tornBytes = 0
    var damages: [Damage] = []

    /// Scans `bytes` (the whole file). With `skipDamage`, damaged regions are recorded and skipped;
    /// without it, scanning stops at the first damage.
    init(bytes: UnsafeRawBufferPointer, skipDamage: Bool) {
        var offset = LogFormat.headerBytes
        goodEnd = offset
        while offset < bytes.count {
            switch Self.record(at: offset, in: bytes) {
            case .some(let (decoded, end)):
                frames.append((offset..<end, records.count..<records.count + decoded.count))
                records += decoded
                offset = end
                goodEnd = end
            case .none:
                let reason = Self.describeBad(at: offset, in: bytes)
                guard let next = Self.nextValid(after: offset, in: bytes, lastSeq: records.last?.seq ?? 0) else {
                    tornBytes = bytes.count - offset
                    return
                }
                damages.append(Damage(offset: offset, resume: next, reason: reason))
                if !skipDamage { return }
                offset = next
            }
        }
    }

    /// The valid record at `offset` and the offset after it.
    static func record(at offset: Int, in bytes: UnsafeRawBufferPointer) -> ([LogRecord], Int)? {
        guard offset + 8 <= bytes.count else { return nil }
        let length = Int(UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt32.self)))
        let crc = UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: offset + 4, as: UInt32.self))
        guard length > 0, length <= LogFormat.maxPayloadBytes, offset + 8 + length <= bytes.count else { return nil }
        let payload = UnsafeRawBufferPointer(rebasing: bytes[(offset + 8)..<(offset + 8 + length)])
        guard LogFormat.crc(payload) == crc, let records = LogRecord.decode(payload), !records.isEmpty else { return nil }
        return (records, offset + 8 + length)
    }

    /// The first offset after `offset` holding a valid record with a later sequence number, if any.
    /// Its existence means the bad bytes are not a torn tail: acknowledged events follow them.
    static func nextValid(after offset: Int, in bytes: UnsafeRawBufferPointer, lastSeq: UInt64) -> Int? {
        var o = offset + 1
        while o + 8 <= bytes.count {
            if let (records, _) = record(at: o, in: bytes), records[0].seq > lastSeq { return o }
            o += 1
        }
        return nil
    }

    static func describeBad(at offset: Int, in bytes: UnsafeRawBufferPointer) -> String {
        guard offset + 8 <= bytes.count else { return "incomplete record header" }
        let length = Int(UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt32.self)))
        if length == 0 || length > LogFormat.maxPayloadBytes { return "record length \(length) is out of range" }
        if offset + 8 + length > bytes.count { return "record length \(length) runs past the end of the file" }
        return "record fails its CRC check or does not decode"
    }
}
