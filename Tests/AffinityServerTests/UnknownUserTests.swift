import AffinityData
import AffinityProtocol
import AffinityTestSupport
import Foundation
import Testing

/// `export_user` and `forget_user` of a user the server has never seen answer `"known": false`, and
/// such a forget writes no tombstone (issue 17, item 6); a user known only from the model's training
/// data, or only from events, is known and forgotten as before. With the memory and the file log.
@Suite struct UnknownUserTests {
    private func withFixture(file: Bool, _ body: (DispatcherFixture) async throws -> Void) async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let log: any EventLog = file ? try FileEventLog.open(directory: dir.url.path) : MemoryEventLog()
        defer { log.close() }
        try await body(try DispatcherFixture(log: log))
    }

    @Test(arguments: [false, true])
    func aNeverSeenUserIsNotKnownAndNothingIsWritten(file: Bool) async throws {
        try await withFixture(file: file) { fx in
            let export = try await fx.result(.exportUser(UserParams(user: "nobody")), as: ExportResult.self)
            #expect(export == ExportResult(user: "nobody", events: [], history: [], factors: nil, known: false))
            let forgot = try await fx.result(.forgetUser(UserParams(user: "nobody")), as: ForgetResult.self)
            #expect(forgot == ForgetResult(user: "nobody", eventsRemoved: 0, hadFactors: false, known: false))
            #expect(fx.log.forgottenUsers().isEmpty && fx.log.lastSeq == 0, "no tombstone for a user never seen")
            let wire = try #require(String(data: try JSONEncoder().encode(forgot), encoding: .utf8))
            #expect(wire.contains(#""known":false"#))
            // Still not known afterwards: the forget left nothing behind.
            #expect(try await fx.result(.exportUser(UserParams(user: "nobody")), as: ExportResult.self).known == false)
        }
    }

    @Test(arguments: [false, true])
    func aUserKnownOnlyFromTrainingIsKnownAndTombstoned(file: Bool) async throws {
        try await withFixture(file: file) { fx in
            let export = try await fx.result(.exportUser(UserParams(user: "alice")), as: ExportResult.self)
            #expect(export.known && export.events.isEmpty && !export.history.isEmpty)
            let forgot = try await fx.result(.forgetUser(UserParams(user: "alice")), as: ForgetResult.self)
            #expect(forgot == ForgetResult(user: "alice", eventsRemoved: 0, hadFactors: true, known: true))
            #expect(fx.log.forgottenUsers()["alice"] == 1, "the tombstone hides the training data after a restart")
            let after = try await fx.result(.exportUser(UserParams(user: "alice")), as: ExportResult.self)
            #expect(after == ExportResult(user: "alice", events: [], history: [], factors: nil, known: true))
        }
    }

    @Test(arguments: [false, true])
    func aUserKnownOnlyFromEventsIsKnownAndForgotten(file: Bool) async throws {
        try await withFixture(file: file) { fx in
            _ = try await fx.result(.feedback(FeedbackParams(user: "newbie", item: "i4", event: "click", timestamp: 7)),
                                    as: FeedbackResult.self)
            let export = try await fx.result(.exportUser(UserParams(user: "newbie")), as: ExportResult.self)
            #expect(export.known && export.events.map(\.item) == ["i4"] && export.history.isEmpty)
            let forgot = try await fx.result(.forgetUser(UserParams(user: "newbie")), as: ForgetResult.self)
            #expect(forgot == ForgetResult(user: "newbie", eventsRemoved: 1, hadFactors: true, known: true))
            #expect(try fx.log.events(of: "newbie").isEmpty && fx.log.forgottenUsers()["newbie"] == 2)
        }
    }
}
