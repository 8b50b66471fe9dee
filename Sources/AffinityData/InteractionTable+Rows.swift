extension InteractionTable {
    /// The table restricted to `rows` (indices into its columns, in the given order), with the
    /// same ID maps and event types.
    public func selecting(rows: [Int]) -> InteractionTable {
        InteractionTable(users: users, items: items, userIndices: rows.map { userIndices[$0] },
                         itemIndices: rows.map { itemIndices[$0] }, weights: rows.map { weights[$0] },
                         timestamps: timestamps.map { ts in rows.map { ts[$0] } },
                         events: events.map { e in rows.map { e[$0] } }, eventTypes: eventTypes)
    }
}
