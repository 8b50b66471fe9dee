import AffinityNumerics
import Testing

// Changes OpenBLAS's global thread count: serialized, and restores the previous value.
@Suite("BLASThreads", .serialized)
struct BLASThreadsTests {
    @Test("set/get round-trips; values below 1 clamp to 1")
    func setGet() {
        let before = BLASThreads.current
        defer { BLASThreads.set(before) }
        BLASThreads.set(1)
        #expect(BLASThreads.current == 1)
        BLASThreads.set(2)
        #expect(BLASThreads.current == 2)
        BLASThreads.set(0)
        #expect(BLASThreads.current == 1)
        #expect(BLASThreads.processors >= 1)
        #expect(BLASThreads.configuration.contains("OpenBLAS"))
        #expect(!BLASThreads.coreName.isEmpty)
    }
}
