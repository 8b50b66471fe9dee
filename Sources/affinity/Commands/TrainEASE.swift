import AffinityData
import AffinityRecommender
import ArgumentParser
import Foundation

/// `affinity train ease`: EASE (Steck 2019), an item–item model in closed form, saved as a model file.
struct TrainEASE: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ease",
        abstract: "Train EASE (Steck 2019: B from the inverse of XᵀX + λI) and save the model.",
        discussion: "Memory: 12·items² bytes (Double Gram matrix and Float B); refused up front above --max-memory. --json prints one line: fit_seconds, users, items, nnz, l2, model. See docs/EASE.md.")

    @OptionGroup var input: InputOptions
    @OptionGroup var ease: EASEOptions
    @Option(help: "Model file to write (e.g. models/shop-ease.affinity); written to a temp file, then renamed.")
    var output: String
    @OptionGroup var format: OutputOptions

    func validate() throws {
        if input.input == nil { throw ValidationError("missing --input FILE (the interactions to train on)") }
    }

    struct Summary: Encodable {
        let fitSeconds: Double, users: Int, items: Int, nnz: Int, l2: Double, model: String
        enum CodingKeys: String, CodingKey { case users, items, nnz, l2, model; case fitSeconds = "fit_seconds" }
    }

    func run() throws {
        let path = input.input ?? ""
        let options = try input.loadOptions(file: path)
        let weighted = try input.weighted(try InteractionLoader.load(path: path, options: options).table, file: path)
        let model = try EASEModel.train(try weighted.table.requireRows(file: path, for: "train on"), config: ease.config(),
                                        eventWeights: weighted.eventWeights, datasetSource: input.preset ?? path)
        try model.save(to: output)
        let h = model.header
        if format.json {
            try JSONOutput.print(Summary(fitSeconds: h.fitSeconds, users: h.users, items: h.items, nnz: h.nnz, l2: h.l2, model: output))
        } else {
            print(String(format: "trained EASE on %d users × %d items (%d interactions), λ = %g: %.3f s fit", h.users, h.items, h.nnz, h.l2, h.fitSeconds))
            print("saved \(output)")
        }
    }
}
