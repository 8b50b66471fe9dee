#if AFFINITY_STORE
import AffinityStore
import ArgumentParser

/// `affinity store …`: the fleet's shared PostgreSQL event store (docs/FLEET.md).
struct Store: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Manage the shared PostgreSQL event store (docs/FLEET.md; in progress).",
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
            whose schema is newer than this binary knows is refused. The password comes from the URL or \
            PGPASSWORD and is never printed.
            """
    )

    @Option(help: "The store: postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE (password also from PGPASSWORD).")
    var events: String

    func validate() throws {
        do {
            _ = try StoreURL(events)
        } catch {
            throw ValidationError("\(error)")
        }
    }

    func run() throws {
        let store = try StoreURL(events)
        let report = try StoreSchema.initialize(store)
        if report.from == report.to {
            print("\(store): schema at version \(report.to), nothing to do")
        } else {
            print("\(store): schema upgraded from version \(report.from) to \(report.to)")
        }
    }
}
#endif
