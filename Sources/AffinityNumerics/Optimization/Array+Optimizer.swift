/// Double-precision vector helpers for optimizer state (d ≤ a few thousand entries).
/// Row-level work over Float32 data goes through BLAS; these touch only
/// parameter-sized vectors.
extension Array where Element == Double {
    public func inner(_ other: [Double]) -> Double {
        precondition(count == other.count, "inner: lengths differ (\(count) vs \(other.count))")
        var s = 0.0
        for i in indices { s += self[i] * other[i] }
        return s
    }

    public var maxMagnitude: Double { reduce(0) { Swift.max($0, abs($1)) } }

    public var euclideanNorm: Double { inner(self).squareRoot() }

    /// self + t·direction.
    public func moved(by t: Double, along direction: [Double]) -> [Double] {
        var out = self
        for i in indices { out[i] += t * direction[i] }
        return out
    }
}
