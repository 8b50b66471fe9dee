import AffinityData
import PostgresNIO

/// One connection leased from the pool (`StorePool.withSession`) for the statements of one operation:
/// a transaction's statements must share a connection.
struct StoreSession: Sendable {
    let connection: PostgresConnection
    let store: StoreURL

    /// Runs `query` and returns its rows. `what` names the operation in errors.
    func run(_ query: PostgresQuery, _ what: String) async throws(DataError) -> [PostgresRow] {
        do {
            return try await Array(connection.query(query, logger: StorePool.logger).get().rows)
        } catch {
            throw StoreError.describe(error, store: store, doing: what)
        }
    }

    /// The first row's only column, as `T`.
    func value<T: PostgresDecodable>(_ query: PostgresQuery, as type: T.Type, _ what: String) async throws(DataError) -> T {
        let rows = try await run(query, what)
        guard let row = rows.first else { throw .io(file: store.description, message: "\(what): expected a row in the reply, got none") }
        return try StoreError.decoding(store) { try row.decode(T.self) }
    }
}
