import AffinityNumerics
import Testing

@Suite("Parallel dynamic chunks")
struct ParallelChunksTests {
    @Test("forEachChunk runs every chunk exactly once, with worker indices in range",
          arguments: [(0, 2), (1, 4), (5, 2), (64, 2), (1000, 3), (17, 1)])
    func everyChunkOnce(chunks: Int, threads: Int) {
        let hits = UnsafeMutableBufferPointer<Int>.allocate(capacity: max(chunks, 1))
        let owner = UnsafeMutableBufferPointer<Int>.allocate(capacity: max(chunks, 1))
        hits.initialize(repeating: 0)
        owner.initialize(repeating: -1)
        defer { hits.deallocate(); owner.deallocate() }
        Parallel.forEachChunk(chunks, threads: threads) { c, w in
            hits[c] += 1
            owner[c] = w
        }
        #expect(hits.prefix(chunks).allSatisfy { $0 == 1 })
        let workers = max(1, min(threads, chunks))
        #expect(owner.prefix(chunks).allSatisfy { (0..<workers).contains($0) })
    }

    @Test("with one worker, chunks run inline and in order")
    func oneWorkerInOrder() {
        var order: [Int] = []
        Parallel.forEachChunk(6, threads: 1) { c, w in
            #expect(w == 0)
            order.append(c)
        }
        #expect(order == Array(0..<6))
    }
}
