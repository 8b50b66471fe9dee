import AffinityData
import AffinityNumerics
import AffinityTestSupport
import Testing
@testable import AffinityRecommender

/// `ALSModel.explain`: the per-history-item terms c_uj·p_uj·y_iᵀW_u·y_j add up to the score, match an
/// explicit Double inverse of the user's weighted Gram matrix, and leave negative feedback out.
@Suite struct ALSExplainTests {
    static func model(scaling: RegularizationScaling, confidence: ConfidenceConvention, transform: WeightTransform = .none,
                      users: Int = 40, items: Int = 30, factors: Int = 8) throws -> ALSModel {
        var c = ALSConfig()
        c.factors = factors; c.iterations = 4; c.threads = 1; c.regularization = 0.1; c.alpha = 1.5
        c.solver = .cholesky; c.confidence = confidence; c.regularizationScaling = scaling; c.weightTransform = transform
        return try ALSModel.train(ALSModelTests.table(users: users, items: items, seed: 5), config: c)
    }

    /// User `u`'s training history plus an impression and a dismissal (the model's negative weights) on
    /// two items they never touched.
    static func historyWithNegativeFeedback(_ model: ALSModel, user u: Int32) throws -> (items: [Int32], weights: [Float]) {
        var profile = UserProfile(trained: zip(model.userHistory(u).items, model.userHistory(u).weights).map { ($0, $1) })
        let untouched = (0..<Int32(model.header.items)).filter { !model.hasSeen(user: u, item: $0) }
        profile.add(untouched[0], weight: try #require(model.header.eventWeights["impression"]))
        profile.add(untouched[1], weight: try #require(model.header.eventWeights["dismiss"]))
        return profile.sortedWeights()
    }

    /// Tolerance: the score y_iᵀx_u and the terms' sum bᵀ(W_u·y_i) are two Float32 Cholesky solves of the
    /// same f = 8 system (λ = 0.1, cond(A) ≲ 10³), so they differ by about cond·f·2⁻²⁴ ≈ 5e-4 of the
    /// terms' scale Σ|term| at worst; 2e-3 leaves a margin and still fails for a missing or doubled term.
    @Test(arguments: RegularizationScaling.allCases, ConfidenceConvention.allCases)
    func termsAddUpToTheScoreWithNegativeFeedback(scaling: RegularizationScaling, confidence: ConfidenceConvention) throws {
        try Self.expectTermsAddUp(try Self.model(scaling: scaling, confidence: confidence))
    }

    /// Under `--weight-transform` the terms' c·p come from the transformed weights, as the fold-in's do.
    @Test(arguments: [WeightTransform.log1p, .bm25])
    func termsAddUpUnderAWeightTransform(transform: WeightTransform) throws {
        try Self.expectTermsAddUp(try Self.model(scaling: .frequency, confidence: .onePlusAlpha, transform: transform))
    }

    static func expectTermsAddUp(_ model: ALSModel) throws {
        for u in stride(from: Int32(0), to: 40, by: 3) {
            let history = try historyWithNegativeFeedback(model, user: u)
            var x: [Float] = []
            try model.foldIn(items: history.items, weights: history.weights, into: &x)
            let list = x.withUnsafeBufferPointer { model.recommend(factors: $0, seen: history.items, k: 5) }
            let explained = try model.explain(items: history.items, weights: history.weights,
                                              recommended: list.map(\.itemIndex), k: history.items.count)
            let negative = Set(zip(history.items, history.weights).filter { $0.1 <= 0 }.map(\.0))
            for (r, e) in zip(list, explained) {
                #expect(e.itemIndex == r.itemIndex)
                let terms = e.because.map { Double($0.contribution) }
                let scale = max(terms.map(abs).reduce(0, +), abs(Double(r.score)))
                let gap = abs(terms.reduce(0, +) - Double(r.score))
                #expect(gap <= 2e-3 * scale, "user \(u) item \(r.item): terms sum to \(terms.reduce(0, +)), score \(r.score)")
                #expect(abs(Double(e.total) - terms.reduce(0, +)) <= 1e-6 * scale)
                #expect(e.because.allSatisfy { !negative.contains($0.itemIndex) }, "negative feedback has preference 0: no term")
                #expect(e.because.count == history.items.count - negative.count)
                #expect(zip(e.because, e.because.dropFirst()).allSatisfy { $0.contribution >= $1.contribution })
                for c in e.because { #expect(abs(Double(c.share) - Double(c.contribution) / Double(e.total)) <= 1e-6 * abs(Double(c.share)) + 1e-9) }
            }
        }
    }

    /// A trained user's explanation decomposes their stored factors' scores (the trainer's final user
    /// half-step is the exact fold-in), and `k` keeps the largest terms.
    @Test func trainedUsersStoredScoresAreDecomposed() throws {
        let model = try Self.model(scaling: .frequency, confidence: .onePlusAlpha)
        for u in Int32(0)..<10 {
            let (items, weights) = model.userHistory(u)
            let list = model.recommend(userIndex: u, k: 4)
            let all = try model.explain(items: items, weights: weights, recommended: list.map(\.itemIndex), k: items.count)
            let top = try model.explain(items: items, weights: weights, recommended: list.map(\.itemIndex))
            for (r, (e, t)) in zip(list, zip(all, top)) {
                let terms = e.because.map { Double($0.contribution) }
                #expect(abs(terms.reduce(0, +) - Double(r.score)) <= 2e-3 * terms.map(abs).reduce(0, +), "user \(u)")
                #expect(t.because == Array(e.because.prefix(3)))
            }
        }
    }

    /// Against a plain reference on a tiny model: A_u = Σ_all y·yᵀ + Σ_hist (c−1)·y·yᵀ + λ_u·I built cell by
    /// cell in Double, W_u its explicit inverse (Gauss–Jordan), term_j = c_j·p_j·y_iᵀW_u·y_j. Tolerance:
    /// Float32 solve of an f = 3 system, 1e-4 of Σ|term|.
    @Test(arguments: RegularizationScaling.allCases, ConfidenceConvention.allCases)
    func termsMatchAnExplicitDoubleInverse(scaling: RegularizationScaling, confidence: ConfidenceConvention) throws {
        let model = try Self.model(scaling: scaling, confidence: confidence, users: 12, items: 8, factors: 3)
        let y = (0..<Int32(8)).map { model.itemFactors($0).map(Double.init) }
        let h = model.header
        for u in Int32(0)..<12 {
            let history = try Self.historyWithNegativeFeedback(model, user: u)
            let c = history.weights.map { w in Double(confidence == .onePlusAlpha ? 1 + h.alpha * abs(w) : h.alpha * abs(w)) }
            let positives = history.weights.filter { $0 > 0 }.count
            let lambda = Double(h.regularization) * Double(scaling == .frequency ? positives : 1)
            var a = (0..<3).map { r in (0..<3).map { s in r == s ? lambda : 0.0 } }
            for (i, yi) in y.enumerated() {
                let ci = history.items.firstIndex(of: Int32(i)).map { c[$0] } ?? 1
                for r in 0..<3 { for s in 0..<3 { a[r][s] += ci * yi[r] * yi[s] } }
            }
            let w = try #require(Self.inverse(a))
            let explained = try model.explain(items: history.items, weights: history.weights, recommended: (0..<8).map(Int32.init), k: 8)
            for (i, e) in explained.enumerated() {
                let terms = zip(history.items, zip(history.weights, c)).map { j, wc -> Double in
                    guard wc.0 > 0 else { return 0 }
                    let wy = (0..<3).map { r in (0..<3).reduce(0.0) { $0 + w[r][$1] * y[Int(j)][$1] } }
                    return wc.1 * (0..<3).reduce(0.0) { $0 + y[i][$1] * wy[$1] }
                }
                let scale = max(terms.map(abs).reduce(0, +), 1e-12)
                for b in e.because {
                    let k = try #require(history.items.firstIndex(of: b.itemIndex))
                    #expect(abs(Double(b.contribution) - terms[k]) <= 1e-4 * scale, "user \(u) item \(i) from \(b.item)")
                }
                #expect(abs(Double(e.total) - terms.reduce(0, +)) <= 1e-4 * scale, "user \(u) item \(i)")
            }
        }
    }

    /// Gauss–Jordan inverse with partial pivoting in Double; nil when singular.
    static func inverse(_ a: [[Double]]) -> [[Double]]? {
        let n = a.count
        var m = a.enumerated().map { r, row in row + (0..<n).map { $0 == r ? 1.0 : 0.0 } }
        for col in 0..<n {
            guard let p = (col..<n).max(by: { abs(m[$0][col]) < abs(m[$1][col]) }), m[p][col] != 0 else { return nil }
            m.swapAt(col, p)
            let pivot = m[col][col]
            m[col] = m[col].map { $0 / pivot }
            for r in 0..<n where r != col {
                let f = m[r][col]
                for c in 0..<(2 * n) { m[r][c] -= f * m[col][c] }
            }
        }
        return m.map { Array($0[n...]) }
    }
}
