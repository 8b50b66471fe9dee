@testable import AffinityChurn
import AffinityNumerics
import Foundation

/// Seeded toy problems and a naive Double reference objective.
enum LogisticFixtures {
    /// n rows, p features from N(0,1); labels drawn from σ(x·trueW + 0.3).
    static func random(rows n: Int, features p: Int, seed: UInt64) -> (x: Matrix, y: [Float]) {
        var rng = Xoshiro256(seed: seed)
        var x = Matrix(rows: n, cols: p)
        let trueW = (0..<p).map { _ in rng.nextGaussian() }
        var y = [Float](repeating: 0, count: n)
        for r in 0..<n {
            var z = 0.3
            for c in 0..<p {
                let v = rng.nextGaussian()
                x[r, c] = Float(v)
                z += Double(Float(v)) * trueW[c]
            }
            y[r] = rng.nextDouble() < LogisticMath.sigmoid(z) ? 1 : 0
        }
        return (x, y)
    }

    /// x with a trailing ones column.
    static func withIntercept(_ x: Matrix) -> Matrix {
        var d = Matrix(rows: x.rows, cols: x.cols + 1, repeating: 1)
        for r in 0..<x.rows { for c in 0..<x.cols { d[r, c] = x[r, c] } }
        return d
    }

    /// Σ sᵢ[log(1+e^z) − y z] + λ/2 Σ_{j≠intercept} w_j², written the obvious way.
    static func referenceObjective(_ design: Matrix, _ y: [Float], _ s: [Float], _ l2: Double,
                                   intercept: Int?, _ w: [Double]) -> Double {
        var f = 0.0
        for r in 0..<design.rows {
            var z = 0.0
            for c in 0..<design.cols { z += Double(design[r, c]) * w[c] }
            f += Double(s[r]) * (naiveSoftplus(z) - Double(y[r]) * z)
        }
        for j in 0..<design.cols where j != intercept { f += 0.5 * l2 * w[j] * w[j] }
        return f
    }

    /// log(1 + e^z) the naive way, guarded only against overflow.
    private static func naiveSoftplus(_ z: Double) -> Double { z > 30 ? z : log(1 + exp(z)) }
}
