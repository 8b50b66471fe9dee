import AffinityNumerics
import Testing

@Suite("Parallel row blocks")
struct ParallelTests {
    @Test("block partition covers 0..<count exactly once, contiguous and balanced")
    func partition() {
        for count in [0, 1, 2, 3, 7, 64, 100, 1001] {
            for workers in 1...9 {
                var next = 0
                var sizes: [Int] = []
                for w in 0..<workers {
                    let r = Parallel.block(w, of: workers, count: count)
                    #expect(r.lowerBound == next, "count \(count) workers \(workers) block \(w)")
                    next = r.upperBound
                    sizes.append(r.count)
                }
                #expect(next == count)
                #expect((sizes.max() ?? 0) - (sizes.min() ?? 0) <= 1)
            }
        }
    }

    @Test("forEachBlock visits every index once, on the block of its worker",
          arguments: [(0, 2), (1, 4), (5, 2), (1000, 2), (1000, 3), (17, 1)])
    func forEachBlock(count: Int, threads: Int) {
        let hits = UnsafeMutableBufferPointer<Int>.allocate(capacity: max(count, 1))
        let owner = UnsafeMutableBufferPointer<Int>.allocate(capacity: max(count, 1))
        hits.initialize(repeating: 0)
        owner.initialize(repeating: -1)
        defer { hits.deallocate(); owner.deallocate() }
        Parallel.forEachBlock(count: count, threads: threads) { range, w in
            for i in range { hits[i] += 1; owner[i] = w }
        }
        #expect(hits.prefix(count).allSatisfy { $0 == 1 })
        let workers = max(1, min(threads, count))
        for i in 0..<count {
            #expect(Parallel.block(owner[i], of: workers, count: count).contains(i))
        }
    }
}
