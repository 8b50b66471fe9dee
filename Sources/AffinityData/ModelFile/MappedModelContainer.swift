import CZlib
public import Foundation

/// A model container read into private memory, verified, with its sections usable in place.
///
/// The file is read (not mapped) into one anonymous, page-aligned mapping that is then made
/// read-only: a loaded model owns its bytes, so replacing, rewriting or truncating the file on
/// disk (`cp new old`, an in-place write) never affects it — with a file mapping, pages beyond
/// a truncated end would fault (SIGBUS). The memory is the same as a fully touched file mapping.
///
/// `@unchecked Sendable` is safe: the memory is `PROT_READ` after `init`, never written again,
/// and unmapped only in `deinit`, when no reference remains. Every pointer handed out points
/// into that immutable memory.
public final class MappedModelContainer: @unchecked Sendable {
    public let path: String
    public let version: UInt32
    /// The JSON header's bytes (copied out of the mapping).
    public let header: Data
    private let base: UnsafeRawPointer
    private let length: Int
    private let sections: [(offset: Int, count: Int)]

    /// Reads and verifies `path`: magic, version ≤ `supportedVersion`, section bounds, end
    /// marker and CRC-32 over the whole file. Cost O(file size) for the checksum.
    /// - Throws: `DataError.io` with what is wrong and what to do.
    public init(path: String, magic: [UInt8], supportedVersion: UInt32) throws(DataError) {
        self.path = path
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw .io(file: path, message: "cannot open model file: \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else { throw .io(file: path, message: "cannot stat model file") }
        let length = Int(st.st_size)
        guard length >= 32 else {
            throw .io(file: path, message: "truncated model file (\(length) bytes); it is not a complete Affinity model — retrain or copy it again")
        }
        guard let mapped = mmap(nil, length, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0), mapped != MAP_FAILED else {
            throw .io(file: path, message: "cannot allocate \(length) bytes for the model: \(String(cString: strerror(errno)))")
        }
        let base = UnsafeRawPointer(mapped)
        func fail(_ message: String) -> DataError {
            munmap(mapped, length)
            return .io(file: path, message: message)
        }
        var done = 0
        while done < length {
            let n = pread(fd, mapped + done, min(length - done, 1 << 30), off_t(done))
            if n < 0, errno == EINTR { continue }
            guard n > 0 else {
                throw fail(n == 0 ? "truncated model file (it shrank to \(done) bytes while being read); retrain or copy it again"
                                  : "cannot read model file: \(String(cString: strerror(errno)))")
            }
            done += n
        }
        mprotect(mapped, length, PROT_READ)
        func u32(_ at: Int) -> UInt32 { UInt32(littleEndian: base.loadUnaligned(fromByteOffset: at, as: UInt32.self)) }
        func u64(_ at: Int) -> Int { Int(truncatingIfNeeded: UInt64(littleEndian: base.loadUnaligned(fromByteOffset: at, as: UInt64.self))) }
        guard Array(UnsafeRawBufferPointer(start: base, count: 8)) == magic else {
            throw fail("not an Affinity model file of this kind (bad magic bytes)")
        }
        let version = u32(8)
        if version > supportedVersion, version.byteSwapped >= 1, version.byteSwapped <= supportedVersion {
            throw fail("model file written in the other byte order (big-endian; format version \(version.byteSwapped)); Affinity model files are little-endian — retrain or convert it on this machine")
        }
        guard version >= 1 else {
            throw fail("model format version 0 is not a valid Affinity format (versions start at 1); the file is damaged — retrain or copy it again")
        }
        guard version <= supportedVersion else {
            throw fail("model format version \(version) is newer than this build supports (\(supportedVersion)); upgrade affinity or retrain with this version")
        }
        guard Array(UnsafeRawBufferPointer(start: base + length - 4, count: 4)) == ModelContainer.endMarker else {
            throw fail("truncated or damaged model file (end marker missing; \(length) bytes); retrain or copy it again")
        }
        let headerCount = Int(u32(12)), sectionCount = u64(16)
        guard sectionCount >= 0, sectionCount < 1024, 24 + 16 * sectionCount + headerCount <= length - 8 else {
            throw fail("corrupted model file: header sizes exceed the file; retrain or copy it again")
        }
        var sections: [(Int, Int)] = []
        for s in 0..<sectionCount {
            let offset = u64(24 + 16 * s), count = u64(32 + 16 * s)
            guard offset >= 0, count >= 0, offset <= length - 8, count <= length - 8 - offset else {
                throw fail("truncated or corrupted model file: section \(s) runs past the end; retrain or copy it again")
            }
            sections.append((offset, count))
        }
        var crc = crc32(0, nil, 0)
        done = 0
        while done < length - 8 {
            let n = min(length - 8 - done, 1 << 30)
            crc = crc32(crc, (base + done).assumingMemoryBound(to: Bytef.self), uInt(n))
            done += n
        }
        guard UInt32(crc) == u32(length - 8) else {
            throw fail("corrupted model file: checksum mismatch (stored \(u32(length - 8)), computed \(UInt32(crc))); retrain or copy it again")
        }
        self.version = version
        self.header = Data(bytes: base + 24 + 16 * sectionCount, count: headerCount)
        self.base = base
        self.length = length
        self.sections = sections
    }

    public var sectionCount: Int { sections.count }

    /// Section `i` in place (valid while this container is alive).
    public func section(_ i: Int) -> UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(start: base + sections[i].offset, count: sections[i].count)
    }

    deinit { munmap(UnsafeMutableRawPointer(mutating: base), length) }
}
