import CZlib

/// On-disk form of the event log (`events.log`):
///
///     file   := magic "AFYEVT01" record*
///     record := u32le payload_length, u32le crc32(payload), payload
///     payload := u8 kind (1 event, 2 tombstone, 3 batch), then
///                event:     u64le seq, i64le timestamp, f32le weight, str user, str item, str event
///                tombstone: u64le seq, i64le timestamp, str user
///                batch:     u32le count, count × (the event fields above)
///
/// A `feedback_batch` is one batch record, so a crash leaves all of it or none of it (all or nothing).
///     str := u32le byte_count, UTF-8 bytes
enum LogFormat {
    static let magic: [UInt8] = Array("AFYEVT01".utf8)
    static let headerBytes = 8
    static let maxPayloadBytes = 128 << 20

    static func crc(_ bytes: UnsafeRawBufferPointer) -> UInt32 {
        guard let base = bytes.baseAddress, bytes.count > 0 else { return UInt32(crc32(0, nil, 0)) }
        return UInt32(crc32(0, base.assumingMemoryBound(to: Bytef.self), uInt(bytes.count)))
    }
}

extension LogRecord {
    /// Appends the framed records (header + payload) to `out`. With `asBatch`, several events become
    /// one batch record (one append, all or nothing); rewrites pass false and keep records separate.
    static func encode(_ records: [LogRecord], asBatch: Bool, into out: inout [UInt8]) {
        var payload: [UInt8] = []
        let events = records.compactMap { if case .event(let e) = $0 { return e } else { return nil } }
        if asBatch && records.count > 1 && events.count == records.count {
            payload.append(3)
            payload.appendLE(UInt32(events.count))
            for e in events { encodeEvent(e, into: &payload) }
            frame(payload, into: &out)
            return
        }
        for r in records {
            payload.removeAll(keepingCapacity: true)
            switch r {
            case .event(let e):
                payload.append(1)
                encodeEvent(e, into: &payload)
            case .tombstone(let seq, let user, let timestamp):
                payload.append(2)
                payload.appendLE(seq)
                payload.appendLE(UInt64(bitPattern: timestamp))
                payload.appendString(user)
            }
            frame(payload, into: &out)
        }
    }

    private static func encodeEvent(_ e: LoggedEvent, into payload: inout [UInt8]) {
        payload.appendLE(e.seq)
        payload.appendLE(UInt64(bitPattern: e.timestamp))
        payload.appendLE(e.weight.bitPattern)
        payload.appendString(e.user)
        payload.appendString(e.item)
        payload.appendString(e.event)
    }

    private static func frame(_ payload: [UInt8], into out: inout [UInt8]) {
        out.appendLE(UInt32(payload.count))
        out.appendLE(payload.withUnsafeBytes { LogFormat.crc($0) })
        out.append(contentsOf: payload)
    }

    /// Decodes a payload whose CRC has been checked; nil when its structure is invalid.
    static func decode(_ p: UnsafeRawBufferPointer) -> [LogRecord]? {
        var r = ByteReader(bytes: p)
        guard let kind = r.u8() else { return nil }
        switch kind {
        case 1:
            guard let e = decodeEvent(&r), r.atEnd else { return nil }
            return [.event(e)]
        case 2:
            guard let seq = r.u64(), let ts = r.u64(), let user = r.string(), r.atEnd else { return nil }
            return [.tombstone(seq: seq, user: user, timestamp: Int64(bitPattern: ts))]
        case 3:
            guard let n = r.u32(), n > 0 else { return nil }
            var out: [LogRecord] = []
            for _ in 0..<n {
                guard let e = decodeEvent(&r) else { return nil }
                out.append(.event(e))
            }
            return r.atEnd ? out : nil
        default:
            return nil
        }
    }

    private static func decodeEvent(_ r: inout ByteReader) -> LoggedEvent? {
        guard let seq = r.u64(), let ts = r.u64(), let w = r.u32(), let user = r.string(), let item = r.string(),
              let event = r.string() else { return nil }
        return LoggedEvent(seq: seq, NewEvent(user: user, item: item, event: event, weight: Float(bitPattern: w),
                                              timestamp: Int64(bitPattern: ts)))
    }
}

struct ByteReader {
    let bytes: UnsafeRawBufferPointer
    var offset = 0

    var atEnd: Bool { offset == bytes.count }

    mutating func u8() -> UInt8? {
        guard offset + 1 <= bytes.count else { return nil }
        defer { offset += 1 }
        return bytes[offset]
    }

    mutating func u32() -> UInt32? {
        guard offset + 4 <= bytes.count else { return nil }
        defer { offset += 4 }
        return UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt32.self))
    }

    mutating func u64() -> UInt64? {
        guard offset + 8 <= bytes.count else { return nil }
        defer { offset += 8 }
        return UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
    }

    mutating func string() -> String? {
        guard let n = u32().map(Int.init), offset + n <= bytes.count else { return nil }
        defer { offset += n }
        return String(validating: UnsafeRawBufferPointer(rebasing: bytes[offset..<offset + n]), as: UTF8.self)
    }
}

extension [UInt8] {
    mutating func appendLE<T: FixedWidthInteger>(_ v: T) {
        Swift.withUnsafeBytes(of: v.littleEndian) { append(contentsOf: $0) }
    }

    mutating func appendString(_ s: String) {
        let utf8 = Array(s.utf8)
        appendLE(UInt32(utf8.count))
        append(contentsOf: utf8)
    }
}
