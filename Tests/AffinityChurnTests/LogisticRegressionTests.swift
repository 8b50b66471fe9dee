@testable import AffinityChurn
import AffinityNumerics
import Foundation
import Testing

@Suite("Logistic regression")
struct LogisticRegressionTests {
    @Test("gradient and Hessian match central finite differences of the reference objective")
    func derivativesMatchFiniteDifferences() {
        let (x, y) = LogisticFixtures.random(rows: 300, features: 4, seed: 11)
        let design = LogisticFixtures.withIntercept(x)
        var weights = [Float](repeating: 1, count: 300)
        for i in stride(from: 0, to: 300, by: 3) { weights[i] = 2.5 }
        let objective = LogisticObjective(design: design, labels: y, sampleWeights: weights, l2: 0.7,
                                          interceptColumn: 4, threads: 2)
        let w: [Double] = [0.4, -0.3, 0.8, 0.1, -0.2]
        let value = objective.evaluate(w, hessian: true)
        let f = { (v: [Double]) in LogisticFixtures.referenceObjective(design, y, weights, 0.7, intercept: 4, v) }
        #expect(abs(value.loss - f(w)) < 1e-6 * abs(f(w)))
        let h = 1e-5
        for j in 0..<5 {
            var up = w, down = w
            up[j] += h; down[j] -= h
            let numeric = (f(up) - f(down)) / (2 * h)
            // Hessian rows by differences of the (single-precision) gradient: a wider step.
            up = w; down = w
            up[j] += 1e-3; down[j] -= 1e-3
            #expect(abs(value.gradient[j] - numeric) < 1e-3 * max(1, abs(numeric)), "gradient[\(j)]")
            let gUp = objective.evaluate(up, hessian: false).gradient
            let gDown = objective.evaluate(down, hessian: false).gradient
            for k in 0..<5 {
                let numericH = (gUp[k] - gDown[k]) / 2e-3
                #expect(abs(value.hessian![j * 5 + k] - numericH) < 2e-2 * max(1, abs(numericH)), "H[\(j),\(k)]")
            }
        }
    }

    @Test("optimum of a tiny penalized problem matches a brute-force grid search", arguments: [LogisticConfig.Solver.newton, .lbfgs])
    func tinyProblemMatchesBruteForce(solver: LogisticConfig.Solver) throws {
        // Separable 1-D data: without the penalty there is no optimum; λ = 1 makes it unique.
        let xs: [Float] = [-2, -1.5, -0.5, 0.4, 1, 2.2]
        let ys: [Float] = [0, 0, 0, 1, 1, 1]
        var config = LogisticConfig()
        config.l2 = 1
        config.solver = solver
        config.tolerance = 1e-7
        let fit = try LogisticRegression.fit(features: Matrix(rows: 6, cols: 1, storage: xs), labels: ys, config: config)
        let design = LogisticFixtures.withIntercept(Matrix(rows: 6, cols: 1, storage: xs))
        let ones = [Float](repeating: 1, count: 6)
        var best = (w: 0.0, b: 0.0), width = 4.0
        for _ in 0..<12 {
            var bestValue = Double.infinity, center = best
            for i in -20...20 {
                for k in -20...20 {
                    let cand = (w: center.w + Double(i) * width / 20, b: center.b + Double(k) * width / 20)
                    let v = LogisticFixtures.referenceObjective(design, ys, ones, 1, intercept: 1, [cand.w, cand.b])
                    if v < bestValue { bestValue = v; best = cand }
                }
            }
            width /= 5
        }
        #expect(fit.report.converged)
        #expect(abs(fit.coefficients[0] - best.w) < 1e-3)
        #expect(abs(fit.intercept - best.b) < 1e-3)
    }

    @Test("intercept-only optimum is the logit of the weighted positive rate (closed form)")
    func interceptOnlyClosedForm() throws {
        let x = Matrix(rows: 10, cols: 1, repeating: 0)
        let y: [Float] = [1, 1, 1, 0, 0, 0, 0, 0, 0, 0]
        var config = LogisticConfig()
        config.tolerance = 1e-8
        let fit = try LogisticRegression.fit(features: x, labels: y, config: config)
        #expect(abs(fit.intercept - log(3.0 / 7.0)) < 1e-5)
        config.classWeight = .balanced
        let balanced = try LogisticRegression.fit(features: x, labels: y, config: config)
        #expect(abs(balanced.intercept) < 1e-5)
    }

