import AffinityClient
import ArgumentParser
import Foundation

/// The server a benchmark drives, its token and `--json`: shared by `bench serve` and `bench lag`.
struct BenchTargetOptions: ParsableArguments {
    @Option(help: "Server host (loopback only).")
    var host = "127.0.0.1"
    @Option(help: "Server port.")
    var port: Int
    @Option(help: "Token to authenticate each connection with (needs a role that may call the ops sent, model_info and, for bench lag, stats).")
    var token: String?
    @Flag(help: "End with one JSON line of the results.")
    var json = false

    func validate() throws {
        if !(1...65535).contains(port) { throw ValidationError("--port must be between 1 and 65535; got \(port)") }
    }

    /// User and item ids from the server's `model_info`.
    func sampleIDs() async throws -> (users: [String], items: [String]) {
        try await LoadGenerator.sampleIDs(host: host, port: port, token: token)
    }

    /// The summary on stderr, then `report` as one JSON line (`--json`) or the summary again on stdout.
    func finish<R: Encodable>(_ summary: String, _ report: R) throws {
        FileHandle.standardError.write(Data((summary + "\n").utf8))
        if json {
            try JSONOutput.print(report)
        } else {
            print(summary)
        }
    }
}
