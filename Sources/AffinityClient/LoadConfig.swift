/// Which requests the load generator sends.
public enum LoadOp: String, CaseIterable, Sendable {
    case recommend
    case feedback
    /// 80% recommend, 20% feedback.
    case mixed
}

/// Settings of a closed-loop load run. `validate()` names the setting, range and value.
public struct LoadConfig: Sendable {
    public var host = "127.0.0.1"
    public var port = 7070
    public var token: String?
    public var connections = 1
    public var pipeline = 1
    public var durationSeconds = 5.0
    /// Stop after this many replies in total (the run is bounded in time and in count).
    public var maxRequests = 10_000_000
    public var op = LoadOp.recommend
    public var users: [String] = []
    public var items: [String] = []
    public var k = 10
    public var seed: UInt64 = 1

    public init() {}

    public func validate() throws(ClientError) {
        if !(host == "localhost" || host == "::1" || host.hasPrefix("127.")) {
            throw .badReply("--host must be a loopback address (the benchmark runs on loopback only); got \(host)")
        }
        if !(1...1024).contains(connections) { throw .badReply("--connections must be between 1 and 1024; got \(connections)") }
        if !(1...4096).contains(pipeline) { throw .badReply("--pipeline must be between 1 and 4096; got \(pipeline)") }
        if !(durationSeconds > 0 && durationSeconds <= 3600) {
            throw .badReply("--duration must be between 0 and 3600 seconds; got \(durationSeconds)")
        }
        if maxRequests < 1 { throw .badReply("--max-requests must be at least 1; got \(maxRequests)") }
        if users.isEmpty || (op != .recommend && items.isEmpty) {
            throw .badReply("no user or item ids to send: the server's model_info listed none (is a model loaded?)")
        }
    }
}

/// The result of a load run; `--json` prints exactly these keys.
public struct LoadReport: Codable, Sendable, Equatable {
    public var requests: Int
    public var errors: Int
    /// Replies per second.
    public var throughput: Double
    public var p50Ms: Double
    public var p99Ms: Double
    public var p999Ms: Double

    enum CodingKeys: String, CodingKey {
        case requests, errors, throughput
        case p50Ms = "p50_ms"
        case p99Ms = "p99_ms"
        case p999Ms = "p999_ms"
    }
}
