import AffinityData
import ArgumentParser
import Foundation

/// `affinity events …`: the server's durable feedback log, for retraining.
struct Events: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Read the server's event log (DATA_DIR/events.log).",
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
            highest sequence number (the watermark to train with) to stdout.
            """
    )

    @Option(name: .customLong("data-dir"), help: "The server's --data-dir (reads DATA_DIR/events.log).")
    var dataDir: String
    @Option(help: "CSV file to write (temp file, then rename).")
    var output: String
    @Option(name: .customLong("forgotten-output"), help: "Also write the forgotten users, one per line, to this file.")
    var forgottenOutput: String?

    func run() throws {
        let (events, forgotten) = try EventLogReader.read(path: (dataDir as NSString).appendingPathComponent(FileEventLog.fileName))
        var csv = CSVWriter(header: ["user", "item", "event", "weight", "timestamp", "seq"])
        for e in events {
            csv.append([e.user, e.item, e.event, "\(e.weight)", CSVText.dateTime(e.timestamp), "\(e.seq)"])
        }
        try csv.save(to: output)
        if let forgottenOutput {
            try AtomicFile.write(forgotten.keys.sorted().map { $0 + "\n" }.joined(), to: forgottenOutput)
        }
        print("exported \(events.count) events (watermark seq \(events.last?.seq ?? 0)), \(forgotten.count) forgotten users, to \(output)")
    }
}
