/// Partial top-k selection: the k largest scores, best first, without a full sort.
///
/// Uses a bounded min-heap of size k: O(n log k) time, O(k) extra memory. Ties are
/// broken by the smaller index first, so the result is deterministic and equals a
/// stable full sort by (score descending, index ascending) truncated to k. NaN
/// scores are never selected. `k > n` returns all non-NaN entries.
/// ±∞ are ordinary scores. -0 and +0 compare equal (a tie). Allocates one array of
/// min(k, count) entries per call.
public enum TopK {
    /// One selected item: its index in the scores and its score.
    public struct Entry: Sendable, Equatable {
        public var index: Int32
        public var score: Float
        public init(index: Int32, score: Float) { self.index = index; self.score = score }
    }

    /// `a` ranks strictly better than `b`.
    @inline(__always)
    static func better(_ a: Entry, _ b: Entry) -> Bool {
        a.score > b.score || (a.score == b.score && a.index < b.index)
    }

    /// The top `k` of `scores[0..<count]`, best first, skipping indices for which `skip`
    /// returns true (e.g. items the user already has). `k ≤ 0` or `count == 0` gives [].
    public static func select(_ scores: UnsafePointer<Float>, count: Int, k: Int,
                              skip: ((Int32) -> Bool)? = nil) -> [Entry] {
        guard k > 0, count > 0 else { return [] }
        var heap: [Entry] = []
        heap.reserveCapacity(min(k, count))
        var i = 0
        // Fill phase: the first k admissible scores.
        while i < count && heap.count < k {
            let s = scores[i], idx = Int32(i)
            i += 1
            if s.isNaN { continue }
            if let skip, skip(idx) { continue }
            heap.append(Entry(index: idx, score: s))
            siftUp(&heap, heap.count - 1)
        }
        guard heap.count == k else { heap.sort(by: better); return heap }
        // Replace phase. Indices only grow from here, so a later entry beats the worst kept one
        // only with a strictly greater score (a tie loses on index); NaN fails `>` and drops out
        // without a separate test. The comparison runs before any call or Entry is built.
        var worst = heap[0].score
        while i < count {
            let s = scores[i]
            if s > worst {
                let idx = Int32(i)
                if skip == nil || !skip!(idx) {
                    heap[0] = Entry(index: idx, score: s)
                    siftDown(&heap, 0)
                    worst = heap[0].score
                }
            }
            i += 1
        }
        heap.sort(by: better)
        return heap
    }

    /// Array convenience for the pointer form.
    public static func select(_ scores: [Float], k: Int, skip: ((Int32) -> Bool)? = nil) -> [Entry] {
        scores.withUnsafeBufferPointer { buf in
            guard let base = buf.baseAddress else { return [] }
            return select(base, count: buf.count, k: k, skip: skip)
        }
    }

    // Min-heap by rank: heap[0] is the worst kept entry.
    @inline(__always)
    private static func siftUp(_ h: inout [Entry], _ start: Int) {
        var i = start
        while i > 0 {
            let p = (i - 1) / 2
            if better(h[p], h[i]) { h.swapAt(p, i); i = p } else { return }
        }
    }

    @inline(__always)
    private static func siftDown(_ h: inout [Entry], _ start: Int) {
        var i = start
        let n = h.count
        while true {
            let l = 2 * i + 1, r = l + 1
            var worst = i
            if l < n && better(h[worst], h[l]) { worst = l }
            if r < n && better(h[worst], h[r]) { worst = r }
            if worst == i { return }
            h.swapAt(i, worst)
            i = worst
        }
    }
}
