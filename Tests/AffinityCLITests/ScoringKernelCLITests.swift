import AffinityTestSupport
import Foundation
import Testing

/// The recommend scoring kernel gives the same bits on every instruction set it can run with
/// (`AFFINITY_KERNELS` caps the choice): each score is one fma chain in factor order, and the
/// baseline variant uses the same correctly rounded fma (docs/NUMERICS.md).
@Suite struct ScoringKernelCLITests {
    let cli = CLIRunner()

    @Test func recommendListsAreIdenticalOnEveryInstructionSet() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let shop = try RecommenderCLITests.shop(in: dir)
        // 19 factors: not a multiple of any vector width.
        let t = try cli.run(["train", "als", "--input", shop, "--factors", "19", "--iterations", "2", "--threads", "1",
                             "--output", dir.path("m.affinity"), "--json"])
        #expect(t.exitCode == 0, "\(t.stderr)")
        for user in ["u0", "u4", "u11", "u23"] {
            let args = ["recommend", "--model", dir.path("m.affinity"), "--user", user, "--k", "12", "--json"]
            let native = try cli.run(args)
            #expect(native.exitCode == 0, "\(native.stderr)")
            #expect(native.stdout.contains("\"score\""))
            for isa in ["avx2", "baseline"] {
                let capped = try cli.run(args, environment: ["AFFINITY_KERNELS": isa])
                #expect(capped.stdout == native.stdout, "\(user) with AFFINITY_KERNELS=\(isa)")
            }
        }
    }
}
