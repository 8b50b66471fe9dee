#if canImport(Glibc)
import AffinityServer
import CMalloc
import Testing

/// `ProcessMemory.pinMmapThreshold()` keeps model-sized blocks out of the heap arenas even after a
/// larger mapped block was freed (which, unpinned, raises glibc's threshold past them).
@Suite(.enabled(if: glibcAllocatorInUse(), "blocks do not come from glibc's allocator here (a sanitizer build replaces malloc)"))
struct ProcessMemoryTests {
    @Test func largeBlocksAreMappedOnTheirOwnAfterALargerOneIsFreed() throws {
        ProcessMemory.pinMmapThreshold()
        // Unpinned, freeing this mapped 8 MiB block would raise the threshold to 8 MiB.
        free(malloc(8 << 20))
        // The threshold only decides how an arena gets new memory; a request that fits a free chunk
        // (other tests leave some) is served from it. So hold 2 MiB blocks until the arena has to grow:
        // pinned, that block is mapped on its own; unpinned, none of the 256 is.
        var blocks: [UnsafeMutableRawPointer] = []
        defer { blocks.forEach { free($0) } }
        var mapped = false
        while !mapped, blocks.count < 256 {
            let block = try #require(malloc(2 << 20))
            blocks.append(block)
            mapped = isMapped(block)
        }
        #expect(mapped, "256 blocks of 2 MiB all came from heap arenas: the mmap threshold moved")
        let small = try #require(malloc(64 << 10))
        defer { free(small) }
        #expect(!isMapped(small), "a 64 KiB block (below the 1 MiB threshold) was mapped on its own")
        ProcessMemory.releaseFreePages()
    }
}
/// glibc's size word, just before the pointer malloc returned: the chunk size, with bit 1 (IS_MMAPPED)
/// set when the block was mapped on its own.
private func sizeWord(_ p: UnsafeMutableRawPointer) -> UInt {
    (p - MemoryLayout<UInt>.size).load(as: UInt.self)
}

private func isMapped(_ p: UnsafeMutableRawPointer) -> Bool { sizeWord(p) & 2 != 0 }

/// True when malloc is glibc's: a probe block's size word agrees with `malloc_usable_size`
/// (chunk size = usable size + 8, or + 16 for a mapped block). Sanitizers bring their own allocator.
private func glibcAllocatorInUse() -> Bool {
    guard let probe = malloc(100) else { return false }
    defer { free(probe) }
    return sizeWord(probe) & ~UInt(7) == UInt(malloc_usable_size(probe)) + (isMapped(probe) ? 16 : 8)
}
#endif
