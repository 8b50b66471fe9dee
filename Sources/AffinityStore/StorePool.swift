import AffinityData
import Foundation
import Logging
import PostgresNIO
import Synchronization

/// The store's connection pool: postgres-nio's `PostgresClient`, running from `init` to `close()`. The
/// group committer's statements, reads, scans and `store init` lease connections from it; a replica's tail
/// keeps a connection of its own (`StoreTail`: a LISTEN belongs to one session).
///
/// While the store is down, the pool queues a lease until a connection opens (its circuit breaker trips only
/// after a minute). A lease not granted within `leaseTimeout` fails here instead, naming the store, so a
/// feedback gets `unavailable` within seconds.
final class StorePool: Sendable {
    let store: StoreURL
    private let client: PostgresClient
    let executor = StoreExecutor(label: "affinity.store.pool")
    private let runner: Task<Void, Never>
    /// How long an operation waits for a connection before it fails.
    static let leaseTimeout: Duration = .seconds(3)
    static let logger = Logger(label: "affinity.store", factory: { _ in SwiftLogNoOpLogHandler() })

    /// At most `connections` open at once (the pool opens them on demand and closes idle ones after a minute).
    init(_ store: StoreURL, connections: Int) {
        self.store = store
        var configuration = PostgresClient.Configuration(
            host: store.host, port: store.port, username: store.user, password: store.password,
            database: store.database, tls: .disable)
        configuration.options.maximumConnections = max(1, connections)
        configuration.options.keepAliveBehavior = nil
        let client = PostgresClient(configuration: configuration, backgroundLogger: Self.logger)
        self.client = client
        runner = Task(executorPreference: executor) { await client.run() }
    }

    /// Runs `body` with a leased connection; `what` names the operation in errors.
    func withSession<T: Sendable>(_ what: String, _ body: @escaping @Sendable (StoreSession) async throws(DataError) -> T) async throws(DataError) -> T {
        let leased = LeaseFlag()
        let store = self.store, client = self.client
        do {
            return try await withThrowingTaskGroup(of: T?.self) { group in
                group.addTask {
                    try await client.withConnection { connection in
                        leased.set()
                        return try await body(StoreSession(connection: connection, store: store))
                    }
                }
                group.addTask {
                    try await Task.sleep(for: Self.leaseTimeout)
                    if leased.isSet { return nil }
                    throw await Self.noConnection(store, what)
                }
                while let next = try await group.next() {
                    if let value = next {
                        group.cancelAll()
                        return value
                    }
                }
                throw DataError.io(file: store.description, message: "\(what) failed: the connection pool stopped")
            }
        } catch {
            throw StoreError.describe(error, store: store, doing: what)
        }
    }

    /// The error for a lease that timed out, with the reason a direct connection attempt gives (the pool
    /// keeps its own connection errors to itself: a wrong password would otherwise read as a timeout).
    private static func noConnection(_ store: StoreURL, _ what: String) async -> DataError {
        let within = "no connection to the store within \(leaseTimeout.components.seconds) s"
        let configuration = PostgresConnection.Configuration(
            host: store.host, port: store.port, username: store.user, password: store.password,
            database: store.database, tls: .disable)
        do {
            let probe = try await PostgresConnection.connect(configuration: configuration, id: 0, logger: logger)
            try? await probe.close()
            return .io(file: store.description, message: "\(what) failed: \(within) (the store accepts connections: all of this process's are busy)")
        } catch {
            guard case .io(let file, let message) = StoreError.describe(error, store: store, doing: what) else {
                return StoreError.describe(error, store: store, doing: what)
            }
            return .io(file: file, message: "\(message) (\(within))")
        }
    }

    /// `withSession` from a thread that may block (never an event-loop thread): for the `EventLog`
    /// protocol's synchronous reads and the CLI.
    func blocking<T: Sendable>(_ what: String, _ body: @escaping @Sendable (StoreSession) async throws(DataError) -> T) throws(DataError) -> T {
        let done = DispatchSemaphore(value: 0)
        let result = Mutex<Result<T, DataError>?>(nil)
        Task(executorPreference: executor) { [self] in
            let outcome: Result<T, DataError>
            do throws(DataError) {
                outcome = .success(try await withSession(what, body))
            } catch {
                outcome = .failure(error)
            }
            result.withLock { $0 = outcome }
            done.signal()
        }
        done.wait()
        return try result.withLock { $0! }.get()
    }

    /// Closes every connection: cancels the pool's run task, and waits for it to end for at most a second
    /// (cancelled, the client closes its connections on its own; a process that exits needn't wait).
    func close() {
        runner.cancel()
        let done = DispatchSemaphore(value: 0)
        let runner = self.runner
        Task(executorPreference: executor) {
            await runner.value
            done.signal()
        }
        _ = done.wait(timeout: .now() + 1)
    }
}

/// Whether a lease was granted (set once, from the leasing task; read by the timeout).
private final class LeaseFlag: Sendable {
    private let value = Atomic<Bool>(false)
    func set() { value.store(true, ordering: .releasing) }
    var isSet: Bool { value.load(ordering: .acquiring) }
}
