import Foundation

/// A throwaway PostgreSQL cluster for one test, run by `scripts/postgres.sh` (127.0.0.1, a free port,
/// a random password, data in a temporary directory). `PostgresCluster.with` always stops and removes it.
public final class PostgresCluster: Sendable {
    /// postgres://affinity:PASSWORD@127.0.0.1:PORT/affinity
    public let url: String
    public let password: String
    private let directory: String
    private let script: CLIRunner

    private init(directory: String, script: CLIRunner) throws {
        self.directory = directory
        self.script = script
        url = try Self.call(script, "start", directory)
        password = try String(contentsOfFile: directory + "/password", encoding: .utf8)
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Starts a new cluster.
    public static func start(filePath: String = #filePath) throws -> PostgresCluster {
        let root = CLIRunner.packageRoot(from: filePath)
        let script = CLIRunner(binary: root.appendingPathComponent("scripts/postgres.sh"))
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("affinity-pg-\(UUID().uuidString)").path
        do {
            return try PostgresCluster(directory: directory, script: script)
        } catch {
            _ = try? call(script, "stop", directory)
            throw error
        }
    }

    /// Stops the server, keeping its data (`resume()` starts it again on the same port).
    public func halt() throws { _ = try Self.call(script, "halt", directory) }

    /// Starts the halted server again.
    public func resume() throws { _ = try Self.call(script, "start", directory) }

    /// Stops the server and removes its directory.
    public func stop() { _ = try? Self.call(script, "stop", directory) }

    /// Runs `body` with a fresh cluster, stopping it afterwards whether `body` succeeded or threw.
    public static func with<T>(filePath: String = #filePath, _ body: (PostgresCluster) async throws -> T) async throws -> T {
        let cluster = try start(filePath: filePath)
        do {
            let result = try await body(cluster)
            cluster.stop()
            return result
        } catch {
            cluster.stop()
            throw error
        }
    }

    private static func call(_ script: CLIRunner, _ command: String, _ directory: String) throws -> String {
        let result = try script.run([command, directory])
        guard result.exitCode == 0 else { throw PostgresClusterError(command: "scripts/postgres.sh \(command)", stderr: result.stderr) }
        return result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}

/// A command run against a test cluster (the script, psql) failed.
public struct PostgresClusterError: Error, CustomStringConvertible {
    public var command: String
    public var stderr: String

    public init(command: String, stderr: String) {
        self.command = command
        self.stderr = stderr
    }

    public var description: String { "\(command) failed: \(stderr)" }
}
