import AffinityData
#if AFFINITY_STORE
import AffinityStore
#endif
import Foundation

/// The events `train als --events` and `events export` read: a server's file log (its data directory or
/// the log file) or the fleet's PostgreSQL store (`postgres://…`), with forgotten users' events left out.
struct EventSource {
    /// The log's path, or the store's URL without its password.
    var name: String
    var events: [LoggedEvent]
    /// Each forgotten user's latest tombstone.
    var forgotten: [String: UInt64]
    /// The highest sequence number covered (events and tombstones): a model trained on these events
    /// records it, and a server replays only the events above it. From the store it is a settled one
    /// (`PostgresEventLog.settledContents()`).
    var watermark: UInt64

    static func read(_ given: String, password: StorePasswordOptions) throws -> EventSource {
        #if AFFINITY_STORE
        if StorePasswordOptions.isStore(given) {
            let store = try password.store(given)
            let contents = try PostgresEventLog.settledContents(of: store)
            return EventSource(name: store.description, events: contents.events, forgotten: contents.forgotten,
                               watermark: contents.watermark)
        }
        #endif
        let path = logPath(given)
        let (events, forgotten) = try EventLogReader.read(path: path)
        return EventSource(name: path, events: events, forgotten: forgotten,
                           watermark: max(events.last?.seq ?? 0, forgotten.values.max() ?? 0))
    }

    /// A data directory's events.log, or the given log file.
    static func logPath(_ given: String) -> String {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: given, isDirectory: &isDirectory), isDirectory.boolValue {
            return (given as NSString).appendingPathComponent(FileEventLog.fileName)
        }
        return given
    }
}
