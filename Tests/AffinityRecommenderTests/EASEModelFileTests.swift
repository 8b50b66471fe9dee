import AffinityData
import AffinityNumerics
import AffinityTestSupport
import Foundation
import Testing
@testable import AffinityRecommender

/// EASE model files: round trip, kind detection and wrong-kind errors.
@Suite struct EASEModelFileTests {
    static func model() throws -> EASEModel {
        let x = ALSFixtures.randomMatrix(users: 30, items: 25, density: 0.2, seed: 17)
        var t = EASEFixtures.table(x)
        t.timestamps = (0..<t.count).map { Int64(1_700_000_000 + $0) }
        return try EASEModel.train(t, config: EASEConfig(l2: 7, threads: 2), datasetSource: "fixture")
    }

    @Test func roundTripGivesIdenticalScoresAndHeader() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let model = try Self.model()
        try model.save(to: dir.path("m.affinity"))
        let loaded = try EASEModel.load(path: dir.path("m.affinity"))
        #expect(loaded.header == model.header)
        #expect(loaded.header.kind == "ease" && loaded.header.l2 == 7 && loaded.header.trainingWatermark != nil)
        #expect(loaded.users == model.users && loaded.items == model.items)
        for u in 0..<Int32(model.users.count) {
            #expect(loaded.userHistory(u).map(\.itemIndex) == model.userHistory(u).map(\.itemIndex))
            #expect(loaded.userHistory(u).map(\.weight) == model.userHistory(u).map(\.weight))
            let a = model.scores(history: model.userHistory(u)), b = loaded.scores(history: loaded.userHistory(u))
            #expect(a.map(\.bitPattern) == b.map(\.bitPattern), "user \(u)")
            #expect(loaded.recommend(user: "u\(u)", k: 5) == model.recommend(user: "u\(u)", k: 5))
        }
        let json = try JSONSerialization.jsonObject(with: try loaded.headerJSON()) as? [String: Any]
        for key in ["kind", "l2", "items", "event_weights", "dataset_fingerprint", "created_at"] { #expect(json?[key] != nil, "missing \(key)") }
    }

    @Test func loadingTheOtherKindNamesTheKindFound() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try Self.model().save(to: dir.path("ease.affinity"))
        try ALSModelTests.model().save(to: dir.path("als.affinity"))
        #expect(ModelKind.detect(path: dir.path("ease.affinity")) == .ease)
        #expect(ModelKind.detect(path: dir.path("als.affinity")) == .als)
        #expect(try ModelKind.load(path: dir.path("ease.affinity")).kind == .ease)
        #expect(try ModelKind.load(path: dir.path("als.affinity")).kind == .als)
        #expect {
            _ = try EASEModel.load(path: dir.path("als.affinity"))
        } throws: { "\($0)".contains("model of kind 'als', not 'ease'") }
        #expect {
            _ = try ALSModel.load(path: dir.path("ease.affinity"))
        } throws: { "\($0)".contains("model of kind 'ease', not 'als'") }
    }

    @Test func corruptedOrTruncatedFilesAreRefused() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try Self.model().save(to: dir.path("m.affinity"))
        var bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: dir.path("m.affinity"))))
        bytes[bytes.count / 2] ^= 0x40
        try Data(bytes).write(to: URL(fileURLWithPath: dir.path("bad.affinity")))
        #expect { _ = try EASEModel.load(path: dir.path("bad.affinity")) } throws: { "\($0)".contains("checksum mismatch") }
        try Data(bytes.prefix(100)).write(to: URL(fileURLWithPath: dir.path("short.affinity")))
        #expect { _ = try EASEModel.load(path: dir.path("short.affinity")) } throws: { "\($0)".contains("truncated") }
    }

    @Test func evaluatorRanksEASEWithTheSameRulesAsOneUserAtATime() throws {
        let model = try Self.model()
        let users = (0..<Int32(model.users.count)).map { $0 }
        let exclude = users.map { Set(model.userHistory($0).map(\.itemIndex)) }
        let lists = model.topK(users: users, k: 4, exclude: exclude, threads: 2)
        for u in users {
            #expect(lists[Int(u)] == model.recommend(history: model.userHistory(u), k: 4).map(\.itemIndex), "user \(u)")
        }
    }
}
