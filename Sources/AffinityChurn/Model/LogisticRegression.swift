public import AffinityNumerics

/// A fitted logistic regression: P(y = 1 | x) = σ(x·w + b).
public struct LogisticFit: Sendable, Equatable {
    /// One coefficient per feature column (the intercept is separate).
    public var coefficients: [Double]
    public var intercept: Double
    public var report: FitReport
}

/// L2-regularized logistic regression by Newton/IRLS or L-BFGS.
///
/// Minimizes Σᵢ sᵢ·[log(1 + e^{zᵢ}) − yᵢzᵢ] + (λ/2)‖w‖², zᵢ = xᵢ·w + b, b unpenalized.
/// Deterministic: the same data, config and thread count give the same bits.
public enum LogisticRegression {
    /// Fits on an n × p feature matrix (no intercept column; one is added when
    /// `config.fitIntercept`). Labels are 0 or 1; `sampleWeights` default to 1 and are
    /// multiplied by the class weights.
    public static func fit(features: Matrix, labels: [Float], sampleWeights: [Float]? = nil,
                           config: LogisticConfig) throws(ChurnError) -> LogisticFit {
        guard config.fitIntercept else {
            return try fit(design: features, interceptColumn: nil, labels: labels, sampleWeights: sampleWeights, config: config)
        }
        var design = Matrix(rows: features.rows, cols: features.cols + 1, repeating: 1)
        for r in 0..<features.rows {
            for c in 0..<features.cols { design.storage[r * design.cols + c] = features.storage[r * features.cols + c] }
        }
        return try fit(design: design, interceptColumn: features.cols, labels: labels, sampleWeights: sampleWeights, config: config)
    }

    /// Fits on a design that already holds the intercept column (all ones) at
    /// `interceptColumn`, avoiding a copy of large inputs.
    public static func fit(design: Matrix, interceptColumn: Int?, labels: [Float], sampleWeights: [Float]? = nil,
                           config: LogisticConfig) throws(ChurnError) -> LogisticFit {
        try config.validate()
        let n = design.rows
        precondition(labels.count == n, "fit: \(labels.count) labels for \(n) rows")
        precondition(sampleWeights.map { $0.count == n } ?? true, "fit: sample weights do not match the rows")
        if n == 0 { throw .invalid("cannot fit a model on zero rows") }
        if let r = design.firstNonFiniteRow() { throw .nonFinite(what: "design matrix row \(r + 1)") }
        let positives = labels.reduce(0) { $0 + ($1 > 0.5 ? 1 : 0) }
        if positives == 0 || positives == n {
            throw .invalid("labels have a single class (\(positives) positives of \(n) rows); need both classes")
        }
        var weights = sampleWeights ?? [Float](repeating: 1, count: n)
        if config.classWeight == .balanced {
            let wPos = Float(Double(n) / (2 * Double(positives))), wNeg = Float(Double(n) / (2 * Double(n - positives)))
            for i in 0..<n { weights[i] *= labels[i] > 0.5 ? wPos : wNeg }
        }
        let weightSum = weights.reduce(0.0) { $0 + Double($1) }
        let objective = LogisticObjective(design: design, labels: labels, sampleWeights: weights, l2: config.l2,
                                          interceptColumn: interceptColumn, threads: config.threads)
        let start = [Double](repeating: 0, count: design.cols)
        let useNewton = config.solver == .newton || (config.solver == .auto && design.cols <= config.newtonMaxFeatures)
        let (w, report) = useNewton
            ? NewtonSolver.run(objective, start: start, config: config, weightSum: weightSum)
            : LBFGSSolver.run(objective, start: start, config: config, weightSum: weightSum)
        if !w.allSatisfy({ $0.isFinite }) { throw .nonFinite(what: "fitted coefficients") }
        var coefficients = w
        var intercept = 0.0
        if let ic = interceptColumn { intercept = coefficients.remove(at: ic) }
        return LogisticFit(coefficients: coefficients, intercept: intercept, report: report)
    }
}
