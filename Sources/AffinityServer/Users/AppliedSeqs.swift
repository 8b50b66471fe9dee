/// Which sequence numbers a user store has applied, so that none is applied twice.
///
/// A log that completes in sequence order (`FileEventLog`, `MemoryEventLog`) needs only a watermark:
/// everything at or below it is applied. A shared log (`SharedEventLog`, several writers) may show a
/// lower number after a higher one: then the watermark moves only as far as the log says nothing
/// below it can still appear (`advance(to:)`), and the numbers applied above it are remembered.
struct AppliedSeqs {
    private(set) var watermark: UInt64
    /// Applied numbers above `watermark` (always empty when `ordered`).
    private(set) var above: Set<UInt64> = []
    let ordered: Bool

    init(watermark: UInt64, ordered: Bool) {
        self.watermark = watermark
        self.ordered = ordered
    }

    /// True the first time `seq` is offered above the watermark (the caller applies it then).
    mutating func claim(_ seq: UInt64) -> Bool {
        guard seq > watermark else { return false }
        if ordered {
            watermark = seq
            return true
        }
        return above.insert(seq).inserted
    }

    /// Everything up to `seq` is applied or will never exist.
    mutating func advance(to seq: UInt64) {
        guard seq > watermark else { return }
        watermark = seq
        if !above.isEmpty { above = above.filter { $0 > seq } }
    }
}
