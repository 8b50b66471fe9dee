import AffinityNumerics

/// Which grid points a search fits: the budget shared out over the algorithms, then a seeded
/// random sample of each algorithm's grid (the whole grid when its share covers it).
enum TuningPlan {
    /// Fits per algorithm, in the order given: the budget shared evenly, except that an algorithm
    /// whose grid is smaller than its share takes its whole grid and leaves the rest to the others.
    static func allocation(budget: Int, algorithms: [TuningAlgorithm]) -> [Int] {
        var shares = [Int](repeating: 0, count: algorithms.count)
        var remaining = budget
        let smallestFirst = algorithms.indices.sorted { (algorithms[$0].gridSize, $0) < (algorithms[$1].gridSize, $1) }
        for (done, i) in smallestFirst.enumerated() {
            shares[i] = min(algorithms[i].gridSize, remaining / (algorithms.count - done))
            remaining -= shares[i]
        }
        return shares
    }

    /// The candidates to fit, algorithm by algorithm; within one, in grid order (first dimension slowest).
    static func candidates(_ config: TuningConfig) -> [TuningCandidate] {
        var rng = Xoshiro256(seed: config.seed)
        var out: [TuningCandidate] = []
        for (algorithm, share) in zip(config.algorithms, allocation(budget: config.budget, algorithms: config.algorithms)) {
            var order = Array(0..<algorithm.gridSize)
            rng.shuffle(&order)
            for index in order.prefix(share).sorted() { out.append(candidate(index, of: algorithm)) }
        }
        return out
    }

    /// Point `index` of the algorithm's grids taken one after another; within a grid, mixed radix
    /// with the last dimension fastest.
    static func candidate(_ index: Int, of algorithm: TuningAlgorithm) -> TuningCandidate {
        var rest = index, grid = 0
        while rest >= TuningAlgorithm.size(of: algorithm.grids[grid]) {
            rest -= TuningAlgorithm.size(of: algorithm.grids[grid])
            grid += 1
        }
        var values: [TuningValue] = []
        for dimension in algorithm.grids[grid].reversed() {
            values.append(dimension.values[rest % dimension.values.count])
            rest /= dimension.values.count
        }
        return TuningCandidate(algorithm: algorithm, grid: grid, values: values.reversed())
    }
}
