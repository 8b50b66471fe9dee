/// Maps a stored interaction weight w to the two numbers the least-squares routine needs:
/// the excess confidence c − 1 (what a nonzero adds on top of the shared Gram matrix) and
/// the target c·p (its contribution to the right-hand side), with p = 1 when w > 0.
struct Confidence: Sendable, Equatable {
    let alpha: Float
    /// 0 for c = 1 + α|w|; −1 for c = α|w|.
    let offset: Float

    init(alpha: Float, convention: ConfidenceConvention) {
        self.alpha = alpha
        self.offset = convention == .onePlusAlpha ? 0 : -1
    }

    /// c − 1.
    @inline(__always)
    func excess(_ w: Float) -> Float { alpha * abs(w) + offset }

    /// c·p.
    @inline(__always)
    func target(_ w: Float) -> Float { w > 0 ? alpha * w + offset + 1 : 0 }
}
