import Foundation

/// Reusable `LeastSquaresScratch`es for callers on many threads (server fold-ins, cart-as-query):
/// a solve takes one, uses it alone and puts it back, so steady-state fold-ins allocate no scratch.
/// The pool holds at most as many scratches as solves ever ran at once.
///
/// `@unchecked Sendable`: `free` is only touched under `lock`, and a scratch is used by one caller
/// at a time (it is out of the pool while in use).
final class LeastSquaresScratchPool: @unchecked Sendable {
    private let lock = NSLock()
    private var free: [LeastSquaresScratch] = []
    let factors: Int

    init(factors: Int) { self.factors = factors }

    /// Runs `body` with a scratch for `factors` and room for `rows` nonzeros, then returns it to the pool.
    func withScratch<T, E: Error>(rows: Int, _ body: (LeastSquaresScratch) throws(E) -> T) throws(E) -> T {
        let scratch = lock.withLock { free.popLast() } ?? LeastSquaresScratch(factors: factors, rowCapacity: rows)
        defer { lock.withLock { free.append(scratch) } }
        return try body(scratch)
    }
}
