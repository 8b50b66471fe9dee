#if AFFINITY_STORE
import AffinityStore
import ArgumentParser

/// `affinity store …`: the fleet's shared PostgreSQL event store (docs/FLEET.md).
struct Store: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Manage the shared PostgreSQL event store of a fleet of replicas (docs/FLEET.md).",
        subcommands: [StoreInit.self]
    )
}

/// `affinity store init`: create or upgrade the store's schema.
struct StoreInit: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create or upgrade the event store's tables (idempotent).",
        discussion: """
            Safe to run again and from several machines at once (an advisory lock serializes them). A store \
            whose schema is newer than this binary knows is refused. The password comes from the URL, \
            --events-password-file or PGPASSWORD and is never printed.
            """
    )

    @Option(help: "The store: postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE (password also from --events-password-file or PGPASSWORD).")
    var events: String
    @OptionGroup var password: StorePasswordOptions

    func validate() throws {
        try password.validate(store: events)
    }

    func run() throws {
        let store = try password.store(events)
        let report = try StoreSchema.initialize(store)
        if report.from == report.to {
            print("\(store): schema at version \(report.to), nothing to do")
        } else {
            print("\(store): schema upgraded from version \(report.from) to \(report.to)")
        }
    }
}
#endif
