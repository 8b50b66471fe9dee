import AffinityData
import AffinityNumerics
import AffinityTestSupport
import Testing

/// Exact counts on the real public datasets; skipped (with a printed reason) when they are absent.
/// Expected numbers were computed independently with pandas (see Benchmarks/csv_vs_pandas.sh).
@Suite struct SharedDatasetTests {
    @Test func onlineRetailPresetCountsExactly() throws {
        guard let path = SharedDatasets.file(DatasetPreset.onlineRetail.conventionalPath) else { return }
        let loaded = try InteractionLoader.load(path: path, options: InteractionLoadOptions(preset: .onlineRetail))
        let stats = InteractionStats(loaded)
        #expect(stats.rows == 541_909)
        #expect(stats.users == 4339)
        #expect(stats.items == 3665)
        #expect(stats.nnz == 266_802)
        #expect(stats.skipped == ["missing_user": 135_080, "cancellation": 8905])
    }
}
