import AffinityRecommender
import ArgumentParser

/// `--weight-transform` and BM25's parameters, shared by `train als` and `train ease`;
/// `transform` builds the library's `WeightTransform`, which the model configs validate.
struct WeightTransformOptions: ParsableArguments {
    @Option(name: .customLong("weight-transform"),
            help: "Reshape each summed (user, item) weight before training: none, log1p (ln(1 + w)) or bm25 (Okapi BM25 over users × items); ALS turns the result into a confidence, EASE uses it as X; scoring and fold-in apply the same (docs/NUMERICS.md).")
    var weightTransform: TransformName = .none

    @Option(name: .customLong("bm25-k1"), help: "BM25 saturation K1 (> 0) for --weight-transform bm25.")
    var bm25K1: Float = WeightTransform.defaultK1

    @Option(name: .customLong("bm25-b"), help: "BM25 length normalisation B (0...1) for --weight-transform bm25.")
    var bm25B: Float = WeightTransform.defaultB

    var transform: WeightTransform { WeightTransform(weightTransform.kind, k1: bm25K1, b: bm25B) }
}
