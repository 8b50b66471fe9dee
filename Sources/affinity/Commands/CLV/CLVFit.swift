import AffinityChurn
import AffinityData
import ArgumentParser
import Foundation

/// `affinity clv fit`: the summary table from order lines, then both models by maximum likelihood.
struct CLVFit: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fit",
        abstract: "Fit BG/NBD (purchases, dropout) and Gamma-Gamma (spend) to order lines; time in days.",
        discussion: "--json prints customers, fit_seconds, log_likelihood (BG/NBD, summed), bgnbd {r, alpha, a, b}, gamma_gamma {p, q, v}, nbd_limit, calibration_end, gamma_gamma_customers. See docs/CLV.md."
    )

    @OptionGroup var source: TransactionOptions
    @Option(name: .customLong("calibration-end"), help: "Last day of the calibration period (YYYY-MM-DD, included); default: the last day in the data.")
    var calibrationEnd: String?
    @Option(name: .shortAndLong, help: "Model JSON to write (temp + rename).")
    var output: String
    @Option(name: .customLong("summary-output"), help: "Also write the summary table (customer_id, frequency, recency, T, monetary) as CSV.")
    var summaryOutput: String?
    @OptionGroup var format: OutputOptions

    func validate() throws {
        if let calibrationEnd { _ = try CLVCommand.date(calibrationEnd, flag: "--calibration-end") }
    }

    func run() throws {
        let log = try source.load()
        let summary = try CLVSummary.build(log, calibrationEnd: calibrationEnd.map { try CLVCommand.date($0, flag: "--calibration-end") })
        if let summaryOutput { try CSVTableWriter.write(header: CLVSummary.header, rows: summary.rows, to: summaryOutput) }
        let model = try CLVFitter.fit(summary)
        for note in model.notes { printError("note: \(note)") }
        try model.save(path: output)
        if format.json {
            try JSONOutput.print(FitJSON(customers: model.customers, fit_seconds: model.fitSeconds, log_likelihood: model.logLikelihood,
                                         bgnbd: model.bgnbd, gamma_gamma: model.gammaGamma, nbd_limit: model.nbdLimit,
                                         calibration_end: model.calibrationEnd, gamma_gamma_customers: model.gammaGammaCustomers))
        } else {
            let b = model.bgnbd, g = model.gammaGamma
            print("customers: \(model.customers), calibration end: \(model.calibrationEnd), BG/NBD r=\(b.r) alpha=\(b.alpha) a=\(b.a) b=\(b.b)"
                + "\(model.nbdLimit ? " (NBD limit)" : ""), log-likelihood \(model.logLikelihood); Gamma-Gamma p=\(g.p) q=\(g.q) v=\(g.v) "
                + "(\(model.gammaGammaCustomers) customers); \(String(format: "%.3f", model.fitSeconds)) s -> \(output)")
        }
    }

    private struct FitJSON: Encodable {
        var customers: Int
        var fit_seconds: Double
        var log_likelihood: Double
        var bgnbd: BGNBDParameters
        var gamma_gamma: GammaGammaParameters
        var nbd_limit: Bool
        var calibration_end: String
        var gamma_gamma_customers: Int
    }
}
