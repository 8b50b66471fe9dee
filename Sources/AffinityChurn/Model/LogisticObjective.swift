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

    /// Per-worker scratch, allocated once per evaluation, never per row.
    private final class Scratch {
        var z: [Float], r: [Float], root: [Float], gc: [Float], scaled: [Float], hc: [Float]
        var loss = 0.0
        var gradient: [Double], hessian: [Double]
        var separates = true
        init(chunk: Int, d: Int, hessian: Bool) {
            z = [Float](repeating: 0, count: chunk)
            r = z
            root = z
            gc = [Float](repeating: 0, count: d)
            gradient = [Double](repeating: 0, count: d)
            scaled = [Float](repeating: 0, count: hessian ? chunk * d : 0)
            hc = [Float](repeating: 0, count: hessian ? d * d : 0)
            self.hessian = [Double](repeating: 0, count: hessian ? d * d : 0)
        }
    }

    /// Loss, gradient and (optionally) Hessian at `w`.
    func evaluate(_ w: [Double], hessian wantHessian: Bool) -> Value {
        let n = rows, d = width
        let workers = max(1, min(threads, n))
        let scratch = (0..<workers).map { _ in Scratch(chunk: Self.chunkRows, d: d, hessian: wantHessian) }
        let wf = w.map { Float($0) }
        let saved = BLASThreads.current
        if workers > 1 { BLASThreads.set(1) }
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
        if workers > 1 { BLASThreads.set(saved) }
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
        var start = range.lowerBound
        while start < range.upperBound {
            let m = min(chunkRows, range.upperBound - start)
            let block = MatrixView(base: xv.row(start), rows: m, cols: d, ld: xv.ld)
            s.z.withUnsafeMutableBufferPointer { BLAS.gemv(.none, alpha: 1, block, w, beta: 0, $0.baseAddress!) }
            for i in 0..<m {
                let zi = Double(s.z[i]), yi = Double(y[start + i]), si = Double(sw[start + i])
                let p = LogisticMath.sigmoid(zi)
                s.loss += si * (LogisticMath.log1pExp(zi) - yi * zi)
                s.r[i] = Float(si * (p - yi))
                if wantHessian { s.root[i] = Float((si * p * (1 - p)).squareRoot()) }
                if (yi > 0.5) != (zi > 0) || zi == 0 { s.separates = false }
            }
            s.r.withUnsafeBufferPointer { rp in
                s.gc.withUnsafeMutableBufferPointer { gp in
                    BLAS.gemv(.transpose, alpha: 1, block, rp.baseAddress!, beta: 0, gp.baseAddress!)
                }
            }
            for j in 0..<d { s.gradient[j] += Double(s.gc[j]) }
            if wantHessian { addHessian(block, m, s) }
            start += m
        }
    }

    /// Adds (√W·X_chunk)ᵀ(√W·X_chunk) into the worker's Double Hessian.
    private static func addHessian(_ block: MatrixView, _ m: Int, _ s: Scratch) {
        let d = block.cols
        for i in 0..<m {
            let row = block.row(i), a = s.root[i], base = i * d
            for j in 0..<d { s.scaled[base + j] = row[j] * a }
        }
        s.scaled.withUnsafeBufferPointer { xp in
            s.hc.withUnsafeMutableBufferPointer { hp in
                let xs = MatrixView(base: xp.baseAddress!, rows: m, cols: d)
                BLAS.gram(alpha: 1, xs, beta: 0, MutableMatrixView(base: hp.baseAddress!, rows: d, cols: d))
            }
        }
        for k in 0..<(d * d) { s.hessian[k] += Double(s.hc[k]) }
    }
}
