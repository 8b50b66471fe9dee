/// A fitted customer-lifetime-value model: BG/NBD for purchases and Gamma-Gamma for spend,
/// with time in days. Saved as JSON (`CLVModel+File.swift`).
public struct CLVModel: Codable, Sendable, Equatable {
    public static let formatName = "affinity-clv"
    public static let currentVersion = 1

    public var format = CLVModel.formatName
    public var version = CLVModel.currentVersion
    public var bgnbd: BGNBDParameters
    public var gammaGamma: GammaGammaParameters
    /// True when the BG/NBD likelihood is largest in the limit a/(a+b) → 0 (no dropout, the
    /// NBD model): a is stored as 0, b is not identified (kept from the 4-parameter fit, with
    /// no effect on any prediction), and P(alive) is 1 for every customer.
    public var nbdLimit: Bool
    /// Customers in the summary table (BG/NBD) and those with repeat spend (Gamma-Gamma).
    public var customers: Int
    public var gammaGammaCustomers: Int
    /// BG/NBD log-likelihood summed over customers (time in days); Gamma-Gamma's likewise.
    public var logLikelihood: Double
    public var gammaGammaLogLikelihood: Double
    /// The last day of the calibration period (YYYY-MM-DD, included).
    public var calibrationEnd: String
    public var fitSeconds: Double
    /// Notes for the user (boundary, convergence), also printed to stderr by the CLI.
    public var notes: [String]

    enum CodingKeys: String, CodingKey {
        case format, version, bgnbd, gammaGamma = "gamma_gamma", nbdLimit = "nbd_limit", customers
        case gammaGammaCustomers = "gamma_gamma_customers", logLikelihood = "log_likelihood"
        case gammaGammaLogLikelihood = "gamma_gamma_log_likelihood", calibrationEnd = "calibration_end"
        case fitSeconds = "fit_seconds", notes
    }
}
