extension Xoshiro256 {
    /// Shuffles `elements` in place (Fisher–Yates from the last position down, j = next() mod (i + 1)),
    /// so a seed gives the same order on every platform and Swift version (unlike `shuffle(using:)`,
    /// whose algorithm the standard library does not promise to keep).
    public mutating func shuffle<T>(_ elements: inout [T]) {
        for i in stride(from: elements.count - 1, to: 0, by: -1) {
            elements.swapAt(i, Int(next() % UInt64(i + 1)))
        }
    }
}
