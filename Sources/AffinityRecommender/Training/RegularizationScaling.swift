/// How the L2 penalty λ scales per row of a half-step.
///
/// With `frequency`, row r's penalty is λ·n_r, where n_r counts the row's nonzeros with a
/// positive (summed) weight: Spark MLlib's implicit ALS ("ALS-WR", Zhou et al. 2008), which
/// Rendle et al. (2022) found best for iALS. Nonzeros with a negative weight (confidence α·|w|,
/// preference 0) are not counted, as in Spark. A row with no positive weight then gets no
/// penalty at all.
public enum RegularizationScaling: String, Sendable, Codable, CaseIterable {
    /// λ on every row (Hu, Koren & Volinsky; the library `implicit`). Affinity's default.
    case none
    /// λ·n_r on row r.
    case frequency

    /// The λ folded into the shared Gram matrix YᵀY + λI of a half-step (or of fold-in).
    func gramRegularization(_ lambda: Float) -> Float { self == .none ? lambda : 0 }

    /// The λ each positive-weight nonzero adds to its row's diagonal on top of the Gram matrix.
    func perInteraction(_ lambda: Float) -> Float { self == .frequency ? lambda : 0 }
}
