import AffinityNumerics

/// Newton's method (IRLS) with a backtracking line search.
///
/// Each step solves (XᵀWX + λI)·Δ = −∇f by Cholesky (`LAPACK.choleskySolve`). When
/// the Hessian is singular (no penalty, collinear columns) a small ridge is added and
/// raised tenfold until the factorization succeeds.
enum NewtonSolver {
    static func run(_ objective: LogisticObjective, start: [Double], config: LogisticConfig,
                    weightSum: Double) -> (coefficients: [Double], report: FitReport) {
        let clock = ContinuousClock(), began = clock.now
        var w = start
        var value = objective.evaluate(w, hessian: true)
        var iterations = 0, converged = false, floor = false
        var warnings: [String] = []
        while true {
            if value.gradient.maxMagnitude / weightSum <= config.tolerance { converged = true; break }
            if objective.l2 == 0 && value.separates {
                warnings.append(SeparationWarning.message(solver: "newton", iterations: iterations))
                break
            }
            if iterations >= config.maxIterations {
                warnings.append(ConvergenceWarning.message(solver: "newton", iterations: iterations))
                break
            }
            let step = solve(value.hessian!, value.gradient, width: objective.width)
            let slope = value.gradient.inner(step)
            var t = 1.0, accepted = false
            for _ in 0..<40 {
                let trial = w.moved(by: t, along: step)
                let next = objective.evaluate(trial, hessian: true)
                if next.loss.isFinite && next.loss <= value.loss + 1e-4 * t * slope {
                    floor = SinglePrecisionFloor.reached(before: value.loss, after: next.loss,
                                                         gradient: next.gradient, weightSum: weightSum)
                    w = trial
                    value = next
                    accepted = true
                    break
                }
                t *= 0.5
            }
            iterations += 1
            if floor { converged = true; break }
            if !accepted {
                // No decrease is measurable in single precision: we are at the floor.
                converged = value.gradient.maxMagnitude / weightSum <= 1e-3
                if !converged { warnings.append(ConvergenceWarning.lineSearch(solver: "newton", iterations: iterations)) }
                break
            }
        }
        let seconds = began.duration(to: clock.now).seconds
        let report = FitReport(solver: "newton", iterations: iterations, converged: converged,
                               gradientNorm: value.gradient.euclideanNorm / weightSum, objective: value.loss,
                               fitSeconds: seconds, warnings: warnings)
        return (w, report)
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

extension Duration {
    /// This duration in seconds as a Double.
    var seconds: Double {
        let c = components
        return Double(c.seconds) + Double(c.attoseconds) * 1e-18
    }
}
