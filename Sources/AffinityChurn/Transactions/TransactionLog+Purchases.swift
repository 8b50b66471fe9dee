import AffinityData

extension TransactionLog {
    /// The items each customer bought (lines of positive quantity), by customer ID.
    public func itemsBought() -> [String: Set<String>] {
        var out: [String: Set<String>] = [:]
        for i in 0..<count where quantity[i] > 0 {
            out[customers.ids[Int(customer[i])], default: []].insert(items.ids[Int(item[i])])
        }
        return out
    }
}
