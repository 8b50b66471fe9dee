import CZlib

/// Inflates a gzip stream (one or more concatenated members) from another source, chunk by chunk.
///
/// zlib is initialised with `windowBits = 15 + 32`, so it reads the gzip header itself
/// (and would also accept a zlib header).
final class GzipByteSource: ByteSource {
    private let input: any ByteSource
    private let name: String
    private var stream = z_stream()
    private let inputCapacity = 1 << 18
    private let inputBuffer: UnsafeMutablePointer<UInt8>
    private var atMemberEnd = false
    private var finished = false

    init(input: any ByteSource, name: String) throws {
        self.input = input
        self.name = name
        inputBuffer = .allocate(capacity: inputCapacity)
        let rc = inflateInit2_(&stream, 15 + 32, zlibVersion(), Int32(MemoryLayout<z_stream>.size))
        if rc != Z_OK {
            inputBuffer.deallocate()
            throw DataError.io(file: name, message: "zlib inflateInit2 failed (code \(rc))")
        }
    }

    deinit {
        inflateEnd(&stream)
        inputBuffer.deallocate()
    }

    func read(into buffer: UnsafeMutablePointer<UInt8>, count: Int) throws -> Int {
        stream.next_out = buffer
        stream.avail_out = UInt32(clamping: count)
        let requested = Int(stream.avail_out)
        while stream.avail_out > 0 && !finished {
            if stream.avail_in == 0 {
                let n = try input.read(into: inputBuffer, count: inputCapacity)
                if n == 0 {
                    if atMemberEnd { finished = true; break }
                    throw DataError.io(file: name, message: "truncated gzip stream (ended before the end of compressed data)")
                }
                stream.next_in = inputBuffer
                stream.avail_in = UInt32(n)
            }
            if atMemberEnd {
                // More bytes after a complete member: another gzip member follows.
                inflateReset(&stream)
                atMemberEnd = false
            }
            let rc = inflate(&stream, Z_NO_FLUSH)
            switch rc {
            case Z_STREAM_END:
                atMemberEnd = true
            case Z_OK, Z_BUF_ERROR:
                continue
            default:
                let detail = stream.msg.map { String(cString: $0) } ?? "code \(rc)"
                throw DataError.io(file: name, message: "corrupt gzip data: \(detail)")
            }
        }
        return requested - Int(stream.avail_out)
    }
}
