import AffinityData
import ArgumentParser

/// `affinity data …`: inspect interaction files.
struct DataCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "data",
        abstract: "Inspect interaction data; build a product catalogue.",
        subcommands: [DataStats.self, DataCatalog.self]
    )
}

/// `affinity data stats FILE`: rows, skips, users, items, nnz, density, events, time range.
struct DataStats: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats",
        abstract: "Load an interaction file and print what it holds.",
        discussion: "JSON keys: rows, rows_kept, skipped, skipped_first_lines, users, items, nnz, density, events, time_range, file."
    )

    @Argument(help: "Interaction file to read (or give --input).")
    var file: String?

    @OptionGroup var input: InputOptions
    @OptionGroup var output: OutputOptions

    func validate() throws {
        if file != nil && input.input != nil { throw ValidationError("give the file either as an argument or with --input, not both") }
        if file == nil && input.input == nil { throw ValidationError("missing input file: give FILE or --input FILE") }
    }

    func run() throws {
        let path = file ?? input.input ?? ""
        var loaded = try InteractionLoader.load(path: path, options: try input.loadOptions(file: path))
        loaded.table = try input.weighted(loaded.table, file: path).table
        let stats = InteractionStats(loaded)
        if output.json {
            try JSONOutput.print(stats)
        } else {
            print(StatsText.render(stats))
        }
    }
}
