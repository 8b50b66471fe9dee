import AffinityClient
import AffinityData
import AffinityProtocol
import AffinityTestSupport
import Foundation
import Testing

/// docs/PROTOCOL.md's examples are real: every request parses, every reply decodes into its reply type
/// (and holds no key the type does not send), and replaying the requests against a server on the
/// synthetic shop gives replies of the same shape, in order. With AFFINITY_WRITE_PROTOCOL_EXAMPLES=1
/// (`scripts/protocol-examples.sh`) the replay writes the live replies into the document instead.
@Suite(.serialized) struct ProtocolExamplesTests {
    @Test func requestsParseAndRepliesDecode() throws {
        let doc = try ProtocolExamples()
        #expect(doc.examples.count >= 20, "only \(doc.examples.count) examples found in \(ProtocolExamples.path)")
        for example in doc.examples {
            let parsed = RequestParser().parse(Data(example.request.utf8))
            let reply = ProtocolExamples.expand(example.reply)
            let wire = try JSONDecoder().decode(WireReply<NoParams>.self, from: reply)
            #expect(wire.id == parsed.id, "line \(example.replyLine + 1): the reply must echo the request's id")
            switch parsed.request {
            case .success(let request):
                if wire.ok {
                    try Self.checkResult(op: request.op, reply: reply, line: example.replyLine + 1)
                } else {
                    #expect(wire.error != nil, "line \(example.replyLine + 1)")
                }
            case .failure(let error):
                #expect(!wire.ok && wire.error?.code == error.code, "line \(example.replyLine + 1): \(example.request) → \(error)")
                #expect(wire.error?.message == error.description, "line \(example.replyLine + 1)")
            }
        }
    }

    /// The `result` decodes into the op's type, and encoding that value again gives the same keys.
    static func checkResult(op: Op, reply: Data, line: Int) throws {
        func check<R: Codable & Sendable>(_ type: R.Type) throws {
            let decoded = try JSONDecoder().decode(WireReply<R>.self, from: reply)
            let result = try #require(decoded.result, "line \(line): ok reply without result")
            let object = try #require(try JSONSerialization.jsonObject(with: reply) as? [String: Any])
            let documented = try ProtocolExamples.shape(JSONSerialization.data(withJSONObject: object["result"] ?? [:]))
            #expect(try ProtocolExamples.shape(JSONEncoder().encode(result)) == documented, "line \(line): keys of \(op.rawValue)")
        }
        switch op {
        case .auth: try check(AuthResult.self)
        case .recommend, .recommendItems, .similarItems: try check(RecommendResult.self)
        case .feedback: try check(FeedbackResult.self)
        case .feedbackBatch: try check(FeedbackBatchResult.self)
        case .churnScore: try check(ChurnResult.self)
        case .churnBatch: try check(ChurnBatchResult.self)
        case .retentionOffer: try check(RetentionOfferResult.self)
        case .forgetUser: try check(ForgetResult.self)
        case .exportUser: try check(ExportResult.self)
        case .health: try check(HealthResult.self)
        case .modelInfo: try check(ModelInfoResult.self)
        case .stats: try check(StatsResult.self)
        case .reload: try check(ReloadResult.self)
        }
    }

    @Test func abbreviationKeepsThreeElements() throws {
        let line = #"{"a":[1,2,3,4,5],"b":[[1,2,3,4],{"c":"x,]"},3,4],"d":[],"e":"[1,2,3,4]"}"#
        let short = ProtocolExamples.abbreviate(line)
        #expect(short == #"{"a":[1,2,3,…],"b":[[1,2,3,…],{"c":"x,]"},3,…],"d":[],"e":"[1,2,3,4]"}"#)
        #expect(try ProtocolExamples.shape(ProtocolExamples.expand(short)) == ProtocolExamples.shape(Data(line.utf8)))
    }

    /// Replays every example not marked illustrative, in order, on one connection to a server on the
    /// synthetic shop, and compares each reply's shape (and ok / error code) with the document's.
    @Test func examplesReplayOnTheSyntheticShop() async throws {
        let dir = try TemporaryDirectory(prefix: "affinity-protocol-examples")
        defer { dir.remove() }
        try Self.prepareSession(in: dir)
        let server = try ServerProcess.start(["--model", "models/shop.affinity", "--churn-model", "models/churn.json",
                                              "--catalog", "shop/items.csv", "--clv", "models/clv.json", "--transactions", "shop/orders.csv",
                                              "--data-dir", "data", "--threads", "1"],
                                             currentDirectory: dir.url)
        defer { _ = server.terminate() }
        let doc = try ProtocolExamples()
        let connection = try await AffinityConnection.connect(host: "127.0.0.1", port: server.port)
        var replies: [String] = []
        for example in doc.examples where example.replayed {
            replies.append(try await connection.exchange(example.request))
        }
        await connection.close()
        if ProcessInfo.processInfo.environment["AFFINITY_WRITE_PROTOCOL_EXAMPLES"] == "1" {
            try AtomicFile.write(Array(doc.rewritten(replies: replies).utf8), to: ProtocolExamples.path)
            return
        }
        for (example, live) in zip(doc.examples.filter(\.replayed), replies) {
            let documented = ProtocolExamples.expand(example.reply)
            let a = try JSONDecoder().decode(WireReply<NoParams>.self, from: documented)
            let b = try JSONDecoder().decode(WireReply<NoParams>.self, from: Data(live.utf8))
            let where_ = "line \(example.replyLine + 1): \(example.request) → \(live)"
            #expect(a.ok == b.ok && a.error?.code == b.error?.code, "\(where_)")
            #expect(try ProtocolExamples.shape(documented) == ProtocolExamples.shape(Data(live.utf8)), "\(where_)")
        }
    }

    /// The session of `scripts/protocol-examples.sh`: a small synthetic shop, an ALS model, a churn model and
    /// a CLV model on it, and a model on another catalogue (for the refused reload).
    static func prepareSession(in dir: TemporaryDirectory) throws {
        let cli = CLIRunner()
        try FileManager.default.createDirectory(atPath: dir.path("models"), withIntermediateDirectories: true)
        var other = "user,item\n"
        for u in 0..<12 { for i in 0..<4 { other += "m\(u),film-\((u * 3 + i) % 20)\n" } }
        try other.write(toFile: dir.path("other.csv"), atomically: true, encoding: .utf8)
        let steps: [[String]] = [
            ["generate", "--out", "shop", "--users", "300", "--items", "60", "--days", "90", "--seed", "42"],
            ["train", "als", "--input", "shop/interactions.csv", "--factors", "8", "--iterations", "4", "--seed", "42",
             "--threads", "1", "--output", "models/shop.affinity"],
            ["churn", "train", "--input", "shop/customers.csv", "--output", "models/churn.json"],
            ["clv", "fit", "--transactions", "shop/orders.csv", "--output", "models/clv.json"],
            ["train", "als", "--input", "other.csv", "--factors", "4", "--iterations", "2", "--threads", "1", "--output", "models/other.affinity"],
        ]
        for step in steps {
            let r = try cli.run(step, currentDirectory: dir.url)
            if r.exitCode != 0 { throw ServerProcessError("affinity \(step.joined(separator: " ")) failed: \(r.stderr)") }
        }
    }
}
