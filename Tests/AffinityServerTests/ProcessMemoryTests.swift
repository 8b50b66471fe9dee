#if canImport(Glibc)
import AffinityServer
import CMalloc
import Testing

/// `ProcessMemory.pinMmapThreshold()` keeps model-sized blocks out of the heap arenas even after a
/// larger mapped block was freed (which, unpinned, raises glibc's threshold past them).
@Suite struct ProcessMemoryTests {
    /// glibc marks a block it mapped on its own with bit 1 (IS_MMAPPED) of the size word just before
    /// the returned pointer.
    private func isMapped(_ p: UnsafeMutableRawPointer) -> Bool {
        (p - MemoryLayout<UInt>.size).load(as: UInt.self) & 2 != 0
    }

    @Test func largeBlocksStayMappedAfterALargerOneIsFreed() throws {
        ProcessMemory.pinMmapThreshold()
        // Unpinned, freeing this mapped 8 MiB block would raise the threshold to 8 MiB.
        free(malloc(8 << 20))
        let large = try #require(malloc(2 << 20))
        defer { free(large) }
        #expect(isMapped(large), "a 2 MiB block came from a heap arena: the mmap threshold moved")
        let small = try #require(malloc(64 << 10))
        defer { free(small) }
        #expect(!isMapped(small), "a 64 KiB block (below the 1 MiB threshold) was mapped on its own")
        ProcessMemory.releaseFreePages()
    }
}
#endif
