import AffinityChurn
import Foundation

/// What `churn train` prints: the fit report, and test metrics when a test set was given.
struct ChurnTrainOutput: Encodable {
    var fitSeconds: Double
    var iterations: Int
    var converged: Bool
    var gradientNorm: Double
    var solver: String
    var warnings: [String]
    var trainRows: Int
    var features: Int
    var model: String
    var metrics: ClassificationReport?

    init(result: ChurnTrainer.Result, model: String, metrics: ClassificationReport?) {
        fitSeconds = result.report.fitSeconds
        iterations = result.report.iterations
        converged = result.report.converged
        gradientNorm = result.report.gradientNorm
        solver = result.report.solver.rawValue
        warnings = result.report.warnings
        trainRows = result.model.training.rows
        features = result.model.encoder.width
        self.model = model
        self.metrics = metrics
    }

    enum CodingKeys: String, CodingKey {
        case fitSeconds = "fit_seconds", iterations, converged, gradientNorm = "gradient_norm", solver, warnings
        case trainRows = "train_rows", features, model
    }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(fitSeconds, forKey: .fitSeconds)
        try c.encode(iterations, forKey: .iterations)
        try c.encode(converged, forKey: .converged)
        try c.encode(gradientNorm, forKey: .gradientNorm)
        try c.encode(solver, forKey: .solver)
        try c.encode(warnings, forKey: .warnings)
        try c.encode(trainRows, forKey: .trainRows)
        try c.encode(features, forKey: .features)
        try c.encode(model, forKey: .model)
        try metrics?.encode(to: encoder)
    }

    var text: String {
        var lines = ["model: \(model)",
                     "rows: \(trainRows), design columns: \(features)",
                     "solver: \(solver), iterations: \(iterations), converged: \(converged), fit: \(String(format: "%.4f", fitSeconds)) s"]
        if let m = metrics { lines.append(ChurnEvaluation.text(m)) }
        return lines.joined(separator: "\n")
    }
}
