import AffinityData
import AffinityNumerics
import AffinityTestSupport
import Foundation
import Testing

/// `IDTable` (ID maps read in place from model files) against a dictionary keyed by the IDs' bytes.
@Suite struct IDTableTests {
    /// Owns an aligned copy of encoded table bytes, as a mapping would.
    final class Bytes {
        let buffer: UnsafeMutableRawBufferPointer
        init(_ bytes: [UInt8]) {
            buffer = .allocate(byteCount: max(bytes.count, 1), alignment: 64)
            bytes.withUnsafeBytes { buffer.copyMemory(from: $0) }
        }
        var raw: UnsafeRawBufferPointer { UnsafeRawBufferPointer(rebasing: buffer[0..<count]) }
        var count: Int { buffer.count }
        deinit { buffer.deallocate() }
    }

    static func table(_ encoded: [UInt8], count: Int) throws -> (IDTable, Bytes) {
        let bytes = Bytes(encoded)
        let raw = UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(bytes.buffer)[0..<encoded.count])
        return (try IDTable(bytes: raw, expectedCount: count, owner: bytes), bytes)
    }


    /// Seeded IDs of every awkward kind: empty, one byte, NUL inside, unicode (precomposed and
    /// decomposed é are different bytes, so different IDs), emoji, long, and shared prefixes.
    static func randomIDs(count: Int, seed: UInt64) -> [String] {
        var rng = SplitMix64(seed: seed)
        let pieces = ["a", "Z", "0", "9", "-", "_", " ", "\0", "é", "e\u{301}", "中", "文", "👍🏽", "ß", "Ω", "\u{FEFF}", "c"]
        var out: [String] = ["", "a", "é", "e\u{301}", "abc", "abcd", "ab", String(repeating: "x", count: 5000)]
        var seen = Set(out.map { Array($0.utf8) })
        while out.count < count {
            let length = rng.below(10) == 0 ? 100 + rng.below(2000) : rng.below(12)
            var id = rng.below(3) == 0 ? "c\(rng.below(1_000_000))" : ""
            for _ in 0..<length { id += pieces[rng.below(pieces.count)] }
            if seen.insert(Array(id.utf8)).inserted { out.append(id) }
        }
        return out
    }

    @Test(arguments: [(0, nil), (1, nil), (9, nil), (3000, nil), (3000, 3001), (500, 100_000)] as [(Int, Int?)])
    func lookupInPlaceEqualsADictionary(count: Int, slots: Int?) throws {
        let ids = Self.randomIDs(count: count, seed: UInt64(count * 31 + (slots ?? 0))).prefix(count)
        var reference: [[UInt8]: Int32] = [:]
        for (i, id) in ids.enumerated() { reference[Array(id.utf8)] = Int32(i) }
        let (table, _) = try Self.table(try IDTable.encode(Array(ids), slotCount: slots), count: ids.count)
        #expect(table.count == ids.count)
        for (i, id) in ids.enumerated() {
            #expect(table.index(of: id) == reference[Array(id.utf8)], "\(i): \(id.debugDescription)")
            #expect(table[Int32(i)] == id)
            #expect(table.withBytes(Int32(i)) { Array($0) } == Array(id.utf8))
        }
        // Unknown IDs: fresh random ones, and one-byte extensions and truncations of known ones.
        var unknown = Self.randomIDs(count: 400, seed: 99)
        unknown += ids.prefix(200).flatMap { [$0 + "#", String(decoding: Array($0.utf8).dropLast(), as: UTF8.self)] }
        for id in unknown where reference[Array(id.utf8)] == nil {
            #expect(table.index(of: id) == nil, "\(id.debugDescription)")
        }
        let map = IDMap(table: table)
        #expect(map.count == ids.count && map.ids == Array(ids) && map == IDMap(ids: Array(ids)))
        #expect(ids.allSatisfy { map.index(of: $0) == reference[Array($0.utf8)] })
    }

    @Test(arguments: ["", "c", "user-", "é-"])
    func numericIDsAreStoredAsNumbersAndLookedUpExactly(prefix: String) throws {
        var rng = SplitMix64(seed: UInt64(prefix.utf8.count + 1))
        var numbers = Set<UInt64>([0, 9, 10, 17850, 99_999_999_999_999_999])
        while numbers.count < 2000 { numbers.insert(rng.next() % (rng.below(2) == 0 ? 1000 : 10_000_000_000)) }
        let ids = numbers.sorted().shuffled(using: &rng).map { prefix + String($0) }
        let encoded = try IDTable.encode(ids)
        #expect(encoded[25] == 1, "numeric layout")
        let (table, _) = try Self.table(encoded, count: ids.count)
        for (i, id) in ids.enumerated() {
            #expect(table.index(of: id) == Int32(i))
            #expect(table[Int32(i)] == id)
        }
        let unknown = [prefix, prefix + "007", prefix + "-1", prefix + "1x", prefix + "123456789012345678", prefix + " 9",
                       "x" + prefix + "9", prefix + "10000000000000000000000", prefix + "1.0"]
        for id in unknown where !ids.contains(id) { #expect(table.index(of: id) == nil, "\(id)") }
        // Numbered IDs that do not share one prefix, or are not canonical, stay byte IDs.
        for mixed in [["c1", "d2"], ["c01", "c2"], ["c1", "c"], ["7", "c7"]] {
            let bytes = try IDTable.encode(mixed)
            #expect(bytes[25] == 0, "\(mixed)")
            let (t, _) = try Self.table(bytes, count: mixed.count)
            #expect(mixed.enumerated().allSatisfy { t.index(of: $0.element) == Int32($0.offset) && t[Int32($0.offset)] == $0.element })
        }
    }

    @Test func internOnATableBackedMapCopiesIt() throws {
        let (table, _) = try Self.table(try IDTable.encode(["u1", "u2"]), count: 2)
        var map = IDMap(table: table)
        #expect(map.isTableBacked && map.intern("u2") == 1)
        #expect(map.intern("u3") == 2 && !map.isTableBacked && map.ids == ["u1", "u2", "u3"])
    }

    @Test func duplicateBytesAreRefusedWhenEncoding() {
        #expect(throws: DataError.invalid("duplicate ID 'b' at indices 1 and 3")) { try IDTable.encode(["a", "b", "c", "b"]) }
        #expect(throws: DataError.invalid("duplicate ID '' at indices 0 and 1")) { try IDTable.encode(["", ""]) }
    }

    static func damaged(_ change: (inout [UInt8]) -> Void) throws -> String {
        var bytes = try IDTable.encode(["alpha", "beta", "gamma", "delta"], slotCount: 7)
        change(&bytes)
        do {
            _ = try Self.table(bytes, count: 4)
            return "accepted"
        } catch { return "\(error)" }
    }

    static func put(_ bytes: inout [UInt8], _ at: Int, _ value: UInt64, width: Int) {
        for b in 0..<width { bytes[at + b] = UInt8(truncatingIfNeeded: value >> (8 * UInt64(b))) }
    }

    // Layout of the 4-ID, 7-slot table: 32-byte header (length width 3 at 24); ID lengths 4 × 3
    // bits at 32 (10 bytes); checkpoints 1 × 5 bits at 42 (9 bytes); slots 7 × 3 bits at 51 (11
    // bytes); blob "alphabetagammadelta" at 62.
    static func lengths(_ b: inout [UInt8], _ change: (inout [UInt64]) -> Void) {
        ModelFileBytes.repack(&b, at: 32, count: 4, width: 3, change)
    }
    static func slots(_ b: inout [UInt8], _ change: (inout [UInt64]) -> Void) {
        ModelFileBytes.repack(&b, at: 51, count: 7, width: 3, change)
    }

    @Test func damagedTablesAreRefusedWithAReason() throws {
        #expect(try Self.damaged { _ in }.contains("accepted"))
        #expect(try Self.damaged { $0.removeLast($0.count - 20) }.contains("shorter than its 32-byte header"))
        #expect(try Self.damaged { Self.put(&$0, 0, 5, width: 8) }.contains("holds 5 IDs; the header says 4"))
        #expect(try Self.damaged { Self.put(&$0, 0, 1 << 62, width: 8) }.contains("sizes exceed"))
        #expect(try Self.damaged { Self.put(&$0, 8, 4, width: 8) }.contains("4 hash slots for 4 IDs"))
        #expect(try Self.damaged { Self.put(&$0, 8, 9, width: 8) }.contains("its sizes need"))
        #expect(try Self.damaged { Self.put(&$0, 16, 1 << 40, width: 8) }.contains("sizes exceed"))
        #expect(try Self.damaged { Self.put(&$0, 24, 0, width: 8) }.contains("layout word is 0"))
        #expect(try Self.damaged { Self.put(&$0, 24, 9, width: 8) }.contains("its sizes need"))
        #expect(try Self.damaged { $0.removeLast() }.contains("its sizes need"))
        #expect(try Self.damaged { Self.lengths(&$0) { $0[0] = 4 } }.contains("lengths sum to 18; expected 19"))
        #expect(try Self.damaged { Self.lengths(&$0) { $0[1] = 7 } }.contains("lengths pass 19 at run 3"))
        #expect(try Self.damaged { ModelFileBytes.repack(&$0, at: 42, count: 1, width: 5) { $0[0] = 1 } }.contains("do not start at 0"))
        #expect(try Self.damaged { b in Self.slots(&b) { s in s[s.firstIndex(of: 0)!] = 7 } }.contains("names ID 6 of 4"))
        #expect(try Self.damaged { b in Self.slots(&b) { s in s[s.firstIndex(of: 0)!] = 1 } }.contains("fills 5 slots for 4 IDs"))
        #expect(try Self.damaged { b in Self.slots(&b) { s in s[s.firstIndex { $0 != 0 }!] = 0 } }.contains("fills 3 slots"))
        // "delta" overwritten with "gamma": a duplicate, which one of the two indices cannot find.
        #expect(try Self.damaged { $0.replaceSubrange(76..<81, with: Array("gamma".utf8)) }.contains("duplicate ID or damaged hash table"))
    }

    @Test func randomDamageNeverCrashes() throws {
        let ids = Self.randomIDs(count: 60, seed: 5)
        let good = try IDTable.encode(ids)
        var rng = SplitMix64(seed: 12)
        for _ in 0..<2000 {
            var bytes = good
            for _ in 0..<(1 + rng.below(3)) { bytes[rng.below(bytes.count)] ^= UInt8(1 + rng.below(255)) }
            guard let (table, _) = try? Self.table(bytes, count: ids.count) else { continue }
            // Accepted only if consistent: every stored ID is found at its own index.
            for i in 0..<Int32(table.count) { #expect(table.withBytes(i) { table.lookup($0) } == i) }
        }
    }
}

extension SplitMix64 {
    /// A seeded index in 0..<n (modulo: fine for test data).
    fileprivate mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
}
