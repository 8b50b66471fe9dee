public import Foundation

/// A real `affinity serve` process on an ephemeral port, started from the built binary.
///
/// `start` passes `--port 0` and waits for the `listening on HOST:PORT` line on stdout (never a sleep).
/// Stop it with `terminate()` (SIGTERM: drain and exit) or `kill()` (SIGKILL, as a crash).
public final class ServerProcess: @unchecked Sendable {
    // `@unchecked Sendable`: `process` is only mutated in `start` before the object is shared.
    public let process: Process
    public let port: Int
    private let stderrPipe: Pipe
    private let stderrLog: LockedString

    private init(process: Process, port: Int, stderrPipe: Pipe, stderrLog: LockedString) {
        self.process = process
        self.port = port
        self.stderrPipe = stderrPipe
        self.stderrLog = stderrLog
    }

    /// Everything the server wrote to stderr so far (its log lines), for tests that inspect logs.
    public var stderrText: String { stderrLog.get() }

    /// Starts `affinity serve ARGS --port 0` and returns once it accepts connections.
    public static func start(_ arguments: [String], runner: CLIRunner = CLIRunner(), timeoutSeconds: Double = 60,
                             logLevel: String = "warning", currentDirectory: URL? = nil) throws -> ServerProcess {
        guard FileManager.default.isExecutableFile(atPath: runner.binary.path) else {
            throw ServerProcessError("the affinity binary is missing at \(runner.binary.path); run `swift build --build-tests` first")
        }
        let process = Process()
        process.executableURL = runner.binary
        process.arguments = ["serve"] + arguments + ["--port", "0", "--log-level", logLevel]
        if let currentDirectory { process.currentDirectoryURL = currentDirectory }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        // Read stdout on a thread until the announcement; a deadline guards against a server that never starts.
        let found = DispatchSemaphore(value: 0)
        let line = LockedString()
        Thread.detachNewThread {
            var buffer = Data()
            while true {
                let chunk = out.fileHandleForReading.availableData
                if chunk.isEmpty { break }
                buffer.append(chunk)
                if let text = String(data: buffer, encoding: .utf8), let l = text.split(separator: "\n").first(where: { $0.hasPrefix("listening on ") }) {
                    line.set(String(l))
                    break
                }
            }
            found.signal()
        }
        if found.wait(timeout: .now() + timeoutSeconds) == .timedOut || line.get().isEmpty {
            Foundation.kill(process.processIdentifier, SIGKILL)
            _ = waitForExit(process, seconds: 10)
            let log = String(decoding: err.fileHandleForReading.availableData, as: UTF8.self)
            throw ServerProcessError("affinity serve did not announce `listening on`; stderr: \(log)")
        }
        guard let port = line.get().split(separator: ":").last.flatMap({ Int($0) }) else {
            throw ServerProcessError("cannot read the port from '\(line.get())'")
        }
        // Keep draining stderr (kept for `stderrText`) so the child never blocks on a full pipe.
        let log = LockedString()
        err.fileHandleForReading.readabilityHandler = { h in log.append(String(decoding: h.availableData, as: UTF8.self)) }
        return ServerProcess(process: process, port: port, stderrPipe: err, stderrLog: log)
    }

    /// A test that throws before stopping its server must not leave the process behind.
    deinit {
        if process.isRunning {
            Foundation.kill(process.processIdentifier, SIGKILL)
            _ = Self.waitForExit(process, seconds: 10)
        }
    }

    /// SIGKILL, then wait (bounded) for the process to be gone.
    public func kill() {
        Foundation.kill(process.processIdentifier, SIGKILL)
        _ = Self.waitForExit(process, seconds: 10)
        stderrPipe.fileHandleForReading.readabilityHandler = nil
    }

    /// The status `terminate()` returns when the server ignored SIGTERM and had to be killed.
    public static let didNotExitOnSIGTERM: Int32 = -1

    /// SIGTERM (drain and exit), then wait; returns the exit status.
    ///
    /// The wait is bounded: a server that has not exited `graceSeconds` after SIGTERM (its own drain
    /// deadline is 10 s) is killed and `didNotExitOnSIGTERM` is returned, so a test fails instead of
    /// hanging the whole suite.
    @discardableResult
    public func terminate(graceSeconds: Double = 30) -> Int32 {
        process.terminate()
        var exited = Self.waitForExit(process, seconds: graceSeconds)
        if !exited {
            Foundation.kill(process.processIdentifier, SIGKILL)
            exited = Self.waitForExit(process, seconds: 10)
        }
        stderrPipe.fileHandleForReading.readabilityHandler = nil
        return exited && !process.isRunning ? process.terminationStatus : Self.didNotExitOnSIGTERM
    }

    /// Polls until the child has exited or `seconds` pass. Foundation's `waitUntilExit` has no
    /// deadline, and one wedged wait would stall every test after it.
    private static func waitForExit(_ process: Process, seconds: Double) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while process.isRunning {
            if Date() >= deadline { return false }
            usleep(5_000)
        }
        return true
    }
}

public struct ServerProcessError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}

private final class LockedString: @unchecked Sendable {
    // Safe: every access goes through `lock`.
    private let lock = NSLock()
    private var value = ""
    func set(_ v: String) { lock.lock(); value = v; lock.unlock() }
    func get() -> String { lock.lock(); defer { lock.unlock() }; return value }
    func append(_ v: String) { lock.lock(); value += v; lock.unlock() }
}
