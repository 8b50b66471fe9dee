// Serving-path latency of an ALS model at the server's shape: exact fold-in of a user with
// 50 interactions (target < 100 µs at 64 factors), top-10 recommend and similar items over
// 10,000 items. The model is built from seeded random factors in setup (not timed); each
// operation runs over 64 users per round, 31 rounds after one warm-up round, OpenBLAS on one
// thread. Prints one JSON line with the median and min µs per call of each operation.
//   usage: ServingRate [items] [factors] [interactions]
import AffinityNumerics
import AffinityRecommender
import BenchmarkFixtures
import Dispatch

func run() throws {
    let args = CommandLine.arguments
    let items = args.count > 1 ? Int(args[1]) ?? 10_000 : 10_000
    let f = args.count > 2 ? Int(args[2]) ?? 64 : 64
    let perUser = args.count > 3 ? Int(args[3]) ?? 50 : 50
    let users = 64

    let fixture = ServingFixture(users: users, items: items, factors: f, perUser: perUser)
    let model = fixture.model
    let scratch = LeastSquaresScratch(factors: f, rowCapacity: perUser)
    var x = [Float](repeating: 0, count: f)
    BLASThreads.set(1)

    /// Median and min µs per call over rounds of `users` calls.
    func measure(_ body: (Int) throws -> Void) rethrows -> (median: Double, min: Double) {
        var perCall: [Double] = []
        for round in 0..<32 {
            let t0 = DispatchTime.now().uptimeNanoseconds
            for u in 0..<users { try body(u) }
            let us = Double(DispatchTime.now().uptimeNanoseconds - t0) / 1000 / Double(users)
            if round > 0 { perCall.append(us) }
        }
        perCall.sort()
        return (perCall[perCall.count / 2], perCall[0])
    }

    var sink: Float = 0
    let foldIn = try measure { u in
        try model.foldIn(items: fixture.items[u], weights: fixture.weights[u], into: &x, scratch: scratch)
        sink += x[0]
    }
    let recommend = measure { u in sink += model.recommend(userIndex: Int32(u), k: 10).first?.score ?? 0 }
    let similar = try measure { u in sink += try model.similarItems(item: "i\(u)", k: 10).first?.score ?? 0 }
    print("{\"items\":\(items),\"factors\":\(f),\"interactions\":\(perUser),"
          + "\"fold_in_us_median\":\(foldIn.median),\"fold_in_us_min\":\(foldIn.min),"
          + "\"recommend_us_median\":\(recommend.median),\"recommend_us_min\":\(recommend.min),"
          + "\"similar_us_median\":\(similar.median),\"similar_us_min\":\(similar.min),\"checksum\":\(sink.isFinite)}")
}

try run()
