import AffinityNumerics
import Foundation

/// The penalized, weighted logistic objective over a dense design matrix, with its
/// gradient and Hessian computed in row blocks.
///
/// Each worker owns a fixed block of rows (`Parallel.forEachBlock`) and walks it in
/// chunks: margins by `gemv`, residuals in Double, Xᵀr by `gemv`, and for the Hessian
/// the chunk scaled by √wᵢ fed to `gram` (syrk). Chunk results are added into Double
/// accumulators, and workers are summed in worker order, so the result depends only on
/// the data and the thread count.
struct LogisticObjective {
    /// n × d design; when `interceptColumn` is set, that column is all ones.
    let design: Matrix
    let labels: [Float]
    let sampleWeights: [Float]
    let l2: Double
    /// The unpenalized column (the intercept), if any.
    let interceptColumn: Int?
    let threads: Int
    static let chunkRows = 1024

    var rows: Int { design.rows }
    var width: Int { design.cols }

    struct Value {
        var loss: Double
        var gradient: [Double]
        /// d × d row-major, present when requested.
        var hessian: [Double]?
        /// Every row lies strictly on its label's side of the boundary.
        var separates: Bool
    }

    /// Per-worker scratch, allocated once per evaluation, never per row. Raw buffers so the
    /// row loops run without exclusivity or copy-on-write checks.
    private final class Scratch {
        let z, r, root, gc, scaled, hc: UnsafeMutablePointer<Float>
        let gradient, hessian: UnsafeMutablePointer<Double>
        let d: Int
        var loss = 0.0
        var separates = true
        init(chunk: Int, d: Int, hessian: Bool) {
            self.d = d
            z = .allocate(capacity: chunk); r = .allocate(capacity: chunk); root = .allocate(capacity: chunk)
            gc = .allocate(capacity: d)
            scaled = .allocate(capacity: hessian ? chunk * d : 1)
            hc = .allocate(capacity: hessian ? d * d : 1)
            gradient = .allocate(capacity: d)
            gradient.initialize(repeating: 0, count: d)
            self.hessian = .allocate(capacity: hessian ? d * d : 1)
            self.hessian.initialize(repeating: 0, count: hessian ? d * d : 1)
        }
        deinit {
            for p in [z, r, root, gc, scaled, hc] { p.deallocate() }
            gradient.deallocate(); hessian.deallocate()
        }
    }

    /// Loss, gradient and (optionally) Hessian at `w`.
    func evaluate(_ w: [Double], hessian wantHessian: Bool) -> Value {
        let n = rows, d = width
        let workers = max(1, min(threads, n))
        let scratch = (0..<workers).map { _ in Scratch(chunk: Self.chunkRows, d: d, hessian: wantHessian) }
        let wf = w.map { Float($0) }
        // Parallelism is ours (fixed row blocks); OpenBLAS runs single-threaded on the small
        // per-chunk calls, also with one worker, where its own threads only add synchronization.
        let saved = BLASThreads.current
        if saved != 1 { BLASThreads.set(1) }
        design.withView { xv in
            wf.withUnsafeBufferPointer { wp in
                labels.withUnsafeBufferPointer { yp in
                    sampleWeights.withUnsafeBufferPointer { sp in
                        Parallel.forEachBlock(count: n, threads: workers) { range, worker in
                            Self.accumulate(range, xv, wp.baseAddress!, yp, sp, scratch[worker], wantHessian)
                        }
                    }
                }
            }
        }
        if saved != 1 { BLASThreads.set(saved) }
        var value = Value(loss: 0, gradient: [Double](repeating: 0, count: d),
                          hessian: wantHessian ? [Double](repeating: 0, count: d * d) : nil, separates: true)
        for s in scratch {
            value.loss += s.loss
            for j in 0..<d { value.gradient[j] += s.gradient[j] }
            if wantHessian { for k in 0..<(d * d) { value.hessian![k] += s.hessian[k] } }
            value.separates = value.separates && s.separates
        }
        for j in 0..<d where j != interceptColumn {
            value.loss += 0.5 * l2 * w[j] * w[j]
            value.gradient[j] += l2 * w[j]
            if wantHessian { value.hessian![j * d + j] += l2 }
        }
        return value
    }

    private static func accumulate(_ range: Range<Int>, _ xv: MatrixView, _ w: UnsafePointer<Float>,
                                   _ y: UnsafeBufferPointer<Float>, _ sw: UnsafeBufferPointer<Float>,
                                   _ s: Scratch, _ wantHessian: Bool) {
        let d = xv.cols
        let z = s.z, r = s.r, root = s.root, gc = s.gc, gradient = s.gradient
        var loss = 0.0, separates = true
        var start = range.lowerBound
        while start < range.upperBound {
            let m = min(chunkRows, range.upperBound - start)
            let block = MatrixView(base: xv.row(start), rows: m, cols: d, ld: xv.ld)
            BLAS.gemv(.none, alpha: 1, block, w, beta: 0, z)
            for i in 0..<m {
                let zi = Double(z[i]), yi = Double(y[start + i]), si = Double(sw[start + i])
                let p = LogisticMath.sigmoid(zi)
                loss += si * (LogisticMath.log1pExp(zi) - yi * zi)
                r[i] = Float(si * (p - yi))
                if wantHessian { root[i] = Float((si * p * (1 - p)).squareRoot()) }
                if (yi > 0.5) != (zi > 0) || zi == 0 { separates = false }
            }
            BLAS.gemv(.transpose, alpha: 1, block, r, beta: 0, gc)
            for j in 0..<d { gradient[j] += Double(gc[j]) }
            if wantHessian { addHessian(block, m, s) }
            start += m
        }
        s.loss = loss
        s.separates = separates
    }

    /// Adds (√W·X_chunk)ᵀ(√W·X_chunk) into the worker's Double Hessian.
    private static func addHessian(_ block: MatrixView, _ m: Int, _ s: Scratch) {
        let d = block.cols
        let scaled = s.scaled, root = s.root, hc = s.hc, hessian = s.hessian
        for i in 0..<m {
            let row = block.row(i), a = root[i], out = scaled + i * d
            for j in 0..<d { out[j] = row[j] * a }
        }
        BLAS.gram(alpha: 1, MatrixView(base: scaled, rows: m, cols: d), beta: 0, MutableMatrixView(base: hc, rows: d, cols: d))
        for k in 0..<(d * d) { hessian[k] += Double(hc[k]) }
    }
}
