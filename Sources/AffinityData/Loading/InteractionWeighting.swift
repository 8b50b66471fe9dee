import Foundation

/// Row-level choices made before (user, item) pairs are summed, shared by every command that
/// trains (`--events`, `--event-weights`, `--half-life-days`; docs/CLI.md, "Input options"):
/// which event types count, what each counts for, and how fast old events fade.
/// `apply(to:base:file:)` applies them in that order; error messages name the flags.
public struct InteractionWeighting: Sendable, Equatable {
    /// Weights replacing a row's weight for these event types (`--event-weights view=1,click=2`):
    /// every row of a listed type weighs exactly this; rows of other types keep theirs. The
    /// model records the base table with these entries replaced or added.
    public var eventWeights: [String: Float]
    /// Only rows of these event types are kept (`--events view,cart_add`); nil keeps every row.
    public var events: [String]?
    /// Time decay: each row's weight × 0.5^((t_ref − t) / (D·86400 s)), t_ref the latest
    /// timestamp of the rows kept; nil: no decay.
    public var halfLifeDays: Double?

    public init(eventWeights: [String: Float] = [:], events: [String]? = nil, halfLifeDays: Double? = nil) {
        self.eventWeights = eventWeights
        self.events = events
        self.halfLifeDays = halfLifeDays
    }

    /// True when `apply` would return the table unchanged.
    public var isIdentity: Bool { eventWeights.isEmpty && events == nil && halfLifeDays == nil }

    /// Throws `DataError.invalid` naming the flag, what it needs and the value.
    public func validate() throws {
        if let d = halfLifeDays, !(d.isFinite && d > 0) {
            throw DataError.invalid("--half-life-days must be a finite number of days > 0; got \(d)")
        }
        for (name, w) in eventWeights.sorted(by: { $0.key < $1.key }) where !w.isFinite {
            throw DataError.invalid("--event-weights: the weight of '\(name)' must be a finite number; got \(w)")
        }
        if let events, events.isEmpty { throw DataError.invalid("--events needs at least one event type; got none") }
    }

    /// `base` with the entries of `eventWeights` replaced or added: the table a model records,
    /// and what its server's feedback then uses.
    public func effectiveWeights(base: EventWeights) -> EventWeights {
        EventWeights(base.byEvent.merging(eventWeights) { _, override in override })
    }

    /// Parses `--event-weights`: comma-separated `name=weight` pairs, e.g. `view=1,click=2`.
    /// - Throws: `DataError.invalid` naming the malformed pair, a repeated name or a bad number.
    public static func parseEventWeights(_ text: String) throws -> [String: Float] {
        var out: [String: Float] = [:]
        for pair in text.split(separator: ",", omittingEmptySubsequences: false) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = parts.first.map { String($0).trimmingCharacters(in: .whitespaces) } ?? ""
            guard parts.count == 2, !name.isEmpty else {
                throw DataError.invalid("--event-weights expects name=weight pairs separated by commas (e.g. view=1,click=2); got '\(pair)' in '\(text)'")
            }
            guard let w = Float(String(parts[1]).trimmingCharacters(in: .whitespaces)), w.isFinite else {
                throw DataError.invalid("--event-weights: the weight of '\(name)' must be a finite number; got '\(parts[1])'")
            }
            guard out.updateValue(w, forKey: name) == nil else {
                throw DataError.invalid("--event-weights names '\(name)' twice; give each event type once")
            }
        }
        return out
    }

    /// Parses `--events`: comma-separated event type names, e.g. `view,cart_add`.
    public static func parseEvents(_ text: String) throws -> [String] {
        let names = text.split(separator: ",", omittingEmptySubsequences: false).map { String($0).trimmingCharacters(in: .whitespaces) }
        if let empty = names.firstIndex(where: \.isEmpty) {
            throw DataError.invalid("--events expects event type names separated by commas (e.g. view,cart_add); name \(empty + 1) of '\(text)' is empty")
        }
        return names
    }
}
