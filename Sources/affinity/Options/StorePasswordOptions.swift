import AffinityData
#if AFFINITY_STORE
import AffinityStore
#endif
import ArgumentParser

/// `--events-password-file`: on every command that takes `--events postgres://…`.
struct StorePasswordOptions: ParsableArguments {
    @Option(name: .customLong("events-password-file"),
            help: ArgumentHelp("With --events postgres://…: read the store's password from the first line of this file (instead of the URL or PGPASSWORD). It is never printed.", valueName: "file"))
    var passwordFile: String?

    /// True when `events` names a PostgreSQL store rather than a data directory or log file.
    static func isStore(_ events: String) -> Bool {
        events.hasPrefix("postgres://") || events.hasPrefix("postgresql://")
    }

    #if AFFINITY_STORE
    /// The store `events` names, the password from the URL, the file or PGPASSWORD.
    func store(_ events: String) throws(DataError) -> StoreURL {
        try StoreURL(events, passwordFile: passwordFile)
    }

    /// For `validate()` where `--events` must be a store URL.
    func validate(store events: String) throws {
        do {
            _ = try store(events)
        } catch {
            throw ValidationError("\(error)")
        }
    }
    #else
    /// For `validate()`: this binary has no store (built with AFFINITY_WITHOUT_STORE=1).
    func validate(store events: String) throws {
        throw ValidationError("--events postgres://…: this affinity was built without the PostgreSQL event store (AFFINITY_WITHOUT_STORE=1); rebuild without it, or give a data directory")
    }
    #endif

    /// For `validate()`: a store URL that parses (and a readable password file), or `events` not a store
    /// URL and no password file.
    func validate(events: String?) throws {
        if let events, Self.isStore(events) { return try validate(store: events) }
        guard passwordFile == nil else {
            throw ValidationError("--events-password-file is for --events postgres://USER@HOST:PORT/DB; --events is \(events.map { "'\($0)'" } ?? "missing")")
        }
    }
}
