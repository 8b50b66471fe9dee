/// Minimises a smooth function of a few parameters inside a box, lower ≤ x ≤ upper, by
/// L-BFGS (`LBFGSMemory`) with projected Armijo steps (`ArmijoSearch`). Variables on a bound
/// whose gradient points out of the box are held there; the others move freely. Meant for
/// maximum-likelihood fits in log-parameters (d ≤ ~100), where a bound stands for a limit
/// such as "this rate → 0" that the data may prefer.
///
/// Deterministic (no randomness, fixed evaluation order). Cost: one `objective` call per
/// trial point and O(m·d) per iteration besides.
public enum BoundedLBFGS {
    public struct Options: Sendable {
        /// Converged when every component of the projected gradient is ≤ this in magnitude.
        public var gradientTolerance = 1e-6
        /// Also converged when a step lowers f by less than this × max(1, |f|).
        public var relativeDecrease = 1e-13
        public var maxIterations = 1000
        public var memory = 10
        public init() {}
    }

    public struct Result: Sendable {
        public var point: [Double]
        public var value: Double
        public var gradient: [Double]
        public var iterations: Int
        public var converged: Bool
        /// Indices of the variables that ended on a bound.
        public var atBound: [Int]
    }

    /// `objective` returns f(x) and ∇f(x); a non-finite f rejects the trial point.
    /// Requires `start`, `lower`, `upper` of one length with lower ≤ upper; `start` is clamped into the box.
    public static func minimize(start: [Double], lower: [Double], upper: [Double], options: Options = Options(),
                                objective: ([Double]) -> (value: Double, gradient: [Double])) -> Result {
        precondition(start.count == lower.count && start.count == upper.count, "BoundedLBFGS: lengths differ")
        precondition(zip(lower, upper).allSatisfy { $0 <= $1 }, "BoundedLBFGS: lower > upper")
        let clamp = { (x: [Double]) in x.indices.map { Swift.min(upper[$0], Swift.max(lower[$0], x[$0])) } }
        var x = clamp(start)
        var current = objective(x)
        var memory = LBFGSMemory(capacity: options.memory)
        var iterations = 0, converged = false
        while iterations < options.maxIterations {
            let free = x.indices.map { i in
                !((x[i] <= lower[i] && current.gradient[i] > 0) || (x[i] >= upper[i] && current.gradient[i] < 0))
            }
            let projected = x.indices.map { free[$0] ? current.gradient[$0] : 0 }
            if projected.maxMagnitude <= options.gradientTolerance { converged = true; break }
            var direction = zip(memory.direction(current.gradient), free).map { $1 ? $0 : 0 }
            if !(projected.inner(direction) < 0) {
                memory.reset()
                direction = projected.map { -$0 }
            }
            let initialStep = memory.isEmpty ? Swift.min(1, 1 / projected.euclideanNorm) : 1.0
            let found = ArmijoSearch.backtrack(
                loss0: current.value, initialStep: initialStep, maxTrials: 60,
                trial: { clamp(x.moved(by: $0, along: direction)) },
                predicted: { point, _ in current.gradient.inner(zip(point, x).map { $0 - $1 }) },
                evaluate: objective, loss: { $0.value })
            iterations += 1
            guard let (point, next) = found else { break }
            memory.update(step: zip(point, x).map { $0 - $1 },
                          gradientChange: zip(next.gradient, current.gradient).map { $0 - $1 })
            let small = current.value - next.value <= options.relativeDecrease * Swift.max(1, abs(current.value))
            x = point
            current = next
            if small { converged = true; break }
        }
        let atBound = x.indices.filter { x[$0] <= lower[$0] || x[$0] >= upper[$0] }
        return Result(point: x, value: current.value, gradient: current.gradient, iterations: iterations,
                      converged: converged, atBound: atBound)
    }
}
