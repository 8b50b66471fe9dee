import Foundation

/// The current `ModelSnapshot` behind a lock: reads are one locked pointer load, a reload is one swap.
public final class ModelRegistry: Sendable {
    private let current: Locked<ModelSnapshot>
    /// Held while events enter the live user store and while a reload catches up and swaps.
    private let feed = NSLock()

    public init(_ snapshot: ModelSnapshot) { current = Locked(snapshot) }

    public var snapshot: ModelSnapshot { current.withLock { $0 } }

    /// Runs `body` on the current snapshot while no reload can catch up and swap: feedback completions
    /// accumulate through here, and a reload's final catch-up and swap run in here too, so every logged
    /// event enters the store that ends up live exactly once, in sequence order.
    public func feeding<T>(_ body: (ModelSnapshot) throws -> T) rethrows -> T {
        feed.lock()
        defer { feed.unlock() }
        return try body(snapshot)
    }

    /// Installs `new` and returns the snapshot it replaced.
    @discardableResult
    public func swap(_ new: ModelSnapshot) -> ModelSnapshot {
        current.withLock { old in
            defer { old = new }
            return old
        }
    }
}
