import AffinityData
import AffinityStore
import ArgumentParser

/// `--events-password-file`: on every command that takes `--events postgres://…`.
struct StorePasswordOptions: ParsableArguments {
    @Option(name: .customLong("events-password-file"),
            help: ArgumentHelp("With --events postgres://…: read the store's password from the first line of this file (instead of the URL or PGPASSWORD). It is never printed.", valueName: "file"))
    var passwordFile: String?

    /// The store `events` names, the password from the URL, the file or PGPASSWORD.
    func store(_ events: String) throws(DataError) -> StoreURL {
        try StoreURL(events, passwordFile: passwordFile)
    }

    /// For `validate()`: a store URL that parses (and a readable password file), or `events` not a store
    /// URL and no password file.
    func validate(events: String?) throws {
        if let events, StoreURL.isStore(events) { return try validate(store: events) }
        guard passwordFile == nil else {
            throw ValidationError("--events-password-file is for --events postgres://USER@HOST:PORT/DB; --events is \(events.map { "'\($0)'" } ?? "missing")")
        }
    }

    /// For `validate()` where `--events` must be a store URL.
    func validate(store events: String) throws {
        do {
            _ = try store(events)
        } catch {
            throw ValidationError("\(error)")
        }
    }
}
