import AffinityNumerics

extension EASEModel {
    /// Top-k item indices for many known users (their training history rows times B), with
    /// `exclude[u]` left out. Users are split over `threads` workers in fixed blocks; each user's
    /// scores are the same bits as `scores(history:)`.
    public func topK(users list: [Int32], k: Int, exclude: [Set<Int32>], threads: Int) -> [[Int32]] {
        let n = header.items
        guard !list.isEmpty, n > 0 else { return list.map { _ in [] } }
        let results = UnsafeMutableBufferPointer<[Int32]>.allocate(capacity: list.count)
        results.initialize(repeating: [])
        defer { results.deinitialize(); results.deallocate() }
        let previous = BLASThreads.current
        BLASThreads.set(1)
        defer { BLASThreads.set(previous) }
        Parallel.forEachBlock(count: list.count, threads: max(1, threads)) { range, _ in
            var scores = [Float](repeating: 0, count: n)
            for r in range {
                let u = list[r]
                scores.withUnsafeMutableBufferPointer { s in
                    s.update(repeating: 0)
                    accumulate(userHistory(u), into: s.baseAddress!)
                    for i in exclude[Int(u)] { s[Int(i)] = .nan }
                    results[r] = TopK.select(UnsafePointer(s.baseAddress!), count: n, k: k).map(\.index)
                }
            }
        }
        return Array(results)
    }
}
