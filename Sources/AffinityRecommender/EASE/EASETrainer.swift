import AffinityNumerics
import Foundation

/// Fits EASE in closed form: G = XᵀX + λI (Double), P = G⁻¹ (Cholesky, LAPACK `dpotrf` + `dpotri`),
/// B = I − P·diag(1/diag(P)), i.e. B[i][j] = −P[i][j] / P[j][j] off the diagonal and B[j][j] = 0.
/// B is stored as Float32 (items × items, row-major); a user's scores are x_u·B.
///
/// Precision: the Gram matrix and the inverse are Double. In Float32 the inverse of a Gram
/// matrix with large counts loses several digits (relative error ≈ cond(G)·n·2⁻²⁴); the tests
/// compare against a float64 reference at 1e-4 and Float32 B is well inside that.
public enum EASETrainer {
    /// Rows of X densified per `dsyrk` call while accumulating the Gram matrix.
    static let blockRows = 256

    /// Peak bytes `fit` allocates for `items` items: 12·n² = 8·n² (the Double Gram matrix,
    /// inverted in place) + 4·n² (Float32 B). The Gram step's scratch (at most n²/2 bytes for a
    /// compacted block Gram plus 8·256·n for one dense block of rows) is freed before B exists.
    public static func requiredBytes(items n: Int) -> Int {
        let (square, overflow) = n.multipliedReportingOverflow(by: n)
        guard !overflow, square <= Int.max / 16 else { return Int.max }
        return 12 * square
    }

    /// Trains on the users × items matrix `x` (values are the summed event weights) and returns B
    /// (n × n Float32, row-major), which the caller owns and must deallocate.
    /// - Throws: `.invalidParameter` for a bad config, `.invalidInput` before allocating anything
    ///   when `requiredBytes` exceeds `config.maxMemoryBytes`, `.nonFinite` for NaN/∞ weights,
    ///   and `.invalidInput` when G + λI is not positive definite.
    static func fit(_ x: CSRMatrix, config: EASEConfig) throws(RecommenderError) -> UnsafeMutablePointer<Float> {
        try config.validate()
        let n = x.cols
        let need = requiredBytes(items: n)
        if let limit = config.maxMemoryBytes, need > limit {
            throw .invalidInput(String(format: "EASE on %d items needs about %.2f GiB (12·n² bytes: the Double Gram matrix 8·n² and B 4·n²), more than the limit of %.2f GiB; raise --max-memory, or keep fewer items (e.g. drop rare ones) — or train ALS, whose memory grows with items × factors",
                                        n, Double(need) / 1_073_741_824, Double(limit) / 1_073_741_824))
        }
        guard x.values.allSatisfy({ $0.isFinite }) else {
            throw .nonFinite(what: "the interaction weights", fix: "remove or fix the rows with NaN or infinite weights")
        }
        
        let previous = BLASThreads.current
        BLASThreads.set(config.threads)
        defer { BLASThreads.set(previous) }
        let p = UnsafeMutablePointer<Double>.allocate(capacity: max(n * n, 1))
        defer { p.deallocate() }
        gram(x, into: p)
        for j in 0..<n { p[j * n + j] += config.l2 }
        let info = LAPACK.choleskyInverse(n: n, a: p)
        guard info == 0 else {
            throw .invalidInput("EASE: XᵀX + λI is not positive definite (leading minor \(info)); raise --l2 (got \(config.l2))")
        }
        let b = UnsafeMutablePointer<Float>.allocate(capacity: max(n * n, 1))
        for i in 0..<n {
            for j in 0..<n { b[i * n + j] = j == i ? 0 : Float(-p[i * n + j] / p[j * n + j]) }
        }
        return b
    }
}
