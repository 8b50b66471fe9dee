import ArgumentParser

/// How far ahead CLV values customers (`clv score`, `retention`).
struct CLVHorizonOptions: ParsableArguments {
    @Option(name: .customLong("horizon-days"), help: "Days ahead to predict; 1...3650.")
    var horizonDays: Int = 90
    @Option(name: .customLong("annual-discount-rate"), help: "Yearly discount rate for future revenue; 0...1.")
    var annualDiscountRate: Double = 0.1

    func validate() throws {
        if !(1...3650).contains(horizonDays) { throw ValidationError("--horizon-days must be between 1 and 3650; got \(horizonDays)") }
        if !(0...1).contains(annualDiscountRate) { throw ValidationError("--annual-discount-rate must be between 0 and 1; got \(annualDiscountRate)") }
    }
}
