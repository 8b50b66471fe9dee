import Logging
import AffinityProtocol

extension Dispatcher {
    func churnScore(_ customer: [String: JSONScalar], _ snapshot: ModelSnapshot, field: String) throws(ProtocolError) -> ChurnResult {
        guard let churn = snapshot.churn else {
            throw .notLoaded("no churn model is loaded; start with --churn-model")
        }
        do {
            return try churn.score(customer: customer.mapValues(\.cellText))
        } catch {
            throw .badRequest(field: field, expected: "features the churn model accepts", got: "\(error)")
        }
    }

    func churnBatch(_ p: ChurnBatchParams, _ snapshot: ModelSnapshot) throws(ProtocolError) -> ChurnBatchResult {
        var results: [ChurnResult] = []
        results.reserveCapacity(p.customers.count)
        for (i, c) in p.customers.enumerated() {
            results.append(try churnScore(c, snapshot, field: "customers[\(i)]"))
        }
        return ChurnBatchResult(results: results)
    }
}
