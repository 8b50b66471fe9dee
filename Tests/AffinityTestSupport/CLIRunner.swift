public import Foundation

/// Runs the built `affinity` binary and captures its exit code, stdout and stderr.
///
/// The binary is `$AFFINITY_BIN` when set, else `<package root>/.build/debug/affinity`
/// (the package root is found from this file's path).
public struct CLIRunner: Sendable {
    public struct Result: Sendable {
        public var exitCode: Int32
        public var stdout: String
        public var stderr: String
    }

    public let binary: URL

    public init(filePath: String = #filePath) {
        if let override = ProcessInfo.processInfo.environment["AFFINITY_BIN"], !override.isEmpty {
            binary = URL(fileURLWithPath: override)
        } else {
            binary = CLIRunner.packageRoot(from: filePath).appendingPathComponent(".build/debug/affinity")
        }
    }

    /// Runs `binary` instead (a script, a system tool).
    public init(binary: URL) {
        self.binary = binary
    }

    /// The directory holding Package.swift above `filePath`.
    public static func packageRoot(from filePath: String = #filePath) -> URL {
        var dir = URL(fileURLWithPath: filePath).deletingLastPathComponent()
        while dir.path != "/" {
            if FileManager.default.fileExists(atPath: dir.appendingPathComponent("Package.swift").path) { return dir }
            dir = dir.deletingLastPathComponent()
        }
        return URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
    }

    /// Runs the binary with `arguments` (and `environment` added to this process's), waiting for it to exit.
    public func run(_ arguments: [String], currentDirectory: URL? = nil, environment: [String: String] = [:]) throws -> Result {
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        if !environment.isEmpty {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        }
        if let currentDirectory { process.currentDirectoryURL = currentDirectory }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        // Drain both pipes concurrently so a chatty child cannot block on a full pipe.
        let errData = LockedData()
        let group = DispatchGroup()
        DispatchQueue.global().async(group: group) { errData.set(err.fileHandleForReading.readDataToEndOfFile()) }
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        return Result(exitCode: process.terminationStatus,
                      stdout: String(decoding: outData, as: UTF8.self),
                      stderr: String(decoding: errData.get(), as: UTF8.self))
    }
}

/// A lock-protected `Data` box for handing bytes across threads.
private final class LockedData: @unchecked Sendable {
    // Safe: every access goes through `lock`.
    private let lock = NSLock()
    private var data = Data()
    func set(_ d: Data) { lock.lock(); data = d; lock.unlock() }
    func get() -> Data { lock.lock(); defer { lock.unlock() }; return data }
}
