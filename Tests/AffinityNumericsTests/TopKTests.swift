import AffinityNumerics
import AffinityTestSupport
import Testing

// Exact comparisons: selection moves values, it computes nothing, so the result must
// equal the stable full sort element for element.
@Suite("Top-k selection")
struct TopKTests {
    /// Scores with heavy ties (values from a small set), some NaN and ±∞.
    static func scores(_ n: Int, seed: UInt64, distinct: Int) -> [Float] {
        var rng = Xoshiro256(seed: seed)
        return (0..<n).map { _ in
            let u = rng.next() % 100
            if u < 3 { return .nan }
            if u == 3 { return .infinity }
            if u == 4 { return -.infinity }
            return Float(rng.next() % UInt64(distinct)) / 4 - 1
        }
    }

    @Test("equals a stable full sort: random arrays, ties, NaN, k = 0, k > n",
          arguments: [0, 1, 2, 10, 100, 2000])
    func matchesFullSort(n: Int) {
        for distinct in [3, 1000] {
            let s = Self.scores(n, seed: UInt64(n * 7 + distinct), distinct: distinct)
            for k in [0, 1, 5, 10, n, n + 3, 10 * n + 1] {
                #expect(TopK.select(s, k: k) == Reference.topK(s, k: k), "n \(n) k \(k) distinct \(distinct)")
            }
        }
    }

    @Test("skip filter removes indices before ranking")
    func skip() {
        let s = Self.scores(500, seed: 42, distinct: 20)
        let skip: (Int32) -> Bool = { $0 % 3 == 0 }
        #expect(TopK.select(s, k: 25, skip: skip) == Reference.topK(s, k: 25, skip: skip))
    }

    @Test("all NaN gives nothing; -0 and +0 tie and keep index order")
    func edgeValues() {
        #expect(TopK.select([.nan, .nan], k: 2).isEmpty)
        let r = TopK.select([-0.0, 0.0, 1, -0.0], k: 3)
        #expect(r.map(\.index) == [2, 0, 1])
        #expect(TopK.select([Float](), k: 3).isEmpty)
    }

    @Test("pointer form agrees with the array form")
    func pointerForm() {
        let s = Self.scores(300, seed: 5, distinct: 50)
        let viaPointer = s.withUnsafeBufferPointer { TopK.select($0.baseAddress!, count: 300, k: 12) }
        #expect(viaPointer == TopK.select(s, k: 12))
    }
}
