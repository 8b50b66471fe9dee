import AffinityClient
import AffinityProtocol
import AffinityTestSupport
import Foundation
import NIOCore
import Testing

/// Access through the built binary (issue 7, item 5), complementing the op × role table in
/// `LiveServerTests`: tokens never reach the log (captured at trace level) or any reply, wrong tokens
/// are limited per connection, and storefront/marketer never reach export_user or forget_user.
@Suite(.serialized) struct TokenSecrecyTests {
    static let secrets = ["storefront": "sf-Secret-7c1f", "marketer": "mk-Secret-92ab", "admin": "ad-Secret-e4d0"]

    @Test func tokensStayOutOfLogsAndRepliesAndWrongTokensAreLimitedPerConnection() async throws {
        let dir = try TemporaryDirectory(prefix: "affinity-tokens")
        defer { dir.remove() }
        try ModelFile.write(to: dir.path("model.als"))
        let file = Dictionary(uniqueKeysWithValues: Self.secrets.map { ($0.value, $0.key) })
        try JSONEncoder().encode(file).write(to: URL(fileURLWithPath: dir.path("tokens.json")))
        let server = try ServerProcess.start(["--model", dir.path("model.als"), "--data-dir", dir.path("data"),
                                              "--tokens", dir.path("tokens.json"), "--threads", "1"], logLevel: "trace")
        var replies: [String] = []
        func send(_ c: AffinityConnection, _ line: String) async throws -> String {
            let r = String(buffer: try await c.send(raw: ByteBuffer(string: line + "\n"), replies: 1)[0])
            replies.append(r)
            return r
        }

        // Wrong tokens, including near misses of real ones: unauthenticated, then the connection is closed.
        let guesser = try await AffinityConnection.connect(host: "127.0.0.1", port: server.port)
        let guesses = [Self.secrets["admin"]! + "x", String(Self.secrets["admin"]!.dropLast()), "wrong-token"]
        for g in guesses.prefix(2) {
            #expect(try await send(guesser, #"{"id":1,"op":"auth","token":"\#(g)"}"#).contains(#""code":"unauthenticated""#))
        }
        let last = try? await guesser.send(raw: ByteBuffer(string: #"{"id":3,"op":"auth","token":"\#(guesses[2])"}"# + "\n"), replies: 1)
        if let last { replies += last.map { String(buffer: $0) } }
        // After the limit the server closes: the next request fails instead of being answered.
        let after = try? await guesser.send(raw: ByteBuffer(string: #"{"id":4,"op":"auth","token":"\#(Self.secrets["admin"]!)"}"# + "\n"), replies: 1)
        #expect(after == nil, "a connection over the wrong-token limit still accepted a token guess")
        await guesser.close()

        // The limit is per connection: a fresh one authenticates. Storefront and marketer never reach user data.
        for role in ["storefront", "marketer", "admin"] {
            let c = try await AffinityConnection.connect(host: "127.0.0.1", port: server.port)
            #expect(try await send(c, #"{"id":1,"op":"auth","token":"\#(Self.secrets[role]!)"}"#).contains(#""role":"\#(role)""#))
            for op in ["export_user", "forget_user"] {
                let r = try await send(c, #"{"id":2,"op":"\#(op)","user":"u1"}"#)
                #expect(r.contains(#""ok":true"#) == (role == "admin"), "\(role) × \(op): \(r)")
                if role != "admin" { #expect(r.contains(#""code":"forbidden""#)) }
            }
            _ = try await send(c, #"{"id":3,"op":"auth","token":"\#(Self.secrets[role]!)"}"#)
            await c.close()
        }
        server.terminate()
        let log = server.stderrText
        #expect(!log.isEmpty, "the trace-level log was not captured")
        for (role, secret) in Self.secrets {
            #expect(!log.contains(secret) && !log.contains(String(secret.dropLast())), "the \(role) token appears in the log")
            #expect(!replies.contains { $0.contains(secret) || $0.contains(String(secret.dropLast())) }, "the \(role) token appears in a reply")
        }
        #expect(!log.contains("wrong-token") && !replies.contains { $0.contains("wrong-token") })
    }
}
