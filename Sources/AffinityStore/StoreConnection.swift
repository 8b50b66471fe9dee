import AffinityData
import Foundation
import Logging
import NIOCore
import NIOPosix
import PostgresNIO

/// One PostgreSQL connection to the store of its own, opened on first use and again after it breaks: a
/// replica's tail (`StoreTail`), whose LISTEN belongs to one session. Everything else uses the pool (`StorePool`).
///
/// `run` blocks the calling thread until the statement's result is in (the tail's thread; never call it on
/// an event-loop thread). One statement runs at a time per connection.
///
/// `@unchecked Sendable`: `connection` and `connecting` are touched only under `lock`.
final class StoreConnection: @unchecked Sendable {
    let store: StoreURL
    private let lock = NSLock()
    private var connection: PostgresConnection?
    private var connecting: EventLoopFuture<PostgresConnection>?
    let eventLoop: any EventLoop
    private let logger = Logger(label: "affinity.store", factory: { _ in SwiftLogNoOpLogHandler() })

    init(_ store: StoreURL) {
        self.store = store
        eventLoop = MultiThreadedEventLoopGroup.singleton.next()
    }

    /// Runs `query` and returns its rows, waiting for them. `what` names the operation in errors.
    func run(_ query: PostgresQuery, _ what: String) throws(DataError) -> [PostgresRow] {
        do {
            return try Array(submit(query, what).wait().rows)
        } catch {
            throw StoreError.describe(error, store: store, doing: what)
        }
    }

    /// Runs `query` on the event loop (for `run`); the future fails with a `DataError` naming the store.
    private func submit(_ query: PostgresQuery, _ what: String) -> EventLoopFuture<PostgresQueryResult> {
        let logger = self.logger, store = self.store
        return connected().flatMap { connection in
            connection.query(query, logger: logger).flatMapErrorThrowing { error in
                if connection.isClosed { self.drop(connection) }
                throw StoreError.describe(error, store: store, doing: what)
            }
        }.flatMapErrorThrowing { error in
            throw StoreError.describe(error, store: store, doing: what)
        }
    }

    /// Closes the connection (the next statement opens a new one).
    func close() {
        let old = lock.withLock { () -> PostgresConnection? in
            defer { connection = nil }
            return connection
        }
        _ = try? old?.close().wait()
    }

    /// The open connection, or the one being opened (concurrent callers share one attempt).
    func connected() -> EventLoopFuture<PostgresConnection> {
        let (future, isNew) = lock.withLock { () -> (EventLoopFuture<PostgresConnection>, Bool) in
            if let connection, !connection.isClosed { return (eventLoop.makeSucceededFuture(connection), false) }
            if let connecting { return (connecting, false) }
            let configuration = PostgresConnection.Configuration(
                host: store.host, port: store.port, username: store.user, password: store.password,
                database: store.database, tls: .disable)
            let attempt = PostgresConnection.connect(
                on: eventLoop, configuration: configuration, id: Int.random(in: 1...Int.max), logger: logger)
            connecting = attempt
            return (attempt, true)
        }
        if isNew {
            future.whenComplete { result in
                self.lock.withLock {
                    self.connecting = nil
                    if case .success(let opened) = result { self.connection = opened }
                }
            }
        }
        return future
    }

    private func drop(_ broken: PostgresConnection) {
        lock.withLock { if connection === broken { connection = nil } }
    }
}
