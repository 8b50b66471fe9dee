import AffinityNumerics

extension Calibration {
    /// Fits `method` on held-out logits and labels. Platt reuses the logistic solver on one
    /// feature without a penalty; isotonic is pool-adjacent-violators over sorted logits.
    public static func fit(_ method: Method, logits: [Double], labels: [Float]) throws(ChurnError) -> Calibration? {
        switch method {
        case .none:
            return nil
        case .platt:
            var config = LogisticConfig()
            config.l2 = 1e-6
            let x = Matrix(rows: logits.count, cols: 1, storage: logits.map { Float($0) })
            let fit = try LogisticRegression.fit(features: x, labels: labels, config: config)
            return .platt(a: fit.coefficients[0], b: fit.intercept)
        case .isotonic:
            let order = logits.indices.sorted { logits[$0] < logits[$1] }
            var means: [Double] = [], weights: [Double] = [], xs: [Double] = []
            for i in order {
                means.append(Double(labels[i])); weights.append(1); xs.append(logits[i])
                while means.count > 1 && means[means.count - 2] > means[means.count - 1] {
                    let w = weights[weights.count - 2] + weights[weights.count - 1]
                    let m = (means[means.count - 2] * weights[weights.count - 2] + means[means.count - 1] * weights[weights.count - 1]) / w
                    let x = (xs[xs.count - 2] * weights[weights.count - 2] + xs[xs.count - 1] * weights[weights.count - 1]) / w
                    means.removeLast(); weights.removeLast(); xs.removeLast()
                    means[means.count - 1] = m; weights[weights.count - 1] = w; xs[xs.count - 1] = x
                }
            }
            return .isotonic(logits: xs, probabilities: means)
        }
    }
}
