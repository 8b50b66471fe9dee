public import AffinityData
import AffinityNumerics

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
    /// Per user, for data without timestamps: a random `fraction` of each user's rows (at least
    /// one, rounded as `userFraction`) test, drawn by a Xoshiro256** stream from `seed` over the
    /// users in index order: the same file and seed give the same split.
    case randomUserFraction(Double, seed: UInt64)
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
    /// - Throws: `.invalidInput` when a temporal strategy meets a table without timestamps,
    ///   `.invalidParameter` for a bad value.
    public static func split(_ table: InteractionTable, strategy: SplitStrategy, minUserRows: Int = 0) throws(RecommenderError) -> Split {
        if case .randomUserFraction = strategy {} else if table.timestamps == nil {
            throw .invalidInput("a temporal split needs timestamps; the input has none (give --time-col, or a preset with times, or split with --random)")
        }
        let time = table.timestamps ?? []
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
            for rows in perUser { markLast(rows, count: testCount(rows.count, fraction: f), time: time, into: &isTest) }
        case .randomUserFraction(let f, let seed):
            guard f > 0, f < 1 else { throw .invalidParameter(name: "test-fraction", requirement: "between 0 and 1 (exclusive)", got: "\(f)") }
            var rng = Xoshiro256(seed: seed)
            for rows in perUser { markRandom(rows, count: testCount(rows.count, fraction: f), rng: &rng, into: &isTest) }
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
        return Split(train: table.selecting(rows: trainRows), test: table.selecting(rows: testRows), trainRows: trainRows, testRows: testRows,
                     droppedTestRows: candidates.count - testRows.count, droppedUserRows: droppedUsers)
    }

    /// A user's test rows for a per-user fraction: round(n·f), at least one.
    private static func testCount(_ n: Int, fraction f: Double) -> Int { max(1, Int((Double(n) * f).rounded())) }

    /// Marks `count` of `rows` drawn at random (a partial Fisher–Yates shuffle), keeping one for training.
    private static func markRandom(_ rows: [Int], count: Int, rng: inout Xoshiro256, into isTest: inout [Bool]) {
        guard rows.count > 1 else { return }  // a user with one row keeps it for training
        var pool = rows
        for k in 0..<min(count, rows.count - 1) {
            let j = k + Int(rng.next() % UInt64(pool.count - k))
            pool.swapAt(k, j)
            isTest[pool[k]] = true
        }
    }

    private static func markLast(_ rows: [Int], count: Int, time: [Int64], into isTest: inout [Bool]) {
        guard rows.count > 1 else { return }  // a user with one row keeps it for training
        let ordered = rows.sorted { time[$0] != time[$1] ? time[$0] < time[$1] : $0 < $1 }
        for r in ordered.suffix(min(count, rows.count - 1)) { isTest[r] = true }
    }
}
