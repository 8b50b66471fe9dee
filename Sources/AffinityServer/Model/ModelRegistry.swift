/// The current `ModelSnapshot` behind a lock: reads are one locked pointer load, a reload is one swap.
public final class ModelRegistry: Sendable {
    private let current: Locked<ModelSnapshot>

    public init(_ snapshot: ModelSnapshot) { current = Locked(snapshot) }

    public var snapshot: ModelSnapshot { current.withLock { $0 } }

    /// Installs `new` and returns the snapshot it replaced.
    @discardableResult
    public func swap(_ new: ModelSnapshot) -> ModelSnapshot {
        current.withLock { old in
            defer { old = new }
            return old
        }
    }
}
