/// The distinct values of a column and, per row, the index of its value: lets a likelihood
/// evaluate gamma-function terms once per distinct frequency instead of once per customer.
struct DistinctValues: Sendable {
    let values: [Double]
    let slot: [Int]

    init(_ column: [Double]) {
        values = Array(Set(column)).sorted()
        let index = Dictionary(uniqueKeysWithValues: values.enumerated().map { ($1, $0) })
        slot = column.map { index[$0]! }
    }
}