    @Test("perfectly separable data without a penalty stops with finite coefficients and a warning",
          arguments: [LogisticConfig.Solver.newton, .lbfgs])
    func separableWithoutPenalty(solver: LogisticConfig.Solver) throws {
        let xs: [Float] = [-3, -2, -1, 1, 2, 3]
        let ys: [Float] = [0, 0, 0, 1, 1, 1]
        var config = LogisticConfig()
        config.l2 = 0
        config.solver = solver
        let fit = try LogisticRegression.fit(features: Matrix(rows: 6, cols: 1, storage: xs), labels: ys, config: config)
        #expect(fit.coefficients[0].isFinite && fit.coefficients[0] > 0)
        #expect(fit.report.warnings.contains { $0.contains("separable") })
        #expect(fit.report.iterations < config.maxIterations)
    }

    @Test("Newton and L-BFGS reach the same optimum; thread count does not change the answer much")
    func solversAgree() throws {
        let (x, y) = LogisticFixtures.random(rows: 2000, features: 8, seed: 5)
        var config = LogisticConfig()
        config.solver = .newton
        config.tolerance = 1e-6
        let newton = try LogisticRegression.fit(features: x, labels: y, config: config)
        config.solver = .lbfgs
        config.maxIterations = 200
        let lbfgs = try LogisticRegression.fit(features: x, labels: y, config: config)
        config.solver = .newton
        config.threads = 3
        let threaded = try LogisticRegression.fit(features: x, labels: y, config: config)
        for j in 0..<8 {
            #expect(abs(newton.coefficients[j] - lbfgs.coefficients[j]) < 1e-3)
            #expect(abs(newton.coefficients[j] - threaded.coefficients[j]) < 1e-4)
        }
        let again = try LogisticRegression.fit(features: x, labels: y, config: config)
        #expect(again.coefficients == threaded.coefficients, "same data, config and threads give the same bits")
    }

    @Test("too few iterations is reported as not converged with a warning naming the solver")
    func notConvergedWarning() throws {
        let (x, y) = LogisticFixtures.random(rows: 500, features: 5, seed: 9)
        var config = LogisticConfig()
        config.solver = .lbfgs
        config.maxIterations = 2
        let fit = try LogisticRegression.fit(features: x, labels: y, config: config)
        #expect(!fit.report.converged)
        #expect(fit.report.warnings.first?.contains("lbfgs did not converge within 2 iterations") == true)
    }

    @Test("one class in the labels is refused")
    func singleClassRefused() {
        let x = Matrix(rows: 3, cols: 1, storage: [1, 2, 3])
        #expect(throws: ChurnError.self) { try LogisticRegression.fit(features: x, labels: [1, 1, 1], config: LogisticConfig()) }
    }
}

@Suite("LogisticConfig validation")
struct LogisticConfigTests {
    static let cases: [(String, @Sendable (inout LogisticConfig) -> Void)] = [
        ("l2", { $0.l2 = -1 }), ("l2", { $0.l2 = .nan }), ("tolerance", { $0.tolerance = 0 }),
        ("maxIterations", { $0.maxIterations = 0 }), ("threads", { $0.threads = 0 }),
        ("lbfgsMemory", { $0.lbfgsMemory = 0 }), ("newtonMaxFeatures", { $0.newtonMaxFeatures = 0 }),
    ]

    @Test("each bad field is named in the error", arguments: 0..<7)
    func badFieldNamed(index: Int) {
        var config = LogisticConfig()
        let (field, spoil) = Self.cases[index]
        spoil(&config)
        do {
            try config.validate()
            Issue.record("expected \(field) to be rejected")
        } catch {
            #expect(error.description.hasPrefix("LogisticConfig.\(field) must be"))
        }
    }
}
