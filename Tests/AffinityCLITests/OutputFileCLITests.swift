import AffinityTestSupport
import Foundation
import Testing

/// Every error from writing an output file is one sentence naming the path (issue 17 item 15:
/// `affinity export` onto an existing file printed a raw `NSCocoaErrorDomain Code=516`).
@Suite struct OutputFileCLITests {
    let cli = CLIRunner()

    static func expectPlainError(_ r: CLIRunner.Result, naming path: String, saying reason: String) {
        #expect(r.exitCode != 0, "\(r.stdout)")
        #expect(r.stderr.contains("\(path): \(reason)"), "\(r.stderr)")
        for raw in ["NSCocoaErrorDomain", "Code=", "Error Domain", "UserInfo"] {
            #expect(!r.stderr.contains(raw), "\(r.stderr)")
        }
    }

    @Test func exportOntoAFileOrIntoAnExistingDirectory() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let shop = try RecommenderCLITests.shop(in: dir)
        let t = try RecommenderCLITests().train(dir, shop)
        #expect(t.exitCode == 0, "\(t.stderr)")
        let model = dir.path("m.affinity")

        // --out names an existing file: refused, naming it; the file is untouched.
        let file = try dir.write("taken", "keep me\n")
        let onFile = try cli.run(["export", "--model", model, "--out", file])
        Self.expectPlainError(onFile, naming: file, saying: "cannot create the directory: it exists and is not a directory")
        #expect(FileManager.default.contents(atPath: file) == Data("keep me\n".utf8))

        // An existing directory holding an earlier export: the files are replaced.
        let out = dir.path("export")
        #expect(try cli.run(["export", "--model", model, "--out", out]).exitCode == 0)
        let again = try cli.run(["export", "--model", model, "--out", out])
        #expect(again.exitCode == 0, "\(again.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: out).sorted()
                == ["item_factors.npy", "item_ids.txt", "user_factors.npy", "user_ids.txt"])

        // A directory where an export file goes: refused, naming that file.
        let blocked = dir.path("blocked")
        try FileManager.default.createDirectory(atPath: blocked + "/user_factors.npy/x", withIntermediateDirectories: true)
        let r = try cli.run(["export", "--model", model, "--out", blocked])
        Self.expectPlainError(r, naming: blocked + "/user_factors.npy", saying: "cannot replace the file (rename from ")
    }

    @Test func outputsIntoAMissingDirectoryNameThePath() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let shop = try RecommenderCLITests.shop(in: dir)
        let missing = dir.path("no/such")
        let runs: [(args: [String], path: String)] = [
            (["train", "als", "--input", shop, "--factors", "4", "--iterations", "1", "--output", missing + "/m.affinity"],
             missing + "/m.affinity"),
            (["split", "--input", shop, "--leave-last", "1", "--train-out", missing + "/train.csv", "--test-out", dir.path("test.csv")],
             missing + "/train.csv"),
            (["churn", "synth", "--rows", "10", "--features", "2", "--output", missing + "/c.csv"], missing + "/c.csv"),
        ]
        for run in runs {
            let r = try cli.run(run.args)
            Self.expectPlainError(r, naming: run.path, saying: "cannot create a temporary file beside it: no such file or directory")
        }
    }
}
