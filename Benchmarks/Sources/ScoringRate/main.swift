// Recommend scoring per user: the batched kernel (ALSModel.recommend(batch:), B users per call)
// against the path it replaced (one OpenBLAS sgemv over the item factors, exclusions set to NaN,
// TopK.select). 10,000 items × 64 factors, top-10, 10 seen items per user, seeded random factors.
// Timed by this process's CPU clock (the machine is shared: wall time would count other jobs),
// 31 rounds of 64 users after a warm-up round; prints one JSON line of median and min µs per user.
// With a model file as third argument, its first 64 users and its item factors are used instead
// (e.g. the model serve_bench.sh trains, where item norms differ and the kernel's early stop acts).
//   usage: ScoringRate [items] [factors] [model.affinity]
import AffinityNumerics
import AffinityRecommender
import BenchmarkFixtures
import Glibc

func cpuMicros() -> Double {
    var t = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t)
    return Double(t.tv_sec) * 1e6 + Double(t.tv_nsec) / 1e3
}

func run() {
    let args = CommandLine.arguments
    var items = args.count > 1 ? Int(args[1]) ?? 10_000 : 10_000
    var f = args.count > 2 ? Int(args[2]) ?? 64 : 64
    let users = 64
    let file = args.count > 3 ? try? ALSModel.load(path: args[3]) : nil
    if args.count > 3 && file == nil { print("cannot load \(args[3])"); return }
    if let file { items = file.header.items; f = file.factors }
    var rng = Xoshiro256(seed: 5)
    var r: [Int32] = [], c: [Int32] = []
    for u in 0..<users {
        for i in Set((0..<10).map { _ in Int32(rng.next() % UInt64(items)) }).sorted() { r.append(Int32(u)); c.append(i) }
    }
    let model = file ?? SyntheticModel.als(users: users, items: items, factors: f, rowIndices: r, colIndices: c,
                                           values: [Float](repeating: 1, count: r.count), rng: &rng)
    let queries = (0..<Int32(users)).map {
        RecommendQuery(factors: Array(model.userFactors($0)), seen: Array(model.userHistoryItems($0)), k: 10)
    }
    BLASThreads.set(1)

    func measure(_ body: () -> Void) -> (median: Double, min: Double) {
        var perUser: [Double] = []
        for round in 0..<32 {
            let t0 = cpuMicros()
            body()
            if round > 0 { perUser.append((cpuMicros() - t0) / Double(users)) }
        }
        perUser.sort()
        return (perUser[perUser.count / 2], perUser[0])
    }

    var sink: Float = 0
    let itemBase = model.itemFactors(0).baseAddress!
    var scores = [Float](repeating: 0, count: items)
    let gemv = measure {
        for q in queries {
            scores.withUnsafeMutableBufferPointer { s in
                q.factors.withUnsafeBufferPointer { x in
                    BLAS.gemv(.none, alpha: 1, MatrixView(base: itemBase, rows: items, cols: f), x.baseAddress!, beta: 0, s.baseAddress!)
                }
            }
            for i in q.seen { scores[Int(i)] = .nan }
            sink += TopK.select(scores, k: 10).first?.score ?? 0
        }
    }
    var line = "{\"model\":\"\(file == nil ? "random" : args[3])\",\"items\":\(items),\"factors\":\(f),\"sgemv_topk_us_median\":\(gemv.median),\"sgemv_topk_us_min\":\(gemv.min)"
    for b in [1, 8, 32] {
        let t = measure {
            for start in stride(from: 0, to: users, by: b) {
                let lists = model.recommend(batch: Array(queries[start..<min(users, start + b)]))
                sink += lists.first?.first?.score ?? 0
            }
        }
        line += ",\"kernel_b\(b)_us_median\":\(t.median),\"kernel_b\(b)_us_min\":\(t.min)"
    }
    print(line + ",\"checksum\":\(sink.isFinite)}")
}

run()
