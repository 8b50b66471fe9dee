public import AffinityData

/// How `Splitter` divides interactions into train and test.
public enum SplitStrategy: Sendable, Equatable {
    /// Global temporal: rows before `cutoff` (Unix seconds) train, the rest test.
    case cutoff(Int64)
    /// Global temporal: the earliest `fraction` of rows by time train (ties stay together).
    case fraction(Double)
    /// Per user: each user's last `n` rows by time test.
    case leaveLast(Int)
    /// Per user: each user's last `fraction` of rows by time test (at least one).
    case userFraction(Double)
}

/// A train/test split and what was dropped from test.
public struct Split: Sendable {
    public var train: InteractionTable
    public var test: InteractionTable
    public var trainRows: [Int]
    public var testRows: [Int]
    /// Test rows dropped because their user or item never appears in train, or the pair is in train.
    public var droppedTestRows: Int
    /// Rows of users dropped by `minUserRows`.
    public var droppedUserRows: Int
}

public enum Splitter {
    /// Splits `table` by `strategy`. Users with fewer than `minUserRows` rows are dropped first.
    /// Test keeps only users and items seen in train and pairs not in train. Ties in time keep
    /// file order, so the split is deterministic.
    /// - Throws: `.invalidInput` when the table has no timestamps, `.invalidParameter` for a bad value.
    public static func split(_ table: InteractionTable, strategy: SplitStrategy, minUserRows: Int = 0) throws(RecommenderError) -> Split {
        guard let time = table.timestamps else {
            throw .invalidInput("a temporal split needs timestamps; the input has none (give --time-col, or a preset with times)")
        }
        var perUser = [[Int]](repeating: [], count: table.users.count)
        for r in 0..<table.count { perUser[Int(table.userIndices[r])].append(r) }
        var kept = [Bool](repeating: true, count: table.count)
        var droppedUsers = 0
        for rows in perUser where rows.count < minUserRows {
            for r in rows { kept[r] = false }
            droppedUsers += rows.count
        }
        var isTest = [Bool](repeating: false, count: table.count)
        switch strategy {
        case .cutoff(let c):
            for r in 0..<table.count { isTest[r] = time[r] >= c }
        case .fraction(let f):
            guard f > 0, f < 1 else { throw .invalidParameter(name: "fraction", requirement: "between 0 and 1 (exclusive)", got: "\(f)") }
            let order = (0..<table.count).filter { kept[$0] }.sorted { time[$0] != time[$1] ? time[$0] < time[$1] : $0 < $1 }
            guard !order.isEmpty else { break }
            let cut = time[order[min(order.count - 1, Int(Double(order.count) * f))]]
            for r in 0..<table.count { isTest[r] = time[r] >= cut }
        case .leaveLast(let n):
            guard n >= 1 else { throw .invalidParameter(name: "leave-last", requirement: "at least 1", got: "\(n)") }
            for rows in perUser { markLast(rows, count: n, time: time, into: &isTest) }
        case .userFraction(let f):
            guard f > 0, f < 1 else { throw .invalidParameter(name: "test-fraction", requirement: "between 0 and 1 (exclusive)", got: "\(f)") }
            for rows in perUser { markLast(rows, count: max(1, Int((Double(rows.count) * f).rounded())), time: time, into: &isTest) }
        }
        var trainRows: [Int] = [], candidates: [Int] = []
        for r in 0..<table.count where kept[r] { if isTest[r] { candidates.append(r) } else { trainRows.append(r) } }
        var trainUsers = Set<Int32>(), trainItems = Set<Int32>(), trainPairs = Set<Int64>()
        for r in trainRows {
            trainUsers.insert(table.userIndices[r]); trainItems.insert(table.itemIndices[r])
            trainPairs.insert(Int64(table.userIndices[r]) << 32 | Int64(table.itemIndices[r]))
        }
        let testRows = candidates.filter { r in
            trainUsers.contains(table.userIndices[r]) && trainItems.contains(table.itemIndices[r])
                && !trainPairs.contains(Int64(table.userIndices[r]) << 32 | Int64(table.itemIndices[r]))
        }
        return Split(train: subset(table, trainRows), test: subset(table, testRows), trainRows: trainRows, testRows: testRows,
                     droppedTestRows: candidates.count - testRows.count, droppedUserRows: droppedUsers)
    }

    private static func markLast(_ rows: [Int], count: Int, time: [Int64], into isTest: inout [Bool]) {
        guard rows.count > 1 else { return }  // a user with one row keeps it for training
        let ordered = rows.sorted { time[$0] != time[$1] ? time[$0] < time[$1] : $0 < $1 }
        for r in ordered.suffix(min(count, rows.count - 1)) { isTest[r] = true }
    }

    static func subset(_ t: InteractionTable, _ rows: [Int]) -> InteractionTable {
        InteractionTable(users: t.users, items: t.items, userIndices: rows.map { t.userIndices[$0] },
                         itemIndices: rows.map { t.itemIndices[$0] }, weights: rows.map { t.weights[$0] },
                         timestamps: t.timestamps.map { ts in rows.map { ts[$0] } },
                         events: t.events.map { e in rows.map { e[$0] } }, eventTypes: t.eventTypes)
    }
}
