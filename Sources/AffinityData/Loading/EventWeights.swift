/// How much one event of each type counts: the weight an event adds to its (user, item) entry
/// of the training matrix, and what online fold-in adds for feedback of that type. A model
/// stores the table it was trained with (`event_weights` in its header, docs/FORMATS.md).
/// Event types missing from the table are skipped where events are read.
public struct EventWeights: Sendable, Equatable {
    /// Weight per event type name.
    public var byEvent: [String: Float]

    public init(_ byEvent: [String: Float]) { self.byEvent = byEvent }

    /// The weight of `event`, nil when the table has no such type.
    public subscript(event: String) -> Float? { byEvent[event] }

    /// The purchase funnel of the synthetic shop and the server's `feedback` events: a cart
    /// add counts for more than a view, a purchase most. `impression` (shown, not clicked) and
    /// `dismiss` are negative feedback: a negative weight means preference 0 with confidence
    /// from |w| for ALS, and subtracts the item's row of B for EASE (docs/NUMERICS.md).
    public static let funnel = EventWeights(["view": 1, "click": 2, "cart_add": 4, "purchase": 8,
                                             "impression": -0.5, "dismiss": -2])

    /// REES46's event types (`view`, `cart`, `purchase`) on the funnel's scale.
    public static let rees46 = EventWeights(["view": 1, "cart": 4, "purchase": 8])
}
