import AffinityClient
import AffinityProtocol
import Foundation
import Testing

@Suite struct ClientToolsTests {
    @Test func keyValueParamsBecomeJSON() throws {
        let line = try ClientRequest.line(op: "recommend", params: ["user=alice", "k=5", #"exclude_items=["i1"]"#, "exclude_seen=false"])
        let parsed = RequestParser().parse(Data(line.utf8))
        #expect(try parsed.request.get() == .recommend(RecommendParams(user: "alice", k: 5, excludeSeen: false, excludeItems: ["i1"])))
        let numericID = try ClientRequest.line(op: "feedback", params: ["user=101509", "item=P00471", "event=click", "weight=2"])
        #expect(try RequestParser().parse(Data(numericID.utf8)).request.get()
            == .feedback(FeedbackParams(user: "101509", item: "P00471", event: "click", weight: 2)))
        #expect(ClientRequest.isError(#"{"error":{"code":"bad_json","message":"x"},"id":null,"ok":false}"#))
        #expect(!ClientRequest.isError(#"{"id":1,"ok":true,"result":{}}"#))
    }

    @Test func loadGeneratorIsBoundedByCountAndReportsEveryReply() async throws {
        let live = try await LiveServer.start()
        let ids = try await LoadGenerator.sampleIDs(host: "127.0.0.1", port: live.port, token: nil)
        #expect(ids.users == ["alice", "bob"] && ids.items.count == 40)
        var config = LoadConfig()
        config.port = live.port
        config.connections = 2
        config.pipeline = 4
        config.durationSeconds = 60
        config.maxRequests = 300
        config.op = .mixed
        config.users = ids.users
        config.items = ids.items
        let report = try await LoadGenerator.run(config)
        #expect(report.requests == 300 && report.errors == 0)
        #expect(report.p50Ms > 0 && report.p50Ms <= report.p99Ms && report.p99Ms <= report.p999Ms)
        await live.stop()
    }

    @Test func loadGeneratorRefusesNonLoopback() {
        var config = LoadConfig()
        config.host = "10.0.0.1"
        config.users = ["u"]
        #expect(throws: ClientError.self) { try config.validate() }
    }
}
