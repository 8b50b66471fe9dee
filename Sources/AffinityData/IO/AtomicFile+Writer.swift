#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension AtomicFile {
    /// The temporary file behind one `AtomicFile.write(to:_:)`: append bytes with `write`.
    /// Only `AtomicFile` creates, commits or discards it.
    public final class Writer {
        /// The file being written (the final path, not the temporary one).
        public let path: String
        let temporary: String
        var fd: Int32

        init(creatingBeside path: String) throws(DataError) {
            self.path = path
            let slash = path.lastIndex(of: "/")
            let directory = slash.map { String(path[...$0]) } ?? ""
            let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
            var template = Array("\(directory).\(name).tmp-XXXXXX".utf8CString)
            fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
            guard fd >= 0 else {
                throw .io(file: path, message: "cannot create a temporary file beside it: \(AtomicFile.reasonText(errno))")
            }
            temporary = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
            fchmod(fd, 0o644)
        }

        /// Appends `raw` to the file.
        public func write(_ raw: UnsafeRawBufferPointer) throws(DataError) {
            guard let base = raw.baseAddress else { return }
            var done = 0
            while done < raw.count {
                let n = systemWrite(fd, base + done, raw.count - done)
                if n < 0 {
                    if errno == EINTR { continue }
                    throw .io(file: path, message: "cannot write the file: \(AtomicFile.reasonText(errno))")
                }
                done += n
            }
        }

        /// Appends `bytes` to the file.
        public func write(_ bytes: [UInt8]) throws(DataError) {
            var failure: DataError?
            bytes.withUnsafeBytes { raw in  // `withUnsafeBytes` rethrows untyped: carry the error out
                do throws(DataError) { try write(raw) } catch { failure = error }
            }
            if let failure { throw failure }
        }

        /// Appends the UTF-8 of `text` to the file.
        public func write(_ text: String) throws(DataError) { try write(Array(text.utf8)) }

        /// fsync, close, rename over `path`, fsync the directory.
        func commit() throws(DataError) {
            if fsync(fd) != 0 { throw .io(file: path, message: "cannot flush the file to disk (fsync): \(AtomicFile.reasonText(errno))") }
            let closed = close(fd)
            fd = -1
            if closed != 0 { throw .io(file: path, message: "cannot close the file: \(AtomicFile.reasonText(errno))") }
            if rename(temporary, path) != 0 {
                throw .io(file: path, message: "cannot replace the file (rename from \(temporary)): \(AtomicFile.reasonText(errno))")
            }
            try AtomicFile.syncDirectory(of: path)
        }

        /// Closes and removes the temporary file (after a failure).
        func discard() {
            if fd >= 0 { close(fd); fd = -1 }
            unlink(temporary)
        }
    }
}
