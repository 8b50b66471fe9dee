/// How long the retention list is and how many offers each row carries.
public struct RetentionConfig: Sendable, Equatable {
    /// List only the `top` customers by value at risk; nil lists every customer.
    public var top: Int?
    /// Offers per customer (1...100).
    public var offers = 3

    public init(top: Int? = nil, offers: Int = 3) {
        self.top = top
        self.offers = offers
    }

    /// Names the setting, its range and the value.
    public func validate() throws(RetentionError) {
        if let top, top < 1 { throw .invalid("--top must be at least 1; got \(top)") }
        if !(1...100).contains(offers) { throw .invalid("--offers must be between 1 and 100; got \(offers)") }
    }
}

/// Errors of the retention list, each with a complete message.
public enum RetentionError: Error, Equatable, Sendable, CustomStringConvertible {
    case invalid(String)

    public var description: String {
        switch self {
        case .invalid(let message): message
        }
    }
}
