/// One row of the CLV summary table, in the Python `lifetimes` library's conventions
/// (time in days, purchases counted as distinct purchase days).
public struct CLVCustomer: Sendable, Equatable {
    public var id: String
    /// Repeat purchases: distinct purchase days − 1.
    public var frequency: Double
    /// Days from the first to the last purchase day.
    public var recency: Double
    /// Days from the first purchase day to the end of the calibration period.
    public var T: Double
    /// Mean revenue of the repeat purchase days (0 when frequency is 0).
    public var monetary: Double

    public init(id: String, frequency: Double, recency: Double, T: Double, monetary: Double) {
        self.id = id
        self.frequency = frequency
        self.recency = recency
        self.T = T
        self.monetary = monetary
    }
}
