import AffinityData
import AffinityNumerics
import AffinityStore
import AffinityTestSupport
import Foundation
import Testing

/// `affinity train als --events postgres://…` and `affinity events export --events postgres://…`, and the
/// store's password in the CLI, against a real throwaway cluster.
@Suite struct StoreCLITests {
    let cli = CLIRunner()

    @Test func trainingFromTheStoreEqualsTrainingFromItsExportAndLeavesForgottenUsersOut() async throws {
        try await withInitializedLog { cluster, log in
            let dir = try TemporaryDirectory(prefix: "affinity-store-train")
            defer { dir.remove() }
            var rng = SplitMix64(seed: 17)
            let header = "user,item,event,weight,timestamp,seq\n"
            // A base file in the export's own shape; u3 is in it, in the store, and then forgotten.
            let base = header + (0..<20).map { i in
                let e = storeEvent(1000 + i, rng: &rng)
                return "\(e.user),\(e.item),\(e.event),\(e.weight),\(CSVText.dateTime(e.timestamp)),0\n"
            }.joined()
            try base.write(toFile: dir.path("base.csv"), atomically: true, encoding: .utf8)
            _ = try await log.append((0..<60).map { storeEvent($0, rng: &rng) })
            _ = try await log.forget(user: "u3")
            let last = try await log.append((60..<80).map { storeEvent($0, rng: &rng) }.filter { $0.user != "u3" })

            let options = ["--factors", "4", "--iterations", "3", "--seed", "1", "--threads", "1"]
            let fromStore = try cli.run(["train", "als", "--input", dir.path("base.csv"), "--events", cluster.url,
                                         "--output", dir.path("store.affinity")] + options)
            try #require(fromStore.exitCode == 0, "\(fromStore.stderr)")
            let export = try cli.run(["events", "export", "--events", cluster.url, "--output", dir.path("events.csv"),
                                      "--forgotten-output", dir.path("forgotten.txt")])
            try #require(export.exitCode == 0, "\(export.stderr)")
            #expect(export.stdout.contains("(watermark seq \(last.last!.seq)), 1 forgotten users"), "\(export.stdout)")
            #expect(try String(contentsOfFile: dir.path("forgotten.txt"), encoding: .utf8) == "u3\n")
            let exported = try String(contentsOfFile: dir.path("events.csv"), encoding: .utf8)
            #expect(exported.hasPrefix(header) && !exported.contains("\nu3,"))
            #expect(exported.split(separator: "\n").count - 1 == Int(try psql(cluster, "SELECT count(*) FROM affinity_events")))

            // The same rows as files: the base less u3, then the export.
            let kept = base.split(separator: "\n").dropFirst().filter { !$0.hasPrefix("u3,") }.map { $0 + "\n" }.joined()
            try (header + kept + exported.dropFirst(header.count)).write(toFile: dir.path("all.csv"), atomically: true, encoding: .utf8)
            let fromFile = try cli.run(["train", "als", "--input", dir.path("all.csv"), "--output", dir.path("file.affinity")] + options)
            try #require(fromFile.exitCode == 0, "\(fromFile.stderr)")

            let info = try modelInfo(dir.path("store.affinity"))
            #expect(info.training["training_event_sequence"] as? String == "\(last.last!.seq)")
            #expect(info.training["dataset_source"] as? String == dir.path("base.csv"))
            #expect(!info.text.contains(cluster.password))
            for name in ["store", "file"] {
                let out = try cli.run(["export", "--model", dir.path("\(name).affinity"), "--out", dir.path(name)])
                try #require(out.exitCode == 0, "\(out.stderr)")
            }
            let users = try String(contentsOfFile: dir.path("store/user_ids.txt"), encoding: .utf8)
            #expect(!users.split(separator: "\n").contains("u3") && users.split(separator: "\n").contains("u1"))
            for file in ["user_ids.txt", "item_ids.txt", "user_factors.npy", "item_factors.npy"] {
                #expect(FileManager.default.contents(atPath: dir.path("store/\(file)")) == FileManager.default.contents(atPath: dir.path("file/\(file)")),
                        "\(file): the store's model equals the file's, bit for bit")
            }
        }
    }

    @Test func thePasswordComesFromAFileAndNeverShowsInOutputOrErrors() async throws {
        try await PostgresCluster.with { cluster in
            let dir = try TemporaryDirectory(prefix: "affinity-store-pw")
            defer { dir.remove() }
            let bare = cluster.url.replacingOccurrences(of: ":\(cluster.password)@", with: "@")
            try "\(cluster.password)\n".write(toFile: dir.path("pw"), atomically: true, encoding: .utf8)
            try "wrong-pw-5521\n".write(toFile: dir.path("wrong"), atomically: true, encoding: .utf8)
            let initialized = try cli.run(["store", "init", "--events", bare, "--events-password-file", dir.path("pw")])
            #expect(initialized.exitCode == 0, "\(initialized.stderr)")
            let exported = try cli.run(["events", "export", "--events", bare, "--events-password-file", dir.path("pw"),
                                        "--output", dir.path("e.csv")])
            #expect(exported.exitCode == 0 && exported.stdout.contains("exported 0 events"), "\(exported.stderr)")
            let wrong = try cli.run(["events", "export", "--events", bare, "--events-password-file", dir.path("wrong"),
                                     "--output", dir.path("x.csv")])
            #expect(wrong.exitCode != 0 && wrong.stderr.contains("password authentication failed"), "\(wrong.stderr)")
            let both = try cli.run(["train", "als", "--events", cluster.url, "--events-password-file", dir.path("pw"),
                                    "--output", dir.path("m.affinity")])
            #expect(both.exitCode != 0 && both.stderr.contains("not both"), "\(both.stderr)")
            let fileLog = try cli.run(["events", "export", "--events", dir.path("nowhere"), "--events-password-file", dir.path("pw"),
                                       "--output", dir.path("x.csv")])
            #expect(fileLog.exitCode != 0 && fileLog.stderr.contains("--events-password-file is for --events postgres://"), "\(fileLog.stderr)")
            // Trained from the store alone, the model names the store without its password.
            _ = try psql(cluster, "INSERT INTO affinity_events VALUES (nextval('affinity_seq'), 'a', 'p1', 'click', 1, now())")
            let trained = try cli.run(["train", "als", "--events", bare, "--events-password-file", dir.path("pw"), "--factors", "2",
                                       "--iterations", "1", "--output", dir.path("m.affinity")])
            #expect(trained.exitCode == 0, "\(trained.stderr)")
            let info = try modelInfo(dir.path("m.affinity"))
            #expect(info.training["dataset_source"] as? String == bare && info.training["training_event_sequence"] as? String == "1")
            try cluster.halt()
            let down = try cli.run(["train", "als", "--events", cluster.url, "--output", dir.path("m.affinity")])
            #expect(down.exitCode != 0 && down.stderr.contains(bare), "\(down.stderr)")
            #expect(!info.text.contains(cluster.password))
            for run in [initialized, exported, wrong, both, fileLog, trained, down] {
                #expect(!(run.stdout + run.stderr).contains(cluster.password))
                #expect(!(run.stdout + run.stderr).contains("wrong-pw-5521"))
            }
        }
    }

    /// `affinity model info --json`'s training section, and the whole text.
    private func modelInfo(_ path: String) throws -> (training: [String: Any], text: String) {
        let run = try cli.run(["model", "info", path, "--json"])
        try #require(run.exitCode == 0, "\(run.stderr)")
        let info = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        return (try #require(info["training"] as? [String: Any]), run.stdout)
    }
}
