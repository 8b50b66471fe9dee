import AffinityTestSupport
import Foundation
import Testing

/// `--weight-transform`, `--events`, `--event-weights`, `--half-life-days` and
/// `split --random` through the built binary.
@Suite struct ALSInputOptionsCLITests {
    let cli = CLIRunner()

    /// Funnel events with timestamps: 12 users over 6 items.
    static func events(in dir: TemporaryDirectory) throws -> String {
        var csv = "user,item,event,timestamp\n"
        let names = ["view", "click", "cart_add", "purchase"]
        var t = 1_600_000_000
        for u in 0..<12 {
            for j in 0..<4 { csv += "u\(u),item\((u + j) % 6),\(names[(u + j) % 4]),\(t)\n"; t += 3_600 }
        }
        return try dir.write("events.csv", csv)
    }

    func info(_ model: String) throws -> [String: Any] {
        let r = try cli.run(["model", "info", model, "--json"])
        try #require(r.exitCode == 0, "\(r.stderr)")
        return try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
    }

    @Test func trainRecordsTheTransformAndTheEventWeights() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let input = try Self.events(in: dir)
        let r = try cli.run(["train", "als", "--input", input, "--factors", "3", "--iterations", "2", "--threads", "1",
                             "--weight-transform", "bm25", "--bm25-k1", "1.2", "--event-weights", "click=5,purchase=10",
                             "--events", "click,cart_add,purchase", "--half-life-days", "2", "--output", dir.path("m.affinity"), "--json"])
        #expect(r.exitCode == 0, "\(r.stderr)")
        let fit = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        #expect(fit["nnz"] as? Int == 36, "the 12 view rows are filtered out")
        let info = try info(dir.path("m.affinity"))
        #expect((info["hyperparameters"] as? [String: Any])?["weight_transform"] as? String == "bm25(k1=1.2, b=0.8)")
        let weights = try #require(info["event_weights"] as? [String: Any])
        #expect(weights["click"] as? Double == 5 && weights["purchase"] as? Double == 10 && weights["view"] as? Double == 1)
    }

    @Test(arguments: [
        (["--weight-transform", "sqrt"], "The value 'sqrt' is invalid for '--weight-transform <weight-transform>'"),
        (["--bm25-k1", "0"], "--bm25-k1 must be a finite number > 0; got 0.0"),
        (["--bm25-b", "2"], "--bm25-b must be between 0 and 1; got 2.0"),
        (["--half-life-days", "0"], "--half-life-days must be a finite number of days > 0; got 0.0"),
        (["--event-weights", "view"], "--event-weights expects name=weight pairs separated by commas (e.g. view=1,click=2); got 'view'"),
        (["--event-weights", "view=x"], "--event-weights: the weight of 'view' must be a finite number; got 'x'"),
        (["--events", "view,"], "--events expects event type names separated by commas"),
    ])
    func badValuesAreRefusedNamingTheFlag(flags: [String], message: String) throws {
        let r = try cli.run(["train", "als", "--input", "x.csv", "--output", "m.affinity"] + flags)
        #expect(r.exitCode == 64, "\(r.stderr)")
        #expect(r.stderr.contains(message), "\(r.stderr)")
    }

    @Test func dataWithoutTheNeededColumnsIsRefusedNamingTheFlag() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let plain = try dir.write("plain.csv", "user,item,weight\na,x,1\nb,y,2\n")
        let events = try Self.events(in: dir)
        for (input, flags, message) in [(plain, ["--half-life-days", "7"], "--half-life-days needs timestamps; \(plain) has none"),
                                        (plain, ["--events", "view"], "--events needs an event column; \(plain) has none"),
                                        (events, ["--event-weights", "clik=2"], "--event-weights: unknown event type 'clik'; known types: cart_add, click, dismiss")] {
            let r = try cli.run(["train", "als", "--input", input, "--output", dir.path("m.affinity"), "--iterations", "1"] + flags)
            #expect(r.exitCode != 0 && r.stderr.contains(message), "\(flags): \(r.stderr)")
            #expect(!FileManager.default.fileExists(atPath: dir.path("m.affinity")))
        }
    }

    /// `--events` is one flag: event types to keep everywhere, an event log only for `train als`. Naming a
    /// log elsewhere is refused (not silently ignored), and `tune` applies the filter like `train` does.
    @Test func eventsIsAFilterOutsideTrainALSAndTuneHonoursIt() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let input = try Self.events(in: dir)
        let ease = try cli.run(["train", "ease", "--input", input, "--events", dir.url.path, "--output", dir.path("e.affinity")])
        #expect(ease.exitCode != 0 && ease.stderr.contains("names an event log, which only `affinity train als` trains on"), "\(ease.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir.path("e.affinity")))
        let tune = try cli.run(["tune", "--input", input, "--events", "clik", "--budget", "1", "--algorithms", "ease",
                                "--output", dir.path("best.json"), "--model-output", dir.path("t.affinity")])
        #expect(tune.exitCode != 0 && tune.stderr.contains("--events: unknown event type 'clik'"), "\(tune.stderr)")
    }

    @Test func randomSplitIsReproducibleFromTheSeed() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        var csv = "user,item,weight\n"
        for u in 0..<15 { for i in 0..<8 { csv += "u\(u),i\(i),\(1 + (u * i) % 4)\n" } }
        let input = try dir.write("plays.csv", csv)
        func split(_ seed: String, _ name: String) throws -> String {
            let r = try cli.run(["split", "--input", input, "--random", "--seed", seed, "--test-fraction", "0.25",
                                 "--train-out", dir.path("\(name)-train.csv"), "--test-out", dir.path("\(name)-test.csv"), "--json"])
            try #require(r.exitCode == 0, "\(r.stderr)")
            return try String(contentsOfFile: dir.path("\(name)-test.csv"), encoding: .utf8)
        }
        let a = try split("3", "a"), b = try split("3", "b"), c = try split("4", "c")
        #expect(a == b && a != c)
        #expect(a.split(separator: "\n").count == 1 + 15 * 2, "round(8 × 0.25) = 2 test rows per user, plus the header")
        let temporal = try cli.run(["split", "--input", input, "--test-fraction", "0.25", "--train-out", dir.path("t.csv"), "--test-out", dir.path("s.csv")])
        #expect(temporal.exitCode != 0 && temporal.stderr.contains("split with --random"), "\(temporal.stderr)")
    }

    @Test(arguments: [
        (["--seed", "3", "--leave-last", "1"], "--seed applies only to --random"),
        (["--random", "--cutoff", "2020-01-01"], "--random draws each user's test rows at random; drop --cutoff"),
        (["--random", "--test-fraction", "1"], "--test-fraction must be between 0 and 1 (exclusive); got 1.0"),
    ])
    func randomSplitFlagsAreValidated(flags: [String], message: String) throws {
        let r = try cli.run(["split", "--input", "a.csv", "--train-out", "t", "--test-out", "s"] + flags)
        #expect(r.exitCode == 64, "\(r.stderr)")
        #expect(r.stderr.contains(message), "\(r.stderr)")
    }
}
