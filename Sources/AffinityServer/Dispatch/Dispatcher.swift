public import AffinityData
public import AffinityProtocol
import Foundation
public import Logging

/// The completion of one request: a result to encode, or an error reply.
public typealias ReplyCompletion = @Sendable (Result<any Encodable & Sendable, ProtocolError>) -> Void

/// Runs ops against the current model snapshot, the event log and the user store. Knows nothing
/// about NIO: the pipeline calls `handle`, and tests call it directly with in-memory stand-ins.
/// Blocking work (reload, export, forget, churn batches) goes through `offload` (NIOThreadPool in the server).
public final class Dispatcher: Sendable {
    public let registry: ModelRegistry
    public let log: any EventLog
    public let loader: any ModelLoading
    public let stats: ServerStats
    let logger: Logger
    let offload: @Sendable (@escaping @Sendable () -> Void) -> Void
    let draining = Locked(false)
    /// CLV scores, purchases and names for `retention_offer` (empty when the server was started without them).
    public let retention: RetentionData

    public init(registry: ModelRegistry, log: any EventLog, loader: any ModelLoading, stats: ServerStats = ServerStats(),
                logger: Logger = Logger(label: "affinity.server"), retention: RetentionData = RetentionData(),
                offload: @escaping @Sendable (@escaping @Sendable () -> Void) -> Void = { $0() }) {
        self.retention = retention
        self.registry = registry
        self.log = log
        self.loader = loader
        self.stats = stats
        self.logger = logger
        self.offload = offload
    }

    public var isDraining: Bool {
        get { draining.withLock { $0 } }
        set { draining.withLock { $0 = newValue } }
    }

    /// Serves one request; `completion` is called exactly once, possibly on another thread.
    /// `detailed: false` is for a caller that has not authenticated: `health` answers its status only.
    public func handle(_ request: Request, detailed: Bool = true, completion: @escaping ReplyCompletion) {
        let snapshot = registry.snapshot
        if isDraining, request.op != .health {
            return completion(.failure(.overloaded("the server is draining for shutdown; retry on another connection")))
        }
        switch request {
        case .auth:
            completion(.success(AuthResult(role: .admin)))
        case .recommend(let p):
            completion(Result { () throws(ProtocolError) in try recommend(p, snapshot) })
        case .recommendItems(let p):
            completion(Result { () throws(ProtocolError) in try recommendItems(p, snapshot) })
        case .similarItems(let p):
            completion(Result { () throws(ProtocolError) in try similarItems(p, snapshot) })
        case .feedback(let p):
            feedback([p], batch: false, snapshot) { completion($0.map { FeedbackResult(seq: $0.firstSeq) }) }
        case .feedbackBatch(let p):
            feedback(p.events, batch: true, snapshot) { completion($0.map { $0 }) }
        case .churnScore(let p):
            completion(Result { () throws(ProtocolError) in try churnScore(p.customer, snapshot, field: "customer") })
        case .retentionOffer(let p):
            completion(Result { () throws(ProtocolError) in try retentionOffer(p, snapshot) })
        case .churnBatch(let p):
            offload { completion(Result { () throws(ProtocolError) in try self.churnBatch(p, snapshot) }) }
        case .forgetUser(let p):
            offload { self.forgetUser(p.user, snapshot, completion: completion) }
        case .exportUser(let p):
            offload { completion(Result { () throws(ProtocolError) in try self.exportUser(p.user, snapshot) }) }
        case .health:
            let status = isDraining ? "draining" : "ok"
            completion(.success(detailed ? HealthResult(status: status, modelLoaded: snapshot.recommender != nil,
                                                        churnLoaded: snapshot.churn != nil) : HealthResult(status: status)))
        case .modelInfo:
            completion(.success(modelInfo(snapshot)))
        case .stats:
            completion(.success(stats.result()))
        case .reload(let p):
            offload {
                let result = Result { () throws(ProtocolError) -> any Encodable & Sendable in try self.reload(path: p.path, force: p.force ?? false) }
                // The replaced snapshot is released by now (unless a request still holds it for a moment).
                ProcessMemory.releaseFreePages()
                completion(result)
            }
        }
    }

    /// Logs an unexpected failure under a fresh correlation id and returns the `internal` error for the client.
    func internalError(_ message: String) -> ProtocolError {
        let id = String(UInt64.random(in: 0...UInt64.max), radix: 36)
        logger.error("internal error", metadata: ["correlation_id": "\(id)", "detail": "\(message)"])
        return .internal(correlationID: id)
    }
}
