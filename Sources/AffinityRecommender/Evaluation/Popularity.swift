/// The popularity baseline's ranking, shared by the fallback and the evaluation baseline.
enum Popularity {
    /// Item indices by descending count, ties by ascending index.
    static func order(_ counts: [Float]) -> [Int32] {
        var order = Array(0..<Int32(counts.count))
        order.sort { a, b in
            let ca = counts[Int(a)], cb = counts[Int(b)]
            return ca != cb ? ca > cb : a < b
        }
        return order
    }
}
