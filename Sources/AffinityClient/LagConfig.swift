/// Settings of a cross-replica lag probe (`LagProbe`). `validate()` names the setting, range and value.
public struct LagConfig: Sendable {
    public var host = "127.0.0.1"
    /// Replica A: takes the feedback.
    public var port = 7070
    /// Replica B: its `stats.store.applied_seq` is polled.
    public var peerPort = 7071
    public var token: String?
    /// Feedback events per second sent to A.
    public var rate = 5000
    public var durationSeconds = 5.0
    /// How long to keep polling B after the last acknowledgement before counting events as unseen.
    public var graceSeconds = 5.0
    public var users: [String] = []
    public var items: [String] = []
    public var seed: UInt64 = 1

    public init() {}

    public func validate() throws(ClientError) {
        var load = LoadConfig()
        load.host = host
        load.durationSeconds = durationSeconds
        load.op = .feedback
        load.users = users
        load.items = items
        try load.validate()
        if !(1...100_000).contains(rate) { throw .badReply("--rate must be between 1 and 100000 events/s; got \(rate)") }
        if !(1...65535).contains(peerPort) || peerPort == port {
            throw .badReply("--peer-port must be between 1 and 65535 and differ from --port; got \(peerPort)")
        }
    }
}
