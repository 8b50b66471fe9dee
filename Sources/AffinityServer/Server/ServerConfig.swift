public import AffinityData
import AffinityProtocol
import NIOCore

/// Everything `affinity serve` configures. `validate()` names the setting, its range and the value.
public struct ServerConfig: Sendable {
    public var modelPath: String?
    public var churnModelPath: String?
    /// Catalogue CSV whose names (and categories) `retention_offer` shows.
    public var catalogPath: String?
    /// CLV model (`affinity clv fit`) and the order lines it scores at start, for `retention_offer`.
    public var clvModelPath: String?
    public var transactionsPath: String?
    public var clvHorizonDays = 90
    public var clvAnnualDiscountRate = 0.1
    public var host = "127.0.0.1"
    public var port = 7070
    public var dataDirectory: String?
    public var tokensPath: String?
    public var fsync = FsyncPolicy.batch
    public var batchWindowMicroseconds = 1000
    public var maxFrameBytes = ProtocolLimits.defaultMaxFrameBytes
    public var maxInFlight = ProtocolLimits.defaultMaxInFlight
    public var recovery = LogRecovery.refuse
    public var metricsPort: Int?
    public var threads = System.coreCount
    public var limits = ConnectionLimits()
    /// This replica's name in `stats.store` and in every log line (`--replica-name`).
    public var replicaName: String?

    public init() {}

    public func validate() throws(ServerError) {
        if !(0...65535).contains(port) { throw .badConfig("--port must be between 0 and 65535; got \(port)") }
        if let m = metricsPort, !(0...65535).contains(m) { throw .badConfig("--metrics-port must be between 0 and 65535; got \(m)") }
        if !(64...(64 << 20)).contains(maxFrameBytes) {
            throw .badConfig("--max-frame-bytes must be between 64 and \(64 << 20); got \(maxFrameBytes)")
        }
        if !(1...100_000).contains(maxInFlight) { throw .badConfig("--max-in-flight must be between 1 and 100000; got \(maxInFlight)") }
        if !(0...100_000).contains(batchWindowMicroseconds) {
            throw .badConfig("--fsync-window-us must be between 0 and 100000; got \(batchWindowMicroseconds)")
        }
        if limits.maxConnections < 1 { throw .badConfig("--max-connections must be at least 1; got \(limits.maxConnections)") }
        if limits.idleTimeoutMilliseconds < 1 { throw .badConfig("--idle-timeout-ms must be at least 1; got \(limits.idleTimeoutMilliseconds)") }
        if limits.frameTimeoutMilliseconds < 1 { throw .badConfig("--frame-timeout-ms must be at least 1; got \(limits.frameTimeoutMilliseconds)") }
        if limits.maxOutboundBytes < 1024 { throw .badConfig("--max-outbound-bytes must be at least 1024; got \(limits.maxOutboundBytes)") }
        if (clvModelPath == nil) != (transactionsPath == nil) {
            throw .badConfig("--clv and --transactions go together (the CLV model scores the customers of the order lines); got only \(clvModelPath == nil ? "--transactions" : "--clv")")
        }
        if !(1...3650).contains(clvHorizonDays) { throw .badConfig("--horizon-days must be between 1 and 3650; got \(clvHorizonDays)") }
        if !(0...1).contains(clvAnnualDiscountRate) {
            throw .badConfig("--annual-discount-rate must be between 0 and 1; got \(clvAnnualDiscountRate)")
        }
        if tokensPath == nil && !Self.isLoopback(host) {
            throw .badConfig("--host \(host) is not a loopback address; without --tokens the server only listens on loopback (127.0.0.1, ::1, localhost)")
        }
    }

    public static func isLoopback(_ host: String) -> Bool {
        host == "localhost" || host == "::1" || host.hasPrefix("127.")
    }
}
