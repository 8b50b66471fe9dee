import AffinityData
import AffinityNumerics
import AffinityTestSupport
import Foundation
import Testing
@testable import AffinityRecommender

/// Format 2's compact sections: the history encoding is exact, and damage to any history or ID
/// section (with a valid checksum, so only the damaged field can be the reason) is refused
/// with a clear message — never a crash.
@Suite struct ModelFileSectionTests {
    static func model(users: Int = 40, weights: (inout Xoshiro256) -> Float) throws -> ALSModel {
        var t = ALSModelTests.table(users: users)
        var rng = Xoshiro256(seed: 3)
        t.weights = t.weights.map { _ in weights(&rng) }
        var c = ALSConfig()
        c.factors = 8; c.iterations = 3; c.threads = 1; c.regularization = 0.1
        return try ALSModel.train(t, config: c)
    }

    static func roundTrip(_ model: ALSModel) throws -> ALSModel {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try model.save(to: dir.path("m.affinity"))
        return try ALSModel.load(path: dir.path("m.affinity"))
    }

    @Test(arguments: ["palette", "raw"])
    func historyRoundTripsExactly(weights kind: String) throws {
        // Few distinct weights take the palette encoding; many take raw float32.
        let model = try Self.model(users: 200) { rng in kind == "palette" ? Float(1 + rng.next() % 4) : Float(rng.next() % 100_000) / 7 }
        let loaded = try Self.roundTrip(model)
        #expect(loaded.users.isTableBacked && loaded.items.isTableBacked)
        #expect(loaded.storage.sections[4].count == (kind == "palette" ? 4 + 4 * 4 : 4 + 4 * loaded.header.nnz))
        for u in 0..<Int32(model.header.users) {
            let (a, b) = (model.userHistory(u), loaded.userHistory(u))
            #expect(a.items == b.items && a.weights.map(\.bitPattern) == b.weights.map(\.bitPattern))
            #expect(Array(loaded.userHistoryItems(u)) == a.items)
            #expect(loaded.users[u] == model.users[u] && loaded.users.index(of: model.users[u]) == u)
        }
        #expect(loaded.recommend(user: "user-7", k: 8) == model.recommend(user: "user-7", k: 8))
        #expect(loaded.users.index(of: "user-x") == nil && loaded.items.index(of: "") == nil)
    }

    @Test func wideItemIndicesAndManyWeightsDecodeExactly() throws {
        // More than 65,536 items: item indices take 4 bytes.
        let items = 70_000
        let rows = [[3, 65_535, 65_536, 69_999], [], [0], [12, 40_000]]
        let pointers = rows.reduce(into: [0]) { $0.append($0.last! + $1.count) }
        let columns = rows.flatMap { $0.map { Int32($0) } }
        let values = columns.indices.map { Float($0) * 0.37 + 0.01 }
        let storage = ModelStorage(users: [Float](repeating: 0, count: rows.count), items: [Float](repeating: 0, count: items),
                                   factors: 1, rowPointers: pointers, columns: columns, values: values)
        #expect(storage.sections[3].count == ModelFileBytes.packedBytes(columns.count, 17))
        for (u, row) in rows.enumerated() {
            #expect(storage.history.range(u).map { Int(storage.history.item($0)) } == row)
        }
        #expect(columns.indices.map { storage.history.weight($0).bitPattern } == values.map(\.bitPattern))
    }

