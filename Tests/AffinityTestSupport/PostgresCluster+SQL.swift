import Foundation

extension PostgresCluster {
    /// Runs `sql` with psql (an independent view of the store for the tests) and returns its unaligned output.
    public func psql(_ sql: String) throws -> String {
        let result = try CLIRunner(binary: URL(fileURLWithPath: "/usr/bin/psql"))
            .run([url, "-X", "-q", "-At", "-v", "ON_ERROR_STOP=1", "-c", sql])
        guard result.exitCode == 0 else { throw PostgresClusterError(command: "psql -c \"\(sql)\"", stderr: result.stderr) }
        return result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// An interactive psql session: statements go in one at a time and stay in its open transaction
    /// until they commit (the tests hold a writer's transaction open with it).
    public func session() throws -> PostgresSession { try PostgresSession(url: url) }
}

/// One psql process reading statements from a pipe. `run` sends a statement and waits for its output line.
public final class PostgresSession: @unchecked Sendable {
    private let process = Process()
    private let input = Pipe()
    private let output = Pipe()
    private var buffered = Data()

    init(url: String) throws {
        process.executableURL = URL(fileURLWithPath: "/usr/bin/psql")
        process.arguments = [url, "-X", "-q", "-At", "-v", "ON_ERROR_STOP=1"]
        process.standardInput = input
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
    }

    /// Sends `sql` (one statement ending in a query that prints one line) and returns that line.
    public func run(_ sql: String) throws -> String {
        input.fileHandleForWriting.write(Data((sql + "\n").utf8))
        while true {
            if let newline = buffered.firstIndex(of: UInt8(ascii: "\n")) {
                let line = String(decoding: buffered[buffered.startIndex..<newline], as: UTF8.self)
                buffered = Data(buffered[buffered.index(after: newline)...])
                return line
            }
            let chunk = output.fileHandleForReading.availableData
            guard !chunk.isEmpty else { throw PostgresClusterError(command: "psql session: \(sql)", stderr: "psql exited") }
            buffered.append(chunk)
        }
    }

    /// Ends the session (an open transaction rolls back).
    public func close() {
        try? input.fileHandleForWriting.close()
        process.waitUntilExit()
    }
}
