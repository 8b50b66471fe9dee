import AffinityData
import ArgumentParser
import Foundation

/// `affinity events …`: the server's durable feedback log, for retraining.
struct Events: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Read the server's event log (DATA_DIR/events.log) or the fleet's PostgreSQL store.",
        subcommands: [EventsExport.self]
    )
}

/// `affinity events export`: the log as an interactions CSV that `train als --input` reads.
struct EventsExport: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write the live events of an event log as CSV (user,item,event,weight,timestamp,seq).",
        discussion: """
            Forgotten users' events are left out (tombstones are honoured); a torn final record is ignored; \
            a log damaged in the middle is refused with the byte offset. Prints the number of events and the \
            highest sequence number covered (the watermark to train with) to stdout. From a store \
            (--events postgres://…) the export is one settled snapshot (docs/FLEET.md).
            """
    )

    @Option(name: .customLong("data-dir"), help: "The server's --data-dir (reads DATA_DIR/events.log).")
    var dataDir: String?
    @Option(help: ArgumentHelp("Instead of --data-dir: the fleet's store (postgres://USER[:PASSWORD]@HOST[:PORT]/DB), or a data dir or log file.", valueName: "url|data-dir"))
    var events: String?
    @OptionGroup var password: StorePasswordOptions
    @Option(help: "CSV file to write (temp file, then rename).")
    var output: String
    @Option(name: .customLong("forgotten-output"), help: "Also write the forgotten users, one per line, to this file.")
    var forgottenOutput: String?

    func validate() throws {
        guard (dataDir == nil) != (events == nil) else {
            throw ValidationError("give exactly one of --data-dir DIR and --events postgres://…|DIR; got \(dataDir == nil ? "neither" : "both")")
        }
        try password.validate(events: events)
    }

    func run() throws {
        // --data-dir names the directory even when it is missing (the error then names DIR/events.log).
        let given = events ?? ((dataDir ?? "") as NSString).appendingPathComponent(FileEventLog.fileName)
        let source = try EventSource.read(given, password: password)
        var csv = CSVWriter(header: ["user", "item", "event", "weight", "timestamp", "seq"])
        for e in source.events {
            csv.append([e.user, e.item, e.event, "\(e.weight)", CSVText.dateTime(e.timestamp), "\(e.seq)"])
        }
        try csv.save(to: output)
        if let forgottenOutput {
            try AtomicFile.write(source.forgotten.keys.sorted().map { $0 + "\n" }.joined(), to: forgottenOutput)
        }
        print("exported \(source.events.count) events (watermark seq \(source.watermark)), \(source.forgotten.count) forgotten users, to \(output)")
    }
}
