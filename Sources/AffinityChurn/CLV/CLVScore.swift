/// One customer's CLV prediction over a horizon.
public struct CLVScore: Sendable {
    public var customer: CLVCustomer
    public var pAlive: Double
    public var expectedPurchases: Double
    /// Discounted expected revenue over the horizon; NaN when Gamma-Gamma's q ≤ 1 and the
    /// customer has no repeat purchases (the population mean spend is infinite).
    public var expectedValue: Double

    public init(customer: CLVCustomer, pAlive: Double, expectedPurchases: Double, expectedValue: Double) {
        self.customer = customer
        self.pAlive = pAlive
        self.expectedPurchases = expectedPurchases
        self.expectedValue = expectedValue
    }

    public static let header = CLVSummary.header + ["p_alive", "expected_purchases", "expected_value"]
}