    @Test func aLoadedModelOwnsItsBytesWhenTheFileIsTruncatedInPlace() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let path = dir.path("m.affinity")
        let model = try Self.model(users: 300) { rng in Float(1 + rng.next() % 4) }
        try model.save(to: path)
        let loaded = try ALSModel.load(path: path)
        #expect(truncate(path, 11) == 0)  // as `cp other m.affinity` or an in-place write would
        for u in 0..<Int32(model.header.users) {
            #expect(loaded.users.index(of: model.users[u]) == u)
            #expect(loaded.recommend(userIndex: u, k: 5) == model.recommend(userIndex: u, k: 5))
        }
    }

    static func damaged(_ change: (inout [UInt8]) -> Void) throws -> String {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let path = dir.path("m.affinity")
        try Self.model { rng in Float(1 + rng.next() % 3) }.save(to: path)
        let good = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        try Data(ModelFileBytes.resealed(good, change)).write(to: URL(fileURLWithPath: path))
        do {
            let model = try ALSModel.load(path: path)
            for u in 0..<Int32(model.header.users) { _ = model.recommend(userIndex: u, k: 5); _ = model.userHistory(u) }
            return "loaded"
        } catch {
            return error.description
        }
    }

    /// Byte offset `at` into section `s` of `bytes`.
    static func at(_ bytes: [UInt8], _ s: Int, _ at: Int) -> Int { ModelFileBytes.section(bytes, s).offset + at }

    @Test func damagedSectionsAreRefused() throws {
        // The damaged model: 40 users, 30 items, 208 interactions, weights 1...3 (a 3-entry palette).
        // History offsets: u64 length width L, 40 lengths of L bits, 2 checkpoints of 8 bits;
        // entries: 208 × (5 item + 2 code) bits. User IDs "user-0"… are numeric IDs: 40 numbers ×
        // 6 bits at 32 (38 bytes), 51 slots × 6 bits at 70 (47 bytes), the prefix "user-" at 117.
        typealias B = ModelFileBytes
        func historyLengths(_ b: inout [UInt8], _ change: (inout [UInt64]) -> Void) {
            B.repack(&b, at: Self.at(b, 2, 8), count: 40, width: B.u64(b, Self.at(b, 2, 0)), change)
        }
        func entries(_ b: inout [UInt8], _ change: (inout [UInt64]) -> Void) { B.repack(&b, at: Self.at(b, 3, 0), count: 208, width: 7, change) }
        func userNumbers(_ b: inout [UInt8], _ change: (inout [UInt64]) -> Void) { B.repack(&b, at: Self.at(b, 5, 32), count: 40, width: 6, change) }
        func userSlots(_ b: inout [UInt8], _ change: (inout [UInt64]) -> Void) { B.repack(&b, at: Self.at(b, 5, 70), count: 51, width: 6, change) }
        let cases: [(String, (inout [UInt8]) -> Void)] = [
            ("format version 1 is no longer read by this build", { B.put(&$0, 8, 1, width: 4) }),
            ("history offsets are inconsistent", { B.put(&$0, Self.at($0, 2, 0), 0, width: 8) }),
            ("offset checkpoint 1 is", { historyLengths(&$0) { l in l[l.firstIndex { $0 > 0 }!] -= 1 } }),
            ("lengths sum to 207; expected 208", { historyLengths(&$0) { l in l[l.lastIndex { $0 > 0 }!] -= 1 } }),
            ("out of order or out of 0..<30", { entries(&$0) { $0[0] = $0[0] & ~31 | 30 } }),
            ("out of order or out of 0..<30", { b in
                // A user's second item set equal to the first.
                var first = 0
                historyLengths(&b) { l in
                    let u = (0..<40).first { l[$0] >= 2 }!
                    first = Int(l[0..<u].reduce(0, +))
                }
                entries(&b) { e in e[first + 1] = e[first + 1] & ~31 | e[first] & 31 }
            }),
            ("weight code 3 of a 3-entry palette", { entries(&$0) { $0[5] |= 3 << 5 } }),
            ("does not fit a palette of 300", { B.put(&$0, Self.at($0, 4, 0), 300, width: 4) }),
            ("does not fit a palette of 2", { B.put(&$0, Self.at($0, 4, 0), 2, width: 4) }),
            ("weight palette has a non-finite value", { B.put(&$0, Self.at($0, 4, 4), UInt64(Float.nan.bitPattern), width: 4) }),
            ("ID table holds 41 IDs; the header says 40", { B.put(&$0, Self.at($0, 5, 0), 41, width: 8) }),
            ("ID table holds 31 IDs; the header says 30", { B.put(&$0, Self.at($0, 6, 0), 31, width: 8) }),
            ("sizes exceed its section", { B.put(&$0, Self.at($0, 5, 8), 1 << 50, width: 8) }),
            ("layout word is 769", { B.put(&$0, Self.at($0, 6, 24), 0x301, width: 8) }),
            ("layout word is 0", { B.put(&$0, Self.at($0, 5, 24), 0, width: 8) }),
            ("does not find ID", { b in B.put(&b, Self.at(b, 5, 117), UInt64(UInt8(ascii: "v")), width: 1) }),
            ("names ID 62 of 40", { userSlots(&$0) { s in s[s.firstIndex(of: 0)!] = 63 } }),
            ("duplicate ID or damaged hash table", { userNumbers(&$0) { $0[1] = $0[2] } }),
        ]
        for (expected, change) in cases {
            let message = try Self.damaged(change)
            #expect(message.contains(expected), "\(message)")
            #expect(message.contains("corrupted") || message.contains("retrain"), "\(message)")
        }
    }

    @Test func randomSectionDamageNeverCrashes() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let path = dir.path("m.affinity")
        try Self.model { rng in Float(1 + rng.next() % 4) }.save(to: path)
        let good = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        var rng = Xoshiro256(seed: 77)
        var refused = 0
        for trial in 0..<150 {
            let s = 2 + trial % 5
            let (offset, count) = ModelFileBytes.section(good, s)
            let bad = ModelFileBytes.resealed(good) { b in
                for _ in 0..<(1 + Int(rng.next() % 3)) { b[offset + Int(rng.next() % UInt64(count))] ^= UInt8(1 + rng.next() % 255) }
            }
            try Data(bad).write(to: URL(fileURLWithPath: path))
            guard let model = try? ALSModel.load(path: path) else { refused += 1; continue }
            for u in 0..<Int32(model.header.users) { _ = model.recommend(userIndex: u, k: 3) }
        }
        #expect(refused > 100)
    }
}
