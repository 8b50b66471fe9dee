extension PeriodMetrics {
    /// Encodes like the synthesized form, but a rate that is not computed is an explicit `null`,
    /// so every row has the same keys.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(period, forKey: .period)
        try c.encode(segment, forKey: .segment)
        try c.encode(customersStart, forKey: .customersStart)
        try c.encode(new, forKey: .new)
        try c.encode(reactivated, forKey: .reactivated)
        try c.encode(lost, forKey: .lost)
        try c.encode(customersEnd, forKey: .customersEnd)
        try c.encode(churnRate, forKey: .churnRate)
        try c.encode(retentionRate, forKey: .retentionRate)
        try c.encode(warmUp, forKey: .warmUp)
        try c.encode(partial, forKey: .partial)
    }
}
