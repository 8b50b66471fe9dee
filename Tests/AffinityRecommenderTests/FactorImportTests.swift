import AffinityData
import AffinityNumerics
import AffinityTestSupport
import Foundation
import Testing
@testable import AffinityRecommender

/// `FactorDirectory.read` + `ALSModel.imported`: the export → import round trip, meta.json and
/// flag precedence, and every refusal, on small fixtures written here.
@Suite struct FactorImportTests {
    static func trained(scaling: RegularizationScaling = .none) throws -> (ALSModel, InteractionTable) {
        var c = ALSConfig()
        c.factors = 8; c.iterations = 4; c.threads = 2; c.regularization = 0.1; c.alpha = 2; c.regularizationScaling = scaling
        let table = ALSModelTests.table(users: 30, items: 20, seed: 4)
        return (try ALSModel.train(table, config: c), table)
    }

    /// The same interactions with IDs first seen in a different order (rows reversed), so the
    /// import must map the table's indices onto the factor files' rows.
    static func reordered(_ t: InteractionTable) -> InteractionTable {
        var out = InteractionTable(users: IDMap(ids: t.users.ids.reversed()), items: IDMap(ids: t.items.ids.reversed()))
        for k in (0..<t.count).reversed() {
            out.userIndices.append(Int32(t.users.count - 1) - t.userIndices[k])
            out.itemIndices.append(Int32(t.items.count - 1) - t.itemIndices[k])
            out.weights.append(t.weights[k])
        }
        return out
    }

    static func settings(of m: ALSModel) -> ImportSettings {
        ImportSettings(regularization: m.header.regularization, alpha: m.header.alpha, scaling: m.header.scaling,
                       confidence: m.header.confidence)
    }

