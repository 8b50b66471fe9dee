import AffinityData
import Foundation

/// The outcome of a search, written as best.json: the chosen algorithm and hyperparameters with
/// their validation score, every trial with its score, and what reproduces the search.
public struct TuningReport: Codable, Sendable, Equatable {
    public var algorithm: TuningAlgorithm
    /// The chosen grid point (dimension name → value); settings not searched keep the
    /// `affinity train` defaults.
    public var hyperparameters: [String: TuningValue]
    /// The metric maximized, as NAME@K.
    public var metric: String
    /// The chosen point's score on the validation split.
    public var validationScore: Double
    public var validation: ValidationSummary
    public var seed: UInt64
    public var budget: Int
    public var threads: Int
    public var trials: [TuningTrial]
    /// The final model's path (set by the caller that saves it).
    public var model: String?

    enum CodingKeys: String, CodingKey {
        case algorithm, hyperparameters, metric, validation, seed, budget, threads, trials, model
        case validationScore = "validation_score"
    }

    /// Writes the report as pretty JSON with sorted keys (temp file + rename).
    public func save(to path: String) throws(RecommenderError) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data: Data
        do { data = try encoder.encode(self) } catch {
            throw .invalidInput("\(path): cannot encode the tuning report (\(error))")
        }
        do throws(DataError) { try AtomicFile.write(Array(data) + Array("\n".utf8), to: path) } catch {
            throw .invalidInput(error.description)
        }
    }
}

/// A finished search: its report and the final model, trained on all of the data with the
/// chosen configuration (not yet saved).
public struct TuningOutcome: Sendable {
    public var report: TuningReport
    public var model: any TrainedModel
}
