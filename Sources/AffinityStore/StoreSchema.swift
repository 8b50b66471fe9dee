public import AffinityData
import PostgresNIO

/// The event store's tables, versioned. `initialize` creates or upgrades them (idempotent); `check`
/// refuses a store whose schema is missing, older or newer than this binary's.
///
/// Version 1:
/// - `affinity_seq`: one sequence numbers events and tombstones alike (their order is the log's).
/// - `affinity_events (seq bigint PRIMARY KEY, user_id, item_id, event text, weight real, ts timestamptz)`,
///   indexed by `(user_id, seq)` for a user's export and forget.
/// - `affinity_forgotten (seq bigint PRIMARY KEY, user_id text, ts timestamptz)`, indexed by `user_id`.
/// - `affinity_schema (version integer PRIMARY KEY, applied_at timestamptz)`: one row per applied version.
///
/// Version 2 (tailing, docs/FLEET.md): statement triggers on both tables. Before an INSERT runs, its
/// transaction takes its id (`pg_current_xact_id()`), so a transaction's id is always older than the
/// sequence numbers it draws; after it, `pg_notify('affinity_events', '')` wakes the replicas once
/// the transaction commits.
public enum StoreSchema {
    /// The newest schema version this binary knows.
    public static let version = 2

    /// The channel writers notify (through the version 2 triggers) and replicas listen on.
    static let channel = "affinity_events"

    /// Statements that take the schema from version `index` to `index + 1`.
    static let migrations: [[PostgresQuery]] = [
        [
            "CREATE SEQUENCE affinity_seq AS bigint",
            """
            CREATE TABLE affinity_events (seq bigint PRIMARY KEY, user_id text NOT NULL, item_id text NOT NULL, \
            event text NOT NULL, weight real NOT NULL, ts timestamptz NOT NULL)
            """,
            "CREATE INDEX affinity_events_user ON affinity_events (user_id, seq)",
            "CREATE TABLE affinity_forgotten (seq bigint PRIMARY KEY, user_id text NOT NULL, ts timestamptz NOT NULL DEFAULT now())",
            "CREATE INDEX affinity_forgotten_user ON affinity_forgotten (user_id)",
        ],
        [
            """
            CREATE FUNCTION affinity_take_xid() RETURNS trigger LANGUAGE plpgsql AS \
            $$ BEGIN PERFORM pg_current_xact_id(); RETURN NULL; END $$
            """,
            """
            CREATE FUNCTION affinity_notify() RETURNS trigger LANGUAGE plpgsql AS \
            $$ BEGIN PERFORM pg_notify('affinity_events', ''); RETURN NULL; END $$
            """,
            "CREATE TRIGGER affinity_events_xid BEFORE INSERT ON affinity_events FOR EACH STATEMENT EXECUTE FUNCTION affinity_take_xid()",
            "CREATE TRIGGER affinity_forgotten_xid BEFORE INSERT ON affinity_forgotten FOR EACH STATEMENT EXECUTE FUNCTION affinity_take_xid()",
            "CREATE TRIGGER affinity_events_notify AFTER INSERT ON affinity_events FOR EACH STATEMENT EXECUTE FUNCTION affinity_notify()",
            "CREATE TRIGGER affinity_forgotten_notify AFTER INSERT ON affinity_forgotten FOR EACH STATEMENT EXECUTE FUNCTION affinity_notify()",
        ],
    ]

    /// What `initialize` did.
    public struct Report: Sendable, Equatable {
        /// The version found (0: no schema yet).
        public var from: Int
        /// The version now in the store.
        public var to: Int

        public init(from: Int, to: Int) {
            self.from = from
            self.to = to
        }
    }

    /// Creates or upgrades the schema in one transaction, under an advisory lock (concurrent inits
    /// serialize). Refuses a schema newer than `version`.
    public static func initialize(_ store: StoreURL) throws(DataError) -> Report {
        let pool = StorePool(store, connections: 1)
        defer { pool.close() }
        return try pool.blocking("store init") { session throws(DataError) -> Report in
            _ = try await session.run("BEGIN", "store init")
            do throws(DataError) {
                _ = try await session.run("SELECT pg_advisory_xact_lock(\(lockKey))", "store init: lock")
                _ = try await session.run(
                    "CREATE TABLE IF NOT EXISTS affinity_schema (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())",
                    "store init: schema table")
                let found = try await currentVersion(session)
                try refuseNewer(found, store)
                for next in found..<version {
                    for statement in migrations[next] { _ = try await session.run(statement, "store init: schema version \(next + 1)") }
                    _ = try await session.run("INSERT INTO affinity_schema (version) VALUES (\(next + 1))", "store init: record version")
                }
                _ = try await session.run("COMMIT", "store init: commit")
                return Report(from: found, to: max(found, version))
            } catch {
                _ = try? await session.run("ROLLBACK", "store init: rollback")
                throw error
            }
        }
    }

    /// Throws unless the store's schema is exactly this binary's version.
    static func check(_ session: StoreSession) async throws(DataError) {
        let exists = try await session.value("SELECT to_regclass('affinity_schema') IS NOT NULL", as: Bool.self, "reading the schema version")
        let found = exists ? try await currentVersion(session) : 0
        try refuseNewer(found, session.store)
        guard found == version else {
            throw .invalid("\(session.store): the event store's schema is at version \(found), this binary needs \(version); run `affinity store init --events \(session.store)` first")
        }
    }

    private static func currentVersion(_ session: StoreSession) async throws(DataError) -> Int {
        Int(try await session.value("SELECT coalesce(max(version), 0) FROM affinity_schema", as: Int32.self, "reading the schema version"))
    }

    private static func refuseNewer(_ found: Int, _ store: StoreURL) throws(DataError) {
        guard found <= version else {
            throw .invalid("\(store): the event store's schema is at version \(found), newer than this binary knows (\(version)); upgrade affinity instead of downgrading the store")
        }
    }

    /// A fixed key for `pg_advisory_xact_lock` ("affinity" in ASCII, as a number).
    private static let lockKey: Int64 = 0x6166_6669_6e69_7479
}
