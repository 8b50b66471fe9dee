import AffinityData
import AffinityProtocol
import AffinityServer
import Logging

/// An in-process dispatcher over the dense test model and a memory (or given) event log.
struct DispatcherFixture {
    let dispatcher: Dispatcher
    let log: any EventLog

    init(model: Bool = true, churn: Bool = true, log: any EventLog = MemoryEventLog(), retention: RetentionData = RetentionData()) throws {
        let loaded = try Dispatcher.loadSnapshot(loader: TestModelLoader(), modelPath: model ? "model-a" : nil,
                                                 churnPath: churn ? "churn" : nil, log: log, logger: Logger(label: "test"))
        dispatcher = Dispatcher(registry: ModelRegistry(loaded.snapshot), log: log, loader: TestModelLoader(),
                                logger: Logger(label: "test"), retention: retention)
        self.log = log
    }

    /// Runs one request and returns its outcome.
    func run(_ request: Request) async -> Result<any Encodable & Sendable, ProtocolError> {
        await withCheckedContinuation { c in dispatcher.handle(request) { c.resume(returning: $0) } }
    }

    func result<R>(_ request: Request, as: R.Type) async throws -> R {
        let r = try await run(request).get()
        guard let typed = r as? R else { throw ProtocolError.internal(correlationID: "wrong result type \(type(of: r))") }
        return typed
    }

    func errorCode(_ request: Request) async -> ErrorCode? {
        if case .failure(let e) = await run(request) { return e.code }
        return nil
    }
}

/// An event log whose appends always fail (a full disk).
final class FailingEventLog: EventLog {
    func append(_ events: [NewEvent], completion: @escaping @Sendable (Result<[LoggedEvent], DataError>) -> Void) {
        completion(.failure(.io(file: "events.log", message: "No space left on device")))
    }
    func forget(user: String, completion: @escaping @Sendable (Result<Int, DataError>) -> Void) {
        completion(.failure(.io(file: "events.log", message: "No space left on device")))
    }
    func scanEvents(after seq: UInt64, _ visit: (LoggedEvent) -> Void) throws(DataError) -> UInt64 { 0 }
    func forgottenUsers() -> [String: UInt64] { [:] }
    var lastSeq: UInt64 { 0 }
    func close() {}
}
