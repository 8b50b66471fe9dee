import CKernels

/// The item factors again, in the layout the scoring kernel reads: tiles of 16 items, factor-major
/// inside a tile, 64-byte aligned (one tile row is one cache line). Built once per model
/// (items × factors Floats more memory: 2.5 MiB at 10k × 64) so that a batch of users can be scored
/// against a tile that stays in L1. Immutable after init.
final class ItemTiles: @unchecked Sendable {
    // @unchecked: the buffer is written only in init and read-only afterwards.
    let base: UnsafeMutablePointer<Float>
    let items: Int
    let factors: Int

    init(items y: UnsafePointer<Float>, count n: Int, factors f: Int) {
        items = n
        factors = f
        let floats = max(1, affinity_tiles_count(n, f))
        let raw = UnsafeMutableRawPointer.allocate(byteCount: floats * MemoryLayout<Float>.size, alignment: 64)
        base = raw.bindMemory(to: Float.self, capacity: floats)
        base.initialize(repeating: 0, count: floats)
        if n > 0 && f > 0 { affinity_tile_items(y, n, f, base) }
    }

    deinit { base.deallocate() }
}