    @Test(arguments: RegularizationScaling.allCases)
    func exportThenImportServesTheSameRecommendations(scaling: RegularizationScaling) throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let (model, table) = try Self.trained(scaling: scaling)
        try model.export(to: dir.path("x"))
        let imported = try ALSModel.imported(try FactorDirectory.read(dir.path("x")), interactions: Self.reordered(table),
                                             source: "fixture", settings: Self.settings(of: model))
        #expect(imported.users == model.users && imported.items == model.items)
        #expect(imported.header.regularizationScaling == model.header.regularizationScaling)
        for u in 0..<Int32(model.header.users) {
            let id = model.users[u]
            #expect(imported.recommend(user: id, k: 5) == model.recommend(user: id, k: 5), "user \(id)")
            #expect(imported.userHistory(u) == model.userHistory(u))
            // The imported model's fold-in reproduces the imported users (same Gram, same routine).
            let (idx, w) = imported.userHistory(u)
            var x: [Float] = []
            try imported.foldIn(items: idx, weights: w, into: &x)
            #expect(x.map(\.bitPattern) == Array(model.userFactors(u)).map(\.bitPattern))
        }
        #expect(imported.recommendItems(items: ["item-1", "item-2"], k: 4) == model.recommendItems(items: ["item-1", "item-2"], k: 4))
    }

    @Test func metaJSONFillsWhatTheSettingsLeaveOpen() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let (model, table) = try Self.trained()
        try model.export(to: dir.path("x"))
        _ = try dir.write("x/meta.json", #"{"rank": 8, "alpha": 40, "regParam": 0.05, "regularization_scaling": "frequency", "confidence": "alpha", "maxIter": 10, "other": 1}"#)
        let fromMeta = try ALSModel.imported(try FactorDirectory.read(dir.path("x")), interactions: table, source: "f",
                                             settings: ImportSettings(alpha: 3))
        let h = fromMeta.header
        #expect(h.alpha == 3 && h.regularization == 0.05 && h.scaling == .frequency && h.confidence == .alpha && h.iterations == 10)
        _ = try dir.write("x/meta.json", #"{"rank": 7}"#)
        #expect(Self.refusal { try FactorDirectory.read(dir.path("x")) }.contains("meta.json: rank 7, but the factor files have 8 columns"))
    }

    static func refusal(_ body: () throws -> Any) -> String {
        do {
            _ = try body()
            return "accepted"
        } catch {
            return "\(error)"
        }
    }

    /// A 2-user, 2-item, f = 2 directory with the given user-factor file.
    static func directory(_ dir: TemporaryDirectory, users: Data, userIDs: String = "a\nb\n") throws -> String {
        try FileManager.default.createDirectory(atPath: dir.path("d"), withIntermediateDirectories: true)
        _ = try dir.write("d/user_ids.txt", userIDs)
        _ = try dir.write("d/item_ids.txt", "x\ny\n")
        try users.write(to: URL(fileURLWithPath: dir.path("d/user_factors.npy")))
        try NPYFixture.file(NPYFixture.shapeDict(2, 2), [1, 0, 0, 1]).write(to: URL(fileURLWithPath: dir.path("d/item_factors.npy")))
        return dir.path("d")
    }

    @Test(arguments: [
        (NPYFixture.shapeDict(2, 2, descr: "<f8"), [Float](repeating: 1, count: 8), "dtype '<f8'; expected little-endian float32 '<f4'"),
        (NPYFixture.shapeDict(2, 2, descr: ">f4"), [Float](repeating: 1, count: 4), "dtype '>f4'"),
        (NPYFixture.shapeDict(2, 2, fortran: "True"), [Float](repeating: 1, count: 4), "Fortran (column-major) order"),
        ("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 2, 1), }", [Float](repeating: 1, count: 4), "shape (2, 2, 1); expected a 2-D array"),
        (NPYFixture.shapeDict(2, 2), [Float](repeating: 1, count: 3), "12 data bytes; a 2×2 float32 array needs 16"),
        (NPYFixture.shapeDict(3, 2), [Float](repeating: 1, count: 6), "user_factors.npy: 3 rows, but user_ids.txt lists 2 IDs"),
        (NPYFixture.shapeDict(2, 3), [Float](repeating: 1, count: 6), "item_factors.npy: 2 columns, but user_factors.npy has 3"),
        (NPYFixture.shapeDict(2, 2), [1, 1, .nan, 1], "user_factors.npy row 1 ('b') contains NaN or infinity"),
        (NPYFixture.shapeDict(2, 2), [1, .infinity, 1, 1], "user_factors.npy row 0 ('a') contains NaN or infinity"),
    ] as [(String, [Float], String)])
    func badFactorFilesAreRefusedSayingWhatWasFound(dict: String, values: [Float], message: String) throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let path = try Self.directory(dir, users: NPYFixture.file(dict, values))
        let got = Self.refusal { try FactorDirectory.read(path) }
        #expect(got.contains(message), "\(got)")
    }

    @Test func versionTwoHeadersAreRead() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let path = try Self.directory(dir, users: NPYFixture.file(NPYFixture.shapeDict(2, 2), [1, 2, 3, 4], major: 2))
        let read = try FactorDirectory.read(path)
        #expect(read.users.storage == [1, 2, 3, 4] && read.userIDs == ["a", "b"] && read.itemIDs == ["x", "y"])
    }

    @Test func badIDListsAndMismatchedInteractionsAreRefused() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let good = NPYFixture.file(NPYFixture.shapeDict(2, 2), [1, 0, 0, 1])
        #expect(Self.refusal { try FactorDirectory.read(try Self.directory(dir, users: good, userIDs: "a\na\n")) }
            .contains("user_ids.txt: line 2 repeats the ID 'a' of line 1"))
        #expect(Self.refusal { try FactorDirectory.read(try Self.directory(dir, users: good, userIDs: "a\n\nb\n")) }
            .contains("user_ids.txt: line 2 is empty"))
        let factors = try FactorDirectory.read(try Self.directory(dir, users: good))
        func table(_ pairs: [(String, String)]) -> InteractionTable {
            var users: [String] = [], items: [String] = []
            var t = InteractionTable()
            for (u, i) in pairs {
                if !users.contains(u) { users.append(u) }
                if !items.contains(i) { items.append(i) }
                t.userIndices.append(Int32(users.firstIndex(of: u)!)); t.itemIndices.append(Int32(items.firstIndex(of: i)!))
                t.weights.append(1)
            }
            t.users = IDMap(ids: users); t.items = IDMap(ids: items)
            return t
        }
        let missing = Self.refusal {
            try ALSModel.imported(factors, interactions: table([("a", "x"), ("a", "y")]), source: "in.csv", settings: ImportSettings())
        }
        #expect(missing.contains("user_ids.txt: 1 users are missing from the interactions in in.csv: 'b'"), "\(missing)")
        let extra = Self.refusal {
            try ALSModel.imported(factors, interactions: table([("a", "x"), ("b", "y"), ("c", "z")]), source: "in.csv",
                                  settings: ImportSettings())
        }
        #expect(extra.contains("in.csv: 1 users have interactions but no factors in user_ids.txt: 'c'"), "\(extra)")
        let ok = try ALSModel.imported(factors, interactions: table([("b", "y"), ("a", "x")]), source: "in.csv", settings: ImportSettings())
        #expect(ok.users.ids == ["a", "b"] && ok.userHistory(0).items == [0] && ok.userHistory(1).items == [1])
        #expect(Self.refusal {
            try ALSModel.imported(factors, interactions: table([("a", "x"), ("b", "y")]), source: "in.csv",
                                  settings: ImportSettings(alpha: 0))
        }.contains("alpha must be a finite number > 0; got 0.0"))
    }
}
