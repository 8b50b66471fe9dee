public import AffinityProtocol
import Foundation
import Metrics

/// Counters behind `stats` (and, through swift-metrics, the Prometheus endpoint).
public final class ServerStats: Sendable {
    struct State {
        var requests: UInt64 = 0
        var errors: [ErrorCode: UInt64] = [:]
        var latency = LatencyHistogram()
        var events: UInt64 = 0
        var unknownItems: UInt64 = 0
        var connections = 0
        var recommendBatches: UInt64 = 0
        var recommendsBatched: UInt64 = 0
    }

    private let state = Locked(State())
    private let started = Date()
    private let requestCounter = Counter(label: "affinity_requests_total")
    private let eventCounter = Counter(label: "affinity_feedback_events_total")
    private let latencyTimer = Metrics.Timer(label: "affinity_request_duration_seconds")
    /// `stats.store`, when the server follows a shared event store.
    private let storeStatus = Locked<(@Sendable () -> StoreStatus)?>(nil)

    public init() {}

    /// Reports `status()` as `stats.store` from now on.
    public func attachStore(_ status: @escaping @Sendable () -> StoreStatus) { storeStatus.withLock { $0 = status } }

    public func countRequest(error: ErrorCode?, micros: UInt64) {
        state.withLock { s in
            s.requests += 1
            if let error { s.errors[error, default: 0] += 1 }
            s.latency.record(micros: micros)
        }
        requestCounter.increment()
        if let error { Counter(label: "affinity_errors_total", dimensions: [("code", error.rawValue)]).increment() }
        latencyTimer.recordMicroseconds(micros)
    }

    public func countEvents(_ n: Int) {
        state.withLock { $0.events += UInt64(n) }
        eventCounter.increment(by: n)
    }

    public func countUnknownItems(_ n: Int) { state.withLock { $0.unknownItems += UInt64(n) } }

    /// One batched `recommend` scoring pass of `size` requests.
    public func countRecommendBatch(_ size: Int) {
        state.withLock { s in
            s.recommendBatches += 1
            s.recommendsBatched += UInt64(size)
        }
    }

    public func connectionOpened() { state.withLock { $0.connections += 1 } }
    public func connectionClosed() { state.withLock { $0.connections -= 1 } }

    public func result() -> StatsResult {
        let store = storeStatus.withLock { $0 }?()
        return state.withLock { s in
            StatsResult(requests: s.requests, errors: Dictionary(uniqueKeysWithValues: s.errors.map { ($0.key.rawValue, $0.value) }),
                        latency: LatencySummary(p50Ms: s.latency.percentileMicros(0.5) / 1000,
                                                p99Ms: s.latency.percentileMicros(0.99) / 1000,
                                                p999Ms: s.latency.percentileMicros(0.999) / 1000),
                        eventsIngested: s.events, connections: s.connections,
                        uptimeSeconds: Date().timeIntervalSince(started), recommendBatches: s.recommendBatches,
                        recommendsBatched: s.recommendsBatched, store: store)
        }
    }
}
