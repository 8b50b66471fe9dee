import AffinityNumerics
import Testing
@testable import AffinityRecommender

@Suite struct ALSTrainerTests {
    static func config(_ solver: ALSSolver, factors: Int = 8, iterations: Int = 6, threads: Int = 1) -> ALSConfig {
        var c = ALSConfig()
        c.factors = factors
        c.iterations = iterations
        c.regularization = 0.05
        c.solver = solver
        c.threads = threads
        c.seed = 3
        c.computeLoss = true
        return c
    }

    @Test func lossNeverIncreasesWithTheExactSolver() throws {
        let m = ALSFixtures.randomMatrix(users: 40, items: 30, density: 0.15, seed: 1)
        let losses = try ALSTrainer(config: Self.config(.cholesky, iterations: 8)).fit(m).report.losses
        #expect(losses.count == 8)
        for (a, b) in zip(losses, losses.dropFirst()) {
            // Each half-sweep is an exact block minimization; allow Float32 rounding (1e-5 relative).
            #expect(b <= a * (1 + 1e-5), "loss rose: \(losses)")
        }
        #expect(losses.last! < losses.first!)
    }

    @Test func conjugateGradientLossApproachesCholeskyAsStepsGrow() throws {
        let m = ALSFixtures.randomMatrix(users: 30, items: 25, density: 0.2, seed: 2)
        let exact = try ALSTrainer(config: Self.config(.cholesky, iterations: 12)).fit(m).report.losses.last!
        var gaps: [Double] = []
        for steps in [1, 3, 16] {
            let cg = try ALSTrainer(config: Self.config(.conjugateGradient(steps: steps), iterations: 12)).fit(m)
            gaps.append((cg.report.losses.last! - exact) / exact)
        }
        #expect(gaps[0] > gaps[2], "relative loss gap by steps 1/3/16: \(gaps)")
        #expect(abs(gaps[2]) < 1e-3, "relative loss gap by steps 1/3/16: \(gaps)")
        #expect(gaps[1] < 0.05, "relative loss gap by steps 1/3/16: \(gaps)")
    }

    @Test func plantedStructureIsRecovered() throws {
        let (m, withheld) = ALSFixtures.planted(users: 60, items: 40, groups: 4)
        var c = Self.config(.cholesky, factors: 8, iterations: 10)
        c.alpha = 10
        let fit = try ALSTrainer(config: c).fit(m)
        var hits = 0
        for u in 0..<m.rows {
            let seen = Set(m.columns[m.range(ofRow: u)])
            let scores = (0..<m.cols).map { i in
                (0..<8).reduce(Float(0)) { $0 + fit.users[u, $1] * fit.items[i, $1] }
            }
            let top = TopK.select(scores, k: 1) { seen.contains($0) }
            if top.first?.index == withheld[u] { hits += 1 }
        }
        // Each user's withheld item is one of 9 unseen in-group items among 39 unseen; require it first for most users.
        #expect(hits >= m.rows * 8 / 10, "withheld item ranked first for \(hits)/\(m.rows) users")
    }

    @Test func deterministicForSeedAndIndependentOfThreadCount() throws {
        let m = ALSFixtures.randomMatrix(users: 50, items: 20, density: 0.2, seed: 4)
        var c = Self.config(.conjugateGradient(steps: 3))
        c.computeLoss = false
        let a = try ALSTrainer(config: c).fit(m)
        let b = try ALSTrainer(config: c).fit(m)
        c.threads = 3
        let t3 = try ALSTrainer(config: c).fit(m)
        #expect(a.users == b.users && a.items == b.items)
        // Rows are solved independently with one BLAS thread, so the partition changes nothing.
        #expect(a.users == t3.users && a.items == t3.items)
        c.seed = 4
        #expect(try ALSTrainer(config: c).fit(m).users != a.users)
    }

    @Test func nonFiniteInputIsRefusedNamingTheUserAndItem() {
        let m = CSRMatrix(rows: 2, cols: 2, rowIndices: [0, 1], colIndices: [1, 0], values: [1, .nan])
        #expect {
            _ = try ALSTrainer(config: Self.config(.cholesky)).fit(m, userIDs: ["ann", "bob"], itemIDs: ["x", "y"])
        } throws: { error in
            "\(error)".contains("'bob'") && "\(error)".contains("'x'") && "\(error)".contains("NaN")
        }
    }

    @Test func emptyInputIsRefused() {
        let m = CSRMatrix(rows: 0, cols: 0, rowIndices: [], colIndices: [], values: [])
        #expect(throws: RecommenderError.self) { try ALSTrainer(config: ALSConfig()).fit(m) }
    }

    @Test(arguments: [
        ("factors", "factors must be between 1 and 1024; got 0"),
        ("iterations", "iterations must be between 1 and 10000; got 0"),
        ("regularization", "regularization must be a finite number ≥ 0; got -1.0"),
        ("alpha", "alpha must be a finite number > 0; got nan"),
        ("cg-steps", "cg-steps must be between 1 and 1024; got 0"),
        ("threads", "threads must be between 1 and 256; got 0"),
    ])
    func configValidationNamesTheField(name: String, message: String) {
        var c = ALSConfig()
        switch name {
        case "factors": c.factors = 0
        case "iterations": c.iterations = 0
        case "regularization": c.regularization = -1
        case "alpha": c.alpha = .nan
        case "cg-steps": c.solver = .conjugateGradient(steps: 0)
        default: c.threads = 0
        }
        #expect(throws: RecommenderError.self) { try c.validate() }
        do {
            try c.validate()
        } catch {
            #expect(error.description == message)
            if case .invalidParameter(let field, _, _) = error { #expect(field == name) }
        }
    }
}
