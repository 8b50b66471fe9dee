import AffinityData
import ArgumentParser

/// `affinity clv …`: customer lifetime value (BG/NBD purchases × Gamma-Gamma spend).
struct CLVCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "clv",
        abstract: "Customer lifetime value: fit BG/NBD and Gamma-Gamma, score P(alive) and expected value, evaluate on a holdout.",
        subcommands: [CLVFit.self, CLVScoreCommand.self, CLVEvaluate.self]
    )

    /// Unix seconds of a `--flag DATE` value, or a validation error naming the flag.
    static func date(_ text: String, flag: String) throws -> Int64 {
        guard let t = TimestampParser.parse(text) else { throw ValidationError("\(flag) must be a date like 2011-09-09; got '\(text)'") }
        return t
    }
}
