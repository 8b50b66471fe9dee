import AffinityData
import AffinityProtocol
import Logging

extension Dispatcher {
    /// A failed write or read of the event log. With a shared store (`--events`) the store could not be
    /// reached or refused the statement: `unavailable`, and nothing was acknowledged. With the local log
    /// it is unexpected: `internal`.
    func logFailure(_ what: String, _ error: any Error) -> ProtocolError {
        guard log is any SharedEventLog else { return internalError("\(what): \(error)") }
        logger.warning("event store unavailable", metadata: ["op": "\(what)", "reason": "\(error)"])
        return .unavailable("\(what): the event store cannot be reached; nothing was acknowledged (retry, here or on another replica)")
    }
}
