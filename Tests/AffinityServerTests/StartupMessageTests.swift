import AffinityClient
import AffinityTestSupport
import Foundation
import Testing

/// One human line for the common start-up mistakes: a client to a port nobody listens on, and a model of
/// the wrong kind given to `serve` (its own error, not the root usage).
@Suite struct StartupMessageTests {
    @Test func clientToAClosedPortPrintsOneLine() async throws {
        let live = try await LiveServer.start()
        let port = live.port
        await live.stop()
        await #expect(throws: ClientError.connect(host: "127.0.0.1", port: port, reason: "connection refused")) {
            _ = try await AffinityConnection.connect(host: "127.0.0.1", port: port)
        }
        var load = LoadConfig()
        load.port = port
        load.users = ["u"]
        load.items = ["i"]
        await #expect(throws: ClientError.connect(host: "127.0.0.1", port: port, reason: "connection refused")) {
            _ = try await LoadGenerator.run(load)
        }
        let r = try CLIRunner().run(["client", "health", "--port", "\(port)"])
        #expect(r.exitCode != 0)
        #expect(r.stderr == "Error: cannot connect to 127.0.0.1:\(port): connection refused — is `affinity serve` running?\n")
    }

    @Test func serveNamesAModelOfTheWrongKind() throws {
        let dir = try TemporaryDirectory(prefix: "affinity-wrong-model")
        defer { dir.remove() }
        try ModelFile.write(to: dir.path("shop.affinity"))
        try #"{"format":"affinity-churn","version":1}"#.write(toFile: dir.path("churn.json"), atomically: true, encoding: .utf8)
        let cases = [(["--model", dir.path("churn.json")], "churn.json: model refused: this is a JSON file (a churn model?), not a recommender model"),
                     (["--churn-model", dir.path("shop.affinity")], "shop.affinity: model refused: this is a recommender model")]
        for (flags, expected) in cases {
            let r = try CLIRunner().run(["serve", "--port", "0"] + flags)
            #expect(r.exitCode != 0)
            #expect(r.stderr.contains(expected), "\(r.stderr)")
            #expect(!r.stderr.contains("USAGE"), "\(r.stderr)")
            #expect(r.stdout.isEmpty)
        }
    }
}
