import AffinityClient
import AffinityProtocol
import AffinityTestSupport
import Foundation
import Testing

/// Damaged model files (issue 7, item 3): each is refused by `affinity recommend --model` (exit ≠ 0,
/// a message naming the file and the problem) and by `reload` on a running server (error reply,
/// the old model keeps serving).
@Suite(.serialized) struct ModelFileRefusalTests {
    /// A damage: its name, how it changes a good file, and a fragment the refusal must contain.
    struct Damage: CustomStringConvertible, Sendable {
        let description: String
        let expected: String
        let apply: @Sendable (Data) -> Data
    }

    static let damages: [Damage] = [
        Damage(description: "zero-length", expected: "truncated model file (0 bytes)") { _ in Data() },
        Damage(description: "truncated", expected: "truncated") { $0.prefix($0.count / 2) },
        Damage(description: "one header byte", expected: "truncated") { $0.prefix(9) },
        Damage(description: "bit flipped in the factors", expected: "checksum mismatch") { d in
            var d = d
            d[d.count - 100] ^= 0x04
            return d
        },
        Damage(description: "newer version", expected: "version 99 is newer") { d in
            resealed(d) { $0.replaceSubrange(8..<12, with: [99, 0, 0, 0]) }
        },
        Damage(description: "version 0", expected: "version 0") { d in
            resealed(d) { $0.replaceSubrange(8..<12, with: [0, 0, 0, 0]) }
        },
        Damage(description: "big-endian", expected: "byte order") { d in
            resealed(d) { bytes in
                // Every integer of the fixed header and the section table byte-swapped.
                bytes.replaceSubrange(8..<12, with: bytes[8..<12].reversed())
                bytes.replaceSubrange(12..<16, with: bytes[12..<16].reversed())
                let sections = Int(bytes[16])
                bytes.replaceSubrange(16..<24, with: bytes[16..<24].reversed())
                for s in 0..<(2 * sections) {
                    let at = 24 + 8 * s
                    bytes.replaceSubrange(at..<(at + 8), with: bytes[at..<(at + 8)].reversed())
                }
            }
        },
        Damage(description: "not a model", expected: "bad magic") { d in
            resealed(d) { $0.replaceSubrange(0..<8, with: Array("AFFNCHRN".utf8)) }
        },
    ]

    @Test(arguments: damages)
    func refusedByTheCLI(_ damage: Damage) throws {
        let dir = try TemporaryDirectory(prefix: "affinity-badmodel")
        defer { dir.remove() }
        try ModelFile.write(to: dir.path("good.als"))
        let good = try Data(contentsOf: URL(fileURLWithPath: dir.path("good.als")))
        try damage.apply(good).write(to: URL(fileURLWithPath: dir.path("bad.als")))
        let ok = try CLIRunner().run(["recommend", "--model", dir.path("good.als"), "--user", "u1"])
        #expect(ok.exitCode == 0, "the undamaged file must load: \(ok.stderr)")
        let r = try CLIRunner().run(["recommend", "--model", dir.path("bad.als"), "--user", "u1"])
        #expect(r.exitCode != 0)
        #expect(r.stdout.isEmpty)
        #expect(r.stderr.contains("bad.als") && r.stderr.contains(damage.expected), "\(damage): \(r.stderr)")
    }

    @Test func refusedByReloadWhileTheOldModelKeepsServing() async throws {
        let dir = try TemporaryDirectory(prefix: "affinity-badreload")
        defer { dir.remove() }
        try ModelFile.write(to: dir.path("good.als"))
        let good = try Data(contentsOf: URL(fileURLWithPath: dir.path("good.als")))
        let server = try ServerProcess.start(["--model", dir.path("good.als"), "--threads", "1"])
        defer { server.terminate() }
        let conn = try await AffinityConnection.connect(host: "127.0.0.1", port: server.port)
        let ask = RecommendParams(user: "u5", k: 5)
        let before = try await conn.call(.recommend, ask, as: RecommendResult.self)
        for (n, damage) in Self.damages.enumerated() {
            let path = dir.path("bad-\(n).als")
            try damage.apply(good).write(to: URL(fileURLWithPath: path))
            let reply = try await conn.reply(.reload, ReloadParams(path: path), as: ReloadResult.self)
            #expect(reply.error?.code == .badRequest, "\(damage): \(String(describing: reply.error))")
            #expect(reply.error?.message.contains(damage.expected) == true, "\(damage): \(reply.error?.message ?? "-")")
            #expect(try await conn.call(.recommend, ask, as: RecommendResult.self) == before, "\(damage): the old model stopped serving")
        }
        // The same connection can still reload a good file.
        let fine = try await conn.call(.reload, ReloadParams(path: dir.path("good.als")), as: ReloadResult.self)
        #expect(fine.previousVersion == before.modelVersion)
        await conn.close()
    }

    /// Applies `change` and writes a fresh CRC-32, so only the changed field can be the reason for refusal.
    static func resealed(_ data: Data, _ change: (inout [UInt8]) -> Void) -> Data {
        Data(ModelFileBytes.resealed([UInt8](data), change))
    }
}
