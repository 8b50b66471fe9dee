import AffinityData
import PostgresNIO

/// Turns what postgres-nio throws into a `DataError` naming the store (never its password) and
/// saying what failed. PSQLError's own description is a generic placeholder, so the parts are read.
enum StoreError {
    static func describe(_ error: any Error, store: StoreURL, doing what: String) -> DataError {
        if let error = error as? DataError { return error }
        let reason: String
        if let psql = error as? PSQLError {
            if let info = psql.serverInfo, let message = info[.message] {
                reason = "server says: \(message)" + (info[.sqlState].map { " (SQLSTATE \($0))" } ?? "")
            } else if let underlying = psql.underlying {
                reason = "\(psql.code): \(underlying)"
            } else {
                reason = "\(psql.code)"
            }
        } else {
            reason = "\(error)"
        }
        return .io(file: store.description, message: "\(what) failed: \(reason)")
    }

    /// Runs `body` (decoding rows), naming the store in what it throws.
    static func decoding<T>(_ store: StoreURL, _ body: () throws -> T) throws(DataError) -> T {
        do {
            return try body()
        } catch {
            throw describe(error, store: store, doing: "decoding a reply")
        }
    }
}
