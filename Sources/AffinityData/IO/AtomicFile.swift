#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The one way Affinity writes an output file (models, CSVs, plots, exports).
///
/// **Guarantee.** When `write` returns, `path` holds exactly the bytes written and they survive
/// a crash or power loss; until then `path` keeps its old contents (or stays absent). A reader
/// never sees a partial file. The steps:
/// 1. create a temporary file `.NAME.tmp-XXXXXX` in the same directory as `path` (so the
///    rename below stays on one file system), mode 0644;
/// 2. write the bytes and `fsync` the file;
/// 3. `rename(2)` it over `path` (atomic: the old file or the new one, never a mix);
/// 4. `fsync` the directory, so the rename itself is on disk.
///
/// On any failure the temporary file is removed, `path` is left as it was, and the error is a
/// `DataError.io` whose message is a sentence naming `path` and the system's reason.
public enum AtomicFile {
    /// Writes `bytes` to `path` (see the type's guarantee).
    public static func write(_ bytes: [UInt8], to path: String) throws(DataError) {
        try write(to: path) { (file) throws(DataError) in try file.write(bytes) }
    }

    /// Writes the UTF-8 of `text` to `path` (see the type's guarantee).
    public static func write(_ text: String, to path: String) throws(DataError) {
        try write(Array(text.utf8), to: path)
    }

    /// Writes the bytes at `raw` to `path` (see the type's guarantee).
    public static func write(_ raw: UnsafeRawBufferPointer, to path: String) throws(DataError) {
        try write(to: path) { (file) throws(DataError) in try file.write(raw) }
    }

    /// Streams a file: `body` writes through the `Writer` it is given, then the file is
    /// committed (see the type's guarantee). An error thrown by `body` removes the temporary
    /// file, leaves `path` untouched and is rethrown as is.
    public static func write(to path: String, _ body: (Writer) throws(DataError) -> Void) throws(DataError) {
        let file = try Writer(creatingBeside: path)
        do throws(DataError) {
            try body(file)
            try file.commit()
        } catch {
            file.discard()
            throw error
        }
    }

    /// Creates `path` and its parents when missing. Throws `DataError.io` naming the path when
    /// a part of it exists and is not a directory or cannot be created.
    public static func makeDirectory(_ path: String) throws(DataError) {
        var prefix = path.hasPrefix("/") ? "/" : ""
        for part in path.split(separator: "/") {
            prefix += part
            if mkdir(prefix, 0o755) != 0 {
                let code = errno
                var info = stat()
                if code == EEXIST, stat(prefix, &info) == 0, info.st_mode & S_IFMT == S_IFDIR {
                    prefix += "/"
                    continue
                }
                let reason = code == EEXIST ? "it exists and is not a directory" : reasonText(code)
                throw .io(file: prefix, message: "cannot create the directory: \(reason)")
            }
            prefix += "/"
        }
    }

    /// fsyncs the directory holding `path`, so a rename or a new file there is on disk. A file system
    /// that cannot sync directories (EINVAL) counts as done.
    public static func syncDirectory(of path: String) throws(DataError) {
        let slash = path.lastIndex(of: "/")
        let directory = slash.map { $0 == path.startIndex ? "/" : String(path[..<$0]) } ?? "."
        let dfd = open(directory, O_RDONLY)
        defer { if dfd >= 0 { close(dfd) } }
        if dfd < 0 || (fsync(dfd) != 0 && errno != EINVAL) {
            throw .io(file: path, message: "cannot flush the directory \(directory) to disk (fsync): \(reasonText(errno))")
        }
    }

    static func reasonText(_ code: Int32) -> String { String(cString: strerror(code)).lowercased() }
}
