import CMalloc

/// How a long-running server keeps glibc's heap from growing across reloads.
///
/// glibc starts with a 128 KiB mmap threshold and raises it to the size of every mapped block that is
/// freed (up to 32 MiB). After the first reload frees the previous model's buffers, the next model's
/// multi-MiB buffers (tiled item factors, replay read buffers, the user store) come from the heap
/// arenas instead, interleaved with the small allocations the event loops make meanwhile; when they
/// are freed at the following reload, the arenas keep the holes. The soak measured resident anonymous
/// memory climbing 14.1 → 26.7 MiB in 7 reloads that way while allocated bytes stayed at 3.8 MB
/// (`malloc_stats`), and `malloc_trim(0)` gave 9.1 MiB of it back (Benchmarks/RESULTS.md, "Why RSS stepped").
///
/// Both calls are no-ops on platforms without glibc.
public enum ProcessMemory {
    /// Blocks of this size and above are mapped on their own and unmapped when freed. Per-request
    /// allocations stay far below it (a batch of recommend scratch is kilobytes; a full score vector
    /// is 4 bytes × items), so serving never pays a map per request.
    public static let mmapThresholdBytes: Int32 = 1 << 20

    /// Fixes the mmap threshold at `mmapThresholdBytes`, which also turns off glibc's dynamic raise
    /// of it (and of the trim threshold). Process-wide: call once, before the server starts.
    public static func pinMmapThreshold() {
        #if canImport(Glibc)
        _ = mallopt(M_MMAP_THRESHOLD, mmapThresholdBytes)
        #endif
    }

    /// Returns free pages inside the heap arenas to the operating system (`malloc_trim(0)`). Cheap
    /// enough for once per reload; not for a request path (it walks every arena under its lock).
    public static func releaseFreePages() {
        #if canImport(Glibc)
        _ = malloc_trim(0)
        #endif
    }
}
