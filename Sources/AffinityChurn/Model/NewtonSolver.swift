import AffinityNumerics

/// Newton's method (IRLS) with a backtracking line search.
///
/// Each step solves (XᵀWX + λI)·Δ = −∇f by Cholesky (`LAPACK.choleskySolve`). When
/// the Hessian is singular (no penalty, collinear columns) a small ridge is added and
/// raised tenfold until the factorization succeeds.
enum NewtonSolver {
    static func run(_ objective: LogisticObjective, start: [Double], config: LogisticConfig,
                    weightSum: Double) -> (coefficients: [Double], report: FitReport) {
        let began = ContinuousClock.now
        var w = start
        var value = objective.evaluate(w, hessian: true)
        var iterations = 0, converged = false
        var warnings: [String] = []
        while true {
            if let stop = StoppingRule.check(value, objective: objective, config: config, weightSum: weightSum,
                                             solver: .newton, iterations: iterations, warnings: &warnings) {
                converged = stop
                break
            }
            let step = solve(value.hessian!, value.gradient, width: objective.width)
            let slope = value.gradient.inner(step)
            let found = LineSearch.backtrack(objective, from: w, value: value, direction: step, slope: slope,
                                             initialStep: 1, maxTrials: 40, hessian: true)
            iterations += 1
            guard let (trial, next) = found else {
                converged = LineSearch.stalled(at: value, weightSum: weightSum, solver: .newton,
                                               iterations: iterations, warnings: &warnings)
                break
            }
            let floor = SinglePrecisionFloor.reached(before: value.loss, after: next.loss,
                                                     gradient: next.gradient, weightSum: weightSum)
            w = trial
            value = next
            if floor { converged = true; break }
        }
        return (w, FitReport(solver: .newton, iterations: iterations, converged: converged, final: value,
                             weightSum: weightSum, began: began, warnings: warnings))
    }

    /// Solves H·Δ = −g in single precision, adding a growing ridge if H is not positive definite.
    static func solve(_ hessian: [Double], _ gradient: [Double], width d: Int) -> [Double] {
        var meanDiagonal = 0.0
        for j in 0..<d { meanDiagonal += hessian[j * d + j] }
        meanDiagonal = max(meanDiagonal / Double(d), 1e-12)
        var ridge = 0.0
        while true {
            var a = hessian.map { Float($0) }
            if ridge > 0 { for j in 0..<d { a[j * d + j] += Float(ridge) } }
            var b = gradient.map { -Float($0) }
            let info = a.withUnsafeMutableBufferPointer { ap in
                b.withUnsafeMutableBufferPointer { bp in
                    LAPACK.choleskySolve(n: d, a: ap.baseAddress!, b: bp.baseAddress!)
                }
            }
            if info == 0 && b.allSatisfy({ $0.isFinite }) { return b.map { Double($0) } }
            ridge = ridge == 0 ? 1e-7 * meanDiagonal : ridge * 10
            if ridge > meanDiagonal * 1e3 { return gradient.map { -$0 / meanDiagonal } }
        }
    }
}
