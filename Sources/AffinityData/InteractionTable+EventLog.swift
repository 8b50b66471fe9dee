extension InteractionTable {
    /// The rows of this table plus the events of a server's event log, for retraining: each event is
    /// one row with the weight stored in the log (the event type's weight when it arrived, or the
    /// explicit one) and its timestamp. Tombstones are honoured: every row of this table that belongs
    /// to a forgotten user is dropped (the log's events before the tombstone are already gone).
    /// IDs are re-indexed in first-seen order, table rows first. The timestamp and event columns are
    /// kept when this table has them (or is empty); the event column is dropped (nil) past 256 event
    /// types rather than mislabelled. Cost O(rows + events).
    public func merging(events: [LoggedEvent], forgotten: [String: UInt64]) -> InteractionTable {
        var out = InteractionTable()
        let keepTimes = timestamps != nil || count == 0
        var keepEvents = self.events != nil || count == 0
        if keepTimes { out.timestamps = [] }
        if keepEvents { out.events = [] }
        var eventIndex: [String: UInt8] = [:]
        func eventCode(_ name: String) -> UInt8? {
            if let c = eventIndex[name] { return c }
            guard out.eventTypes.count < 256 else { return nil }
            out.eventTypes.append(name)
            eventIndex[name] = UInt8(out.eventTypes.count - 1)
            return eventIndex[name]
        }
        for r in 0..<count {
            let user = users[userIndices[r]]
            if forgotten[user] != nil { continue }
            out.userIndices.append(out.users.intern(user))
            out.itemIndices.append(out.items.intern(items[itemIndices[r]]))
            out.weights.append(weights[r])
            if keepTimes { out.timestamps!.append(timestamps![r]) }
            if keepEvents, let codes = self.events {
                if let c = eventCode(eventTypes[Int(codes[r])]) { out.events!.append(c) } else { keepEvents = false }
            }
        }
        for e in events {
            out.userIndices.append(out.users.intern(e.user))
            out.itemIndices.append(out.items.intern(e.item))
            out.weights.append(e.weight)
            if keepTimes { out.timestamps!.append(e.timestamp) }
            if keepEvents {
                if let c = eventCode(e.event) { out.events!.append(c) } else { keepEvents = false }
            }
        }
        if !keepEvents { out.events = nil; out.eventTypes = [] }
        return out
    }
}
