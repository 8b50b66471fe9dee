import AffinityData
import Foundation
import Testing

/// `--events`, `--event-weights`, `--half-life-days`: the row-level weighting before pairs are
/// summed, against hand-computed values.
@Suite struct InteractionWeightingTests {
    /// Two users; events view/click/cart_add; timestamps one day apart, the latest at day 4.
    static func table() -> InteractionTable {
        let day: Int64 = 86_400, t0: Int64 = 1_700_000_000
        return InteractionTable(users: IDMap(ids: ["a", "b"]), items: IDMap(ids: ["x", "y", "z"]),
                                userIndices: [0, 0, 0, 1, 1], itemIndices: [0, 0, 1, 2, 1], weights: [1, 2, 4, 1, 3],
                                timestamps: [t0, t0 + day, t0 + 2 * day, t0 + 3 * day, t0 + 4 * day],
                                events: [0, 1, 2, 0, 1], eventTypes: ["view", "click", "cart_add"])
    }

    @Test func halfLifeDecaysEachRowFromTheLatestTimestamp() throws {
        let out = try InteractionWeighting(halfLifeDays: 2).apply(to: Self.table(), base: .funnel, file: "f.csv")
        // Ages 4, 3, 2, 1, 0 days with a 2-day half-life: factors 1/4, 2^-1.5, 1/2, 2^-0.5, 1.
        let want: [Float] = [1 * 0.25, 2 * 0.353_553_4, 4 * 0.5, 1 * 0.707_106_8, 3]
        #expect(zip(out.weights, want).allSatisfy { abs($0 - $1) <= 1e-6 * max(1, $1) }, "\(out.weights)")
        #expect(out.userIndices == Self.table().userIndices && out.timestamps == Self.table().timestamps)
    }

    @Test func halfLifeWithoutTimestampsNamesTheFlag() {
        var t = Self.table()
        t.timestamps = nil
        #expect(throws: DataError.self) { try InteractionWeighting(halfLifeDays: 3).apply(to: t, base: .funnel, file: "plays.tsv") }
        do { _ = try InteractionWeighting(halfLifeDays: 3).apply(to: t, base: .funnel, file: "plays.tsv") } catch {
            #expect("\(error)".contains("--half-life-days needs timestamps; plays.tsv has none"), "\(error)")
        }
    }

    @Test func eventWeightsReplaceTheWeightOfNamedTypesOnly() throws {
        let w = InteractionWeighting(eventWeights: ["click": 5, "cart_add": 0.5])
        let out = try w.apply(to: Self.table(), base: .funnel, file: "f.csv")
        #expect(out.weights == [1, 5, 0.5, 1, 5])
        let recorded = w.effectiveWeights(base: .funnel)
        #expect(recorded["click"] == 5 && recorded["cart_add"] == 0.5 && recorded["view"] == 1 && recorded["purchase"] == 8)
    }

    @Test func eventTypesKeepOnlyTheListedRowsThenReweight() throws {
        let w = InteractionWeighting(eventWeights: ["view": 3], events: ["view", "cart_add"], halfLifeDays: 1)
        let out = try w.apply(to: Self.table(), base: .funnel, file: "f.csv")
        // Rows 0 (view, day 0), 2 (cart_add, day 2), 3 (view, day 3): t_ref = day 3.
        #expect(out.itemIndices == [0, 1, 2] && out.userIndices == [0, 0, 1])
        #expect(out.weights == [3 * 0.125, 4 * 0.5, 3])
    }

    @Test(arguments: [(InteractionWeighting(eventWeights: ["clik": 2]), "--event-weights: unknown event type 'clik'"),
                      (InteractionWeighting(events: ["view", "buy"]), "--events: unknown event type 'buy'")])
    func unknownEventNamesAreRefusedNamingTheValue(weighting: InteractionWeighting, message: String) {
        do {
            _ = try weighting.apply(to: Self.table(), base: .rees46, file: "f.csv")
            Issue.record("expected an error")
        } catch { #expect("\(error)".contains(message), "\(error)") }
    }

    @Test func aNameFromThePresetTableIsKnownEvenWhenAbsentFromTheData() throws {
        let out = try InteractionWeighting(eventWeights: ["purchase": 10]).apply(to: Self.table(), base: .funnel, file: "f.csv")
        #expect(out.weights == Self.table().weights)
    }

    @Test func eventOptionsNeedAnEventColumn() {
        var t = Self.table()
        t.events = nil; t.eventTypes = []
        do { _ = try InteractionWeighting(events: ["view"]).apply(to: t, base: .funnel, file: "g.csv"); Issue.record("expected an error") } catch {
            #expect("\(error)".contains("--events needs an event column; g.csv has none"), "\(error)")
        }
    }

    @Test func parsesEventWeightsAndRefusesMalformedPairs() throws {
        #expect(try InteractionWeighting.parseEventWeights("view=1, click = 2.5,dismiss=-2") == ["view": 1, "click": 2.5, "dismiss": -2])
        for (text, fragment) in [("view", "got 'view'"), ("view=1,,click=2", "got ''"), ("=3", "got '=3'"),
                                 ("view=abc", "weight of 'view' must be a finite number; got 'abc'"), ("view=inf", "got 'inf'"),
                                 ("view=1,view=2", "names 'view' twice")] {
            do { _ = try InteractionWeighting.parseEventWeights(text); Issue.record("accepted '\(text)'") } catch {
                #expect("\(error)".contains(fragment), "\(text): \(error)")
            }
        }
        #expect(try InteractionWeighting.parseEvents("view, cart_add") == ["view", "cart_add"])
        #expect(throws: DataError.self) { try InteractionWeighting.parseEvents("view,,cart_add") }
    }

    @Test(arguments: [0.0, -1, .nan, .infinity])
    func badHalfLivesAreRefused(days: Double) {
        do { try InteractionWeighting(halfLifeDays: days).validate(); Issue.record("accepted \(days)") } catch {
            #expect("\(error)".contains("--half-life-days must be a finite number of days > 0"), "\(error)")
        }
    }

    @Test func theIdentityLeavesTheTableAlone() throws {
        #expect(try InteractionWeighting().apply(to: Self.table(), base: .funnel, file: "f.csv") == Self.table())
    }
}
