/// The curvature pairs of limited-memory BFGS and the two-loop recursion that turns them
/// into a search direction. Shared by the logistic solver and `BoundedLBFGS`.
///
/// Cost: O(m·d) memory and O(m·d) per direction for m pairs of length d.
public struct LBFGSMemory: Sendable {
    public let capacity: Int
    private var s: [[Double]] = [], y: [[Double]] = [], rho: [Double] = []

    /// Keeps at most `capacity` (≥ 1) pairs, newest last.
    public init(capacity: Int) {
        precondition(capacity >= 1, "LBFGSMemory: capacity must be ≥ 1; got \(capacity)")
        self.capacity = capacity
    }

    public var isEmpty: Bool { s.isEmpty }

    public mutating func reset() { s.removeAll(); y.removeAll(); rho.removeAll() }

    /// Stores the step `sk` = x₊ − x and gradient change `yk` = g₊ − g when the curvature
    /// sᵀy is clearly positive (> 1e-12·‖s‖·‖y‖); otherwise the pair is skipped, which keeps
    /// the implied inverse Hessian positive definite.
    public mutating func update(step sk: [Double], gradientChange yk: [Double]) {
        let sy = sk.inner(yk)
        guard sy > 1e-12 * sk.euclideanNorm * yk.euclideanNorm else { return }
        s.append(sk); y.append(yk); rho.append(1 / sy)
        if s.count > capacity { s.removeFirst(); y.removeFirst(); rho.removeFirst() }
    }

    /// −H⁻¹·g from the stored pairs, with the initial matrix scaled by sᵀy / yᵀy of the
    /// newest pair (−g itself when no pair is stored).
    public func direction(_ g: [Double]) -> [Double] {
        var q = g
        var alpha = [Double](repeating: 0, count: s.count)
        for k in stride(from: s.count - 1, through: 0, by: -1) {
            alpha[k] = rho[k] * s[k].inner(q)
            q = q.moved(by: -alpha[k], along: y[k])
        }
        if let last = s.indices.last {
            let gamma = s[last].inner(y[last]) / y[last].inner(y[last])
            q = q.map { $0 * gamma }
        }
        for k in 0..<s.count {
            let beta = rho[k] * y[k].inner(q)
            q = q.moved(by: alpha[k] - beta, along: s[k])
        }
        return q.map { -$0 }
    }
}
