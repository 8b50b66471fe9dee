import AffinityNumerics

/// A seeded synthetic labelled customer table for benchmarks and demos: `features`
/// standard-normal numeric columns, labels drawn from a known logistic model.
public struct SyntheticCustomers: Sendable {
    public var rows: Int
    public var features: Int
    /// Seed of the rows.
    public var seed: UInt64
    /// Seed of the true coefficients: tables with the same `modelSeed` share one model,
    /// so a test table from another `seed` is a fair hold-out.
    public var modelSeed: UInt64
    /// A customer table with known non-linear effects instead (`forEachNonlinearRow`; `features`
    /// and `modelSeed` are then unused).
    public var nonlinear: Bool

    public init(rows: Int, features: Int, seed: UInt64, modelSeed: UInt64 = 1, nonlinear: Bool = false) {
        self.rows = rows
        self.features = features
        self.seed = seed
        self.modelSeed = modelSeed
        self.nonlinear = nonlinear
    }

    public var header: [String] {
        nonlinear ? Self.nonlinearHeader : ["customer_id"] + (0..<features).map { "x\($0 + 1)" } + ["churned"]
    }

    /// Calls `body` with each row's cells (ID, values with 4 decimals, Yes/No), in order.
    public func forEachRow<E: Error>(_ body: ([String]) throws(E) -> Void) throws(E) {
        if nonlinear { return try forEachNonlinearRow(body) }
        var modelRNG = Xoshiro256(seed: modelSeed)
        let weights = (0..<features).map { _ in 0.5 * modelRNG.nextGaussian() }
        var rng = Xoshiro256(seed: seed)
        var cells = [String](repeating: "", count: features + 2)
        for r in 0..<rows {
            var z = -1.0
            cells[0] = "S\(r + 1)"
            for j in 0..<features {
                let v = (rng.nextGaussian() * 10_000).rounded() / 10_000
                z += weights[j] * v
                cells[j + 1] = String(v)
            }
            cells[features + 1] = rng.nextDouble() < LogisticMath.sigmoid(z) ? "Yes" : "No"
            try body(cells)
        }
    }
}
