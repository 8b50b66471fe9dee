public import AffinityChurn
public import ArgumentParser
import Foundation

extension LogisticConfig.ClassWeight: ExpressibleByArgument {}
extension LogisticConfig.Solver: ExpressibleByArgument {}
extension Calibration.Method: ExpressibleByArgument {}

/// Optimizer settings for `churn train`.
struct LogisticOptions: ParsableArguments {
    @Option(name: .long, help: "L2 penalty λ on the coefficients (not the intercept); 1.0 equals scikit-learn's C=1 (λ = 1/C).")
    var l2: Double = 1.0

    @Option(name: .customLong("class-weight"), help: "Row weights by class: none or balanced (n / (2·n_class)).")
    var classWeight: LogisticConfig.ClassWeight = .none

    @Option(name: .long, help: "Optimizer: auto (Newton up to 1500 columns, else L-BFGS), newton or lbfgs.")
    var solver: LogisticConfig.Solver = .auto

    @Option(name: .customLong("max-iter"), help: "Maximum optimizer iterations (1...100000).")
    var maxIterations: Int = 100

    @Option(name: .long, help: "Convergence tolerance on max |gradient| / rows, in (0, 1).")
    var tol: Double = 1e-5

    @Option(name: .long, help: "Worker threads for gradient and Hessian passes (1...256; default: all cores).")
    var threads: Int?

    /// The library config; `validate()` passes the library's message on, renamed to the flag.
    func config() throws -> LogisticConfig {
        var c = LogisticConfig()
        c.l2 = l2
        c.classWeight = classWeight
        c.solver = solver
        c.maxIterations = maxIterations
        c.tolerance = tol
        c.threads = threads ?? BLASThreadsDefault.cores
        do { try c.validate() } catch {
            let flags = ["LogisticConfig.l2": "--l2", "LogisticConfig.maxIterations": "--max-iter",
                         "LogisticConfig.tolerance": "--tol", "LogisticConfig.threads": "--threads"]
            var message = error.description
            for (field, flag) in flags where message.hasPrefix(field) { message = flag + message.dropFirst(field.count) }
            throw ValidationError(message)
        }
        return c
    }

    func validate() throws { _ = try config() }
}

enum BLASThreadsDefault {
    static var cores: Int { max(1, min(256, ProcessInfo.processInfo.activeProcessorCount)) }
}
extension PeriodUnit: ExpressibleByArgument {}
