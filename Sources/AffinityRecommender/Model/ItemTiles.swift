import CKernels

/// The item factors again, in the layout the scoring kernel reads: items by descending norm, in
/// tiles of 16, factor-major inside a tile, 64-byte aligned (one tile row is one cache line). Built
/// once per model (items × factors Floats more memory: 2.5 MiB at 10k × 64) so that a batch of
/// users can be scored against a tile that stays in L1, and so that a user's scan can stop once
/// ‖x‖·‖y‖ of the remaining items is below their k-th best score. Immutable after init.
final class ItemTiles: @unchecked Sendable {
    // @unchecked: the buffers are written only in init and read-only afterwards.
    let base: UnsafeMutablePointer<Float>
    /// order[p]: the item at scan position p.
    let order: [Int32]
    /// The largest item norm in each tile (+∞ when a factor is not finite).
    let tileNorms: [Double]
    let items: Int
    let factors: Int

    init(items y: UnsafePointer<Float>, count n: Int, factors f: Int) {
        items = n
        factors = f
        let norms: [Double] = (0..<n).map { i in
            var q = 0.0
            for j in 0..<f { q += Double(y[i * f + j]) * Double(y[i * f + j]) }
            let r = q.squareRoot()
            return r.isFinite ? r : .infinity
        }
        let order = (0..<Int32(n)).sorted { (a: Int32, b: Int32) -> Bool in
            let na = norms[Int(a)], nb = norms[Int(b)]
            return na > nb || (na == nb && a < b)
        }
        self.order = order
        tileNorms = stride(from: 0, to: n, by: 16).map { norms[Int(order[$0])] }
        let floats = max(1, affinity_tiles_count(n, f))
        let raw = UnsafeMutableRawPointer.allocate(byteCount: floats * MemoryLayout<Float>.size, alignment: 64)
        base = raw.bindMemory(to: Float.self, capacity: floats)
        base.initialize(repeating: 0, count: floats)
        if n > 0 && f > 0 { affinity_tile_items(y, n, f, order, base) }
    }

    deinit { base.deallocate() }
}
