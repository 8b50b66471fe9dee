import AffinityClient
import AffinityProtocol
import ArgumentParser
import Foundation

/// `affinity client OP [key=value …]`: one request, reply JSON on stdout.
struct Client: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Send one affinity/1 request and print the reply line.",
        discussion: """
            Parameters are key=value pairs. Arrays, objects, quoted strings, booleans and null are sent as JSON \
            (items='["a","b"]', customer='{"age":31}'), numbers too for k, weight, timestamp and max_per_category; \
            anything else is a string (user=101509). Exit code 1 when the reply is an error.
            Example: affinity client recommend user=alice k=5
            """
    )

    @Argument(help: "The op: \(Op.allCases.map(\.rawValue).joined(separator: ", ")).")
    var op: String
    @Argument(help: "Parameters as key=value.")
    var params: [String] = []
    @Option(help: "Server host.")
    var host = "127.0.0.1"
    @Option(help: "Server port.")
    var port = 7070
    @Option(help: "Token to authenticate with first (when the server runs with --tokens).")
    var token: String?

    func validate() throws {
        if Op(rawValue: op) == nil {
            throw ValidationError("unknown op '\(op)'; expected one of: \(Op.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        if !(1...65535).contains(port) { throw ValidationError("--port must be between 1 and 65535; got \(port)") }
        for p in params where !p.contains("=") {
            throw ValidationError("parameter '\(p)' must be key=value")
        }
    }

    func run() async throws {
        let request = try ClientRequest.line(op: op, params: params)
        let connection = try await AffinityConnection.connect(host: host, port: port)
        if let token {
            let reply = try await connection.exchange(ClientRequest.authLine(token: token))
            if ClientRequest.isError(reply) {
                FileHandle.standardError.write(Data("authentication failed: \(reply)\n".utf8))
                await connection.close()
                throw ExitCode.failure
            }
        }
        let reply = try await connection.exchange(request)
        await connection.close()
        print(reply)
        if ClientRequest.isError(reply) { throw ExitCode.failure }
    }
}
