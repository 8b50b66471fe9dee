import AffinityClient
import AffinityProtocol
import AffinityTestSupport
import Foundation
import Testing

/// A full disk through the built binary: the data dir sits on a 64 KiB tmpfs (mounted here when the
/// tests run as root; otherwise the test says why and does nothing — the in-process variant with a
/// failing event log is `DispatcherTests.errorCodesFromTheDispatcher`).
@Suite(.serialized) struct DiskFullTests {
    @Test func feedbackOnAFullDiskIsRefusedNotAcknowledgedAndRecommendationsKeepServing() async throws {
        let dir = try TemporaryDirectory(prefix: "affinity-enospc")
        defer { dir.remove() }
        let mountPoint = dir.path("small")
        try FileManager.default.createDirectory(atPath: mountPoint, withIntermediateDirectories: true)
        guard getuid() == 0, run("/bin/mount", ["-t", "tmpfs", "-o", "size=64k", "tmpfs", mountPoint]) else {
            print("DiskFullTests: skipped — needs root and `mount -t tmpfs` to make a small file system")
            return
        }
        defer { _ = run("/bin/umount", [mountPoint]) }
        try ModelFile.write(to: dir.path("model.als"))
        let args = ["--model", dir.path("model.als"), "--data-dir", mountPoint + "/data", "--fsync", "always", "--threads", "1"]
        let server = try ServerProcess.start(args)
        let conn = try await AffinityConnection.connect(host: "127.0.0.1", port: server.port)
        var acked: [UInt64] = []
        var refusal: ErrorBody?
        for i in 0..<20_000 {
            let reply = try await conn.reply(.feedback, FeedbackParams(user: "u\(i % 60)", item: "i\(i % 30)", event: "click"),
                                             as: FeedbackResult.self)
            if let error = reply.error { refusal = error; break }
            acked.append(try #require(reply.result).seq)
        }
        let error = try #require(refusal, "the 64 KiB file system never filled up")
        #expect(error.code == .internal)
        #expect(!acked.isEmpty)
        // Still serving: recommendations and health on the same connection, and a fresh one.
        let rec = try await conn.call(.recommend, RecommendParams(user: "u3"), as: RecommendResult.self)
        #expect(rec.source == "model" && !rec.items.isEmpty)
        let other = try await AffinityConnection.connect(host: "127.0.0.1", port: server.port)
        #expect(try await other.call(.health, UserParams?.none, as: HealthResult.self).status == "ok")
        // The refused event is not stored; the acknowledged ones survive a crash.
        let refusedUser = "u\(acked.count % 60)"
        let live = try await conn.call(.exportUser, UserParams(user: refusedUser), as: ExportResult.self)
        #expect(live.events.allSatisfy { acked.contains($0.seq) })
        await conn.close()
        await other.close()
        server.kill()
        let restarted = try ServerProcess.start(args)
        defer { restarted.terminate() }
        let check = try await AffinityConnection.connect(host: "127.0.0.1", port: restarted.port)
        var present: Set<UInt64> = []
        for u in 0..<60 {
            present.formUnion(try await check.call(.exportUser, UserParams(user: "u\(u)"), as: ExportResult.self).events.map(\.seq))
        }
        await check.close()
        #expect(present == Set(acked), "after the crash: \(Set(acked).subtracting(present).count) lost, \(present.subtracting(acked).count) unacknowledged present")
    }

    private func run(_ tool: String, _ arguments: [String]) -> Bool {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: tool)
        p.arguments = arguments
        p.standardError = FileHandle.nullDevice
        guard (try? p.run()) != nil else { return false }
        p.waitUntilExit()
        return p.terminationStatus == 0
    }
}
