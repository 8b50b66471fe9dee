import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What to do when records in the middle of the log are damaged (valid records follow bad bytes).
public enum LogRecovery: String, Sendable, CaseIterable {
    /// Refuse to open, with a message naming the offset. Nothing is dropped.
    case refuse
    /// Copy each damaged region to `events.log.quarantine-OFFSET`, keep every valid record, rewrite the log.
    case quarantine
}

extension FileEventLog {
    /// Opens (creating when absent) `directory/events.log`, reads every record, truncates a torn final
    /// record and, for damage in the middle, refuses or quarantines per `recovery`.
    public static func open(directory: String, policy: FsyncPolicy = .batch, batchWindowMicroseconds: Int = 1000,
                            recovery: LogRecovery = .refuse) throws(DataError) -> FileEventLog {
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw .io(file: directory, message: "cannot create the data directory: \(error.localizedDescription)")
        }
        let path = (directory as NSString).appendingPathComponent(fileName)
        var image = FileManager.default.contents(atPath: path) ?? Data()
        if image.isEmpty {
            image = Data(LogFormat.magic)
            try AtomicFile.write([UInt8](image), to: path)
        }
        guard image.count >= LogFormat.headerBytes, Array(image.prefix(LogFormat.headerBytes)) == LogFormat.magic else {
            throw .malformed(file: path, line: 0, column: nil,
                             message: "not an Affinity event log (expected magic \"AFYEVT01\" in the first 8 bytes)")
        }
        let scan = image.withUnsafeBytes { LogScanner(bytes: $0, skipDamage: recovery == .quarantine) }
        if let damage = scan.damages.first, recovery == .refuse {
            throw .invalid("""
                \(path): byte offset \(damage.offset): \(damage.reason), and valid records follow at offset \(damage.resume). \
                The log is damaged in the middle, not torn at its end; refusing to open it so that no acknowledged event \
                is dropped. Keep a copy of the file, then start with --recover quarantine to move the damaged bytes aside \
                and keep every valid record.
                """)
        }
        var report = EventLogOpenReport(records: scan.records.count, tornBytesTruncated: scan.tornBytes)
        var kept = scan
        if !scan.damages.isEmpty {
            for d in scan.damages {
                try AtomicFile.write([UInt8](image[d.offset..<d.resume]), to: path + ".quarantine-\(d.offset)")
            }
            var rewritten = LogFormat.magic
            LogRecord.encode(scan.records, asBatch: false, into: &rewritten)
            try AtomicFile.write(rewritten, to: path)
            kept = rewritten.withUnsafeBytes { LogScanner(bytes: $0, skipDamage: false) }
            report.tornBytesTruncated = 0
        }
        var contents = LogContents()
        for frame in kept.frames {
            contents.append(Array(kept.records[frame.records]), length: frame.bytes.count)
        }
        let fd = Foundation.open(path, O_WRONLY | O_APPEND | O_CLOEXEC)
        guard fd >= 0 else { throw .io(file: path, message: "cannot open for appending: \(String(cString: strerror(errno)))") }
        if scan.tornBytes > 0, scan.damages.isEmpty {
            guard ftruncate(fd, off_t(contents.size)) == 0, syncData(fd) == 0 else {
                closeFD(fd)
                throw .io(file: path, message: "cannot truncate the torn final record: \(String(cString: strerror(errno)))")
            }
        }
        return FileEventLog(path: path, fd: fd, contents: contents, policy: policy,
                            batchWindowMicroseconds: batchWindowMicroseconds, report: report)
    }
}
