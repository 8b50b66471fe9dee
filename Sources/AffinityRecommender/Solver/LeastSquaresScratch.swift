import AffinityNumerics

/// Working memory for the least-squares routine: one per worker thread, allocated
/// before the parallel loop and reused for every row, so solving allocates nothing.
///
/// Not thread-safe: use each instance from one thread at a time.
public final class LeastSquaresScratch {
    /// The factor count f this scratch was sized for.
    public let factors: Int
    let normal: UnsafeMutablePointer<Float>      // f×f normal matrix (Cholesky)
    let rhs: UnsafeMutablePointer<Float>         // f right-hand side
    let cgWork: UnsafeMutablePointer<Float>      // 4f: b, r, p, A·p of the fused CG row solve
    private(set) var gather: UnsafeMutablePointer<Float>  // rows × f, scaled fixed factors (Cholesky)
    private(set) var gatherRows: Int

    /// Scratch for f = `factors`, with room for rows of up to `rowCapacity` nonzeros
    /// (Cholesky only; a longer row grows it once).
    public init(factors: Int, rowCapacity: Int = 64) {
        precondition(factors > 0, "LeastSquaresScratch: factors must be > 0; got \(factors)")
        self.factors = factors
        normal = .allocate(capacity: factors * factors)
        normal.initialize(repeating: 0, count: factors * factors)
        rhs = .allocate(capacity: factors)
        rhs.initialize(repeating: 0, count: factors)
        cgWork = .allocate(capacity: 4 * factors)
        cgWork.initialize(repeating: 0, count: 4 * factors)
        gatherRows = max(1, rowCapacity)
        gather = .allocate(capacity: gatherRows * factors)
        gather.initialize(repeating: 0, count: gatherRows * factors)
    }

    /// Makes room for `rows` gathered rows (allocates only when growing).
    func reserveGather(rows: Int) {
        guard rows > gatherRows else { return }
        gather.deallocate()
        gatherRows = max(rows, gatherRows * 2)
        gather = .allocate(capacity: gatherRows * factors)
        gather.initialize(repeating: 0, count: gatherRows * factors)
    }

    deinit {
        normal.deallocate()
        rhs.deallocate()
        cgWork.deallocate()
        gather.deallocate()
    }
}
