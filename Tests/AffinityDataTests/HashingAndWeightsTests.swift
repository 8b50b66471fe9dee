import AffinityData
import Testing

/// The shared FNV-1a and the one event-weight table type.
@Suite struct HashingAndWeightsTests {
    /// Published FNV-1a 64 test vectors (Fowler/Noll/Vo reference code's test suite).
    @Test(arguments: [("", 0xcbf2_9ce4_8422_2325 as UInt64), ("a", 0xaf63_dc4c_8601_ec8c), ("foobar", 0x8594_4171_f739_67e8)])
    func fnv1aMatchesPublishedVectors(text: String, expected: UInt64) {
        #expect(FNV1a.hash(text.utf8) == expected)
        var incremental = FNV1a()
        for b in text.utf8 { incremental.combine(b) }
        #expect(incremental.value == expected)
    }

    @Test func littleEndianCombineHashesTheBytesLowFirst() {
        var h = FNV1a()
        h.combine(littleEndian: UInt32(0x6261_6f66))  // bytes "foab"
        #expect(h.value == FNV1a.hash("foab".utf8))
    }

    @Test func eventWeightTablesAndTheirChoice() {
        for event in ShopEvent.allCases {
            #expect(EventWeights.funnel[event.rawValue] == Float(event.weight) && event.weight > 0, "\(event)")
        }
        #expect(DatasetPreset.rees46.eventWeights == .rees46)
        for preset in DatasetPreset.allCases where preset != .rees46 { #expect(preset.eventWeights == .funnel) }
        #expect(InteractionLoadOptions().eventWeights == .funnel)
        #expect(InteractionLoadOptions(preset: .rees46).eventWeights == .rees46)
        #expect(EventWeights.rees46["cart"] == 4 && EventWeights.rees46["cart_add"] == nil)
    }
}
