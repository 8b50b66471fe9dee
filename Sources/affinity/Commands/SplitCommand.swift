import AffinityData
import AffinityRecommender
import ArgumentParser

/// `affinity split`: temporal (or, without timestamps, seeded random) train/test splits for honest evaluation.
struct SplitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "split",
        abstract: "Split interactions by time (or at random) into train and test CSVs (test keeps only known users/items and new pairs).",
        discussion: "Choose one of --cutoff, --fraction, --leave-last, --test-fraction, or --random [--test-fraction F] [--seed S] for data without timestamps. --json keys: train_rows, test_rows, dropped_test_rows, dropped_user_rows.")

    @OptionGroup var input: InputOptions
    @Option(help: "Global cutoff: rows at or after this time are test (ISO date/time or Unix seconds).")
    var cutoff: String?
    @Option(help: "Global temporal: the earliest fraction of rows trains (0 < F < 1).")
    var fraction: Double?
    @Option(name: .customLong("leave-last"), help: "Per user: the last N rows by time are test.")
    var leaveLast: Int?
    @Option(name: .customLong("test-fraction"), help: "Per user: the last fraction of rows by time is test (0 < F < 1).")
    var testFraction: Double?
    @Flag(help: "Per user: a random --test-fraction of rows (default 0.2) is test, drawn from --seed; needs no timestamps.")
    var random = false
    @Option(help: "Seed of --random (same file and seed: same split).")
    var seed: UInt64?
    @Option(name: .customLong("min-user-rows"), help: "Drop users with fewer rows than this first.")
    var minUserRows: Int = 0
    @Option(name: .customLong("train-out"), help: "Train CSV to write.")
    var trainOut: String
    @Option(name: .customLong("test-out"), help: "Test CSV to write.")
    var testOut: String
    @OptionGroup var format: OutputOptions

    func strategy() throws -> SplitStrategy {
        if seed != nil && !random { throw ValidationError("--seed applies only to --random; add --random or drop --seed") }
        if random {
            if let other = [("--cutoff", cutoff != nil), ("--fraction", fraction != nil), ("--leave-last", leaveLast != nil)].first(where: \.1) {
                throw ValidationError("--random draws each user's test rows at random; drop \(other.0) (or drop --random for a temporal split)")
            }
            return .randomUserFraction(try Self.checkedTestFraction(testFraction ?? Self.defaultRandomFraction), seed: seed ?? Self.defaultSeed)
        }
        let given = [cutoff != nil, fraction != nil, leaveLast != nil, testFraction != nil].filter { $0 }.count
        guard given == 1 else { throw ValidationError("give exactly one of --cutoff, --fraction, --leave-last, --test-fraction (or --random, for data without timestamps)") }
        if let cutoff {
            guard let t = TimestampParser.parse(cutoff) else {
                throw ValidationError("--cutoff must be a date (YYYY-MM-DD[ HH:MM:SS]) or Unix seconds; got '\(cutoff)'")
            }
            return .cutoff(t)
        }
        if let fraction {
            guard fraction > 0, fraction < 1 else { throw ValidationError("--fraction must be between 0 and 1 (exclusive); got \(fraction)") }
            return .fraction(fraction)
        }
        if let leaveLast {
            guard leaveLast >= 1 else { throw ValidationError("--leave-last must be at least 1; got \(leaveLast)") }
            return .leaveLast(leaveLast)
        }
        return .userFraction(try Self.checkedTestFraction(testFraction ?? 0))
    }

    static func checkedTestFraction(_ f: Double) throws -> Double {
        guard f > 0, f < 1 else { throw ValidationError("--test-fraction must be between 0 and 1 (exclusive); got \(f)") }
        return f
    }

    static let defaultRandomFraction = 0.2
    static let defaultSeed: UInt64 = 42

    func validate() throws {
        if input.input == nil { throw ValidationError("missing --input FILE (the interactions to split)") }
        guard minUserRows >= 0 else { throw ValidationError("--min-user-rows must be ≥ 0; got \(minUserRows)") }
        _ = try strategy()
    }

    struct Output: Encodable {
        let trainRows, testRows, droppedTestRows, droppedUserRows: Int
        enum CodingKeys: String, CodingKey {
            case trainRows = "train_rows", testRows = "test_rows"
            case droppedTestRows = "dropped_test_rows", droppedUserRows = "dropped_user_rows"
        }
    }

    func run() throws {
        let path = input.input ?? ""
        let loaded = try InteractionLoader.load(path: path, options: try input.loadOptions(file: path)).table
        let table = try input.weighted(loaded, file: path).table.requireRows(file: path, for: "split")
        let split = try Splitter.split(table, strategy: try strategy(), minUserRows: minUserRows)
        try InteractionCSVWriter.write(table, rows: split.trainRows, to: trainOut)
        try InteractionCSVWriter.write(table, rows: split.testRows, to: testOut)
        let out = Output(trainRows: split.trainRows.count, testRows: split.testRows.count,
                         droppedTestRows: split.droppedTestRows, droppedUserRows: split.droppedUserRows)
        if format.json { try JSONOutput.print(out) } else {
            print("train: \(out.trainRows) rows → \(trainOut)")
            print("test: \(out.testRows) rows → \(testOut) (dropped \(out.droppedTestRows) unknown-user/item or repeat pairs)")
            if out.droppedUserRows > 0 { print("dropped \(out.droppedUserRows) rows of users below --min-user-rows") }
        }
    }
}

/// `affinity export`: factors and IDs for numpy / implicit.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write a model's arrays as .npy and its IDs as .txt (ALS: factors; EASE: B; see docs/FORMATS.md).")

    @Option(help: "Model file from 'affinity train als' or 'affinity train ease'.")
    var model: String
    @Option(help: "Directory to write user_factors.npy and item_factors.npy (ALS) or b.npy (EASE), plus user_ids.txt and item_ids.txt.")
    var out: String

    func run() throws {
        for path in try ModelKind.load(path: model).export(to: out) { print(path) }
    }
}
