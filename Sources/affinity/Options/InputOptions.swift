import AffinityData
import ArgumentParser
import Foundation

/// Where interactions come from and how to read them; shared by every command that loads data.
struct InputOptions: ParsableArguments {
    @Option(name: .long, help: "Interaction file (.csv, .tsv/.dat, or .gz of either).")
    var input: String?

    @Option(name: .long, help: "Dataset preset: \(DatasetPreset.allCases.map(\.rawValue).joined(separator: ", ")). Omit for a generic CSV.")
    var preset: String?

    @Option(name: .customLong("user-col"), help: "User ID column of a generic CSV (default: user).")
    var userColumn: String?

    @Option(name: .customLong("item-col"), help: "Item ID column of a generic CSV (default: item).")
    var itemColumn: String?

    @Option(name: .customLong("weight-col"), help: "Weight column (default: weight if present, else every row weighs 1).")
    var weightColumn: String?

    @Option(name: .customLong("time-col"), help: "Timestamp column: ISO-8601, 'YYYY-MM-DD HH:MM:SS' or Unix seconds (default: timestamp if present).")
    var timeColumn: String?

    @Option(name: .customLong("event-col"), help: "Event-type column (default: event if present).")
    var eventColumn: String?

    @Option(name: .customLong("min-rating"), help: "movielens preset: ratings at or above this are positives (default: 4).")
    var minRating: Double?

    @Option(name: .long, help: "Field delimiter of a generic CSV: ',', ';' or 'tab' (default: detected from the header).")
    var delimiter: String?

    @Option(name: .customLong("max-id-bytes"), help: "Longest user or item ID accepted, in UTF-8 bytes (1...\(InteractionLoadOptions.maxIDBytesLimit)); a longer one is an error naming file and line.")
    var maxIDBytes: Int = InteractionLoadOptions.defaultMaxIDBytes

    @Option(help: ArgumentHelp("Keep only rows of these event types, comma-separated (e.g. view,cart_add); needs an event column. For `train als` it may instead name an event log to train on as well: a server's --data-dir, its log file, or the fleet's store (postgres://USER@HOST:PORT/DB; docs/FLEET.md).", valueName: "names|data-dir|url"))
    var events: String?

    /// `--events` when it names an event log (a postgres:// URL, or a file or directory that exists).
    var eventLog: String? { events.flatMap { Self.isEventLog($0) ? $0 : nil } }

    /// `--events` when it lists event types to keep.
    var eventTypes: String? { events.flatMap { Self.isEventLog($0) ? nil : $0 } }

    static func isEventLog(_ value: String) -> Bool {
        StorePasswordOptions.isStore(value) || FileManager.default.fileExists(atPath: value)
    }

    @Option(name: .customLong("event-weights"), help: ArgumentHelp("Weight per event type, replacing the preset's table for the types named, e.g. view=1,click=2,cart_add=4; every row of a named type weighs exactly that. Recorded in the model for feedback.", valueName: "name=w,..."))
    var eventWeights: String?

    @Option(name: .customLong("half-life-days"), help: "Time decay: weight × 0.5^((t_ref − t)/D days), t_ref = the latest timestamp kept; needs timestamps (D > 0).")
    var halfLifeDays: Double?

    func validate() throws {
        do {
            _ = try loadOptions(file: input ?? "")
            try weighting().validate()
        } catch let error as DataError {
            throw ValidationError(error.description)
        }
    }

    /// The row-level weighting --events (as event types), --event-weights and --half-life-days describe.
    func weighting() throws -> InteractionWeighting {
        InteractionWeighting(eventWeights: try eventWeights.map(InteractionWeighting.parseEventWeights) ?? [:],
                             events: try eventTypes.map(InteractionWeighting.parseEvents), halfLifeDays: halfLifeDays)
    }

    /// `table` (read from `file`) after the weighting flags, and the event-weight table a model
    /// trained on it records (the preset's, with --event-weights applied). Only `train als` reads an
    /// event log (`eventLogAllowed`); elsewhere `--events` naming one is an error, not a filter ignored.
    func weighted(_ table: InteractionTable, file: String,
                  eventLogAllowed: Bool = false) throws -> (table: InteractionTable, eventWeights: EventWeights) {
        if let log = eventLog, !eventLogAllowed {
            throw ValidationError("--events '\(log)' names an event log, which only `affinity train als` trains on; here --events lists event types to keep (e.g. view,cart_add)")
        }
        let base = try loadOptions(file: file).eventWeights
        let weighting = try weighting()
        return (try weighting.apply(to: table, base: base, file: file), weighting.effectiveWeights(base: base))
    }

    /// The library options these flags describe; throws the library's own `DataError` on bad values.
    func loadOptions(file: String) throws -> InteractionLoadOptions {
        var options = InteractionLoadOptions()
        if let preset {
            let chosen: DatasetPreset
            do { chosen = try DatasetPreset(named: preset) } catch let error as DataError {
                throw DataError.invalid("--preset: \(error.description)")
            }
            options.preset = chosen
            let columnFlags = [userColumn, itemColumn, weightColumn, timeColumn, eventColumn, delimiter]
            if columnFlags.contains(where: { $0 != nil }) {
                throw DataError.invalid("--preset \(preset) fixes the columns and delimiter; drop --user-col/--item-col/--weight-col/--time-col/--event-col/--delimiter or drop --preset")
            }
        }
        if let minRating {
            guard options.preset == .movielens else {
                throw DataError.invalid("--min-rating applies only to --preset movielens; got --min-rating \(minRating) with \(preset.map { "--preset \($0)" } ?? "a generic CSV")")
            }
            options.minRating = minRating
        }
        options.maxIDBytes = maxIDBytes
        if let userColumn { options.columns.user = userColumn }
        if let itemColumn { options.columns.item = itemColumn }
        if let weightColumn { options.columns.weight = OptionalColumn(weightColumn, required: true) }
        if let timeColumn { options.columns.timestamp = OptionalColumn(timeColumn, required: true) }
        if let eventColumn { options.columns.event = OptionalColumn(eventColumn, required: true) }
        if let delimiter {
            do { options.delimiter = try CSVOptions.delimiter(named: delimiter) } catch let error as DataError {
                throw DataError.invalid("--delimiter: \(error.description)")
            }
        }
        do { try options.validate() } catch let error as DataError {
            // The library names settings the way the flags do, without the dashes.
            let text = error.description
            throw DataError.invalid(text.hasPrefix("min-rating") || text.hasPrefix("max-id-bytes") ? "--" + text : text)
        }
        return options
    }
}
