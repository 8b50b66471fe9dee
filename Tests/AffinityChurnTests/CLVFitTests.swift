@testable import AffinityChurn
import AffinityData
import AffinityNumerics
import AffinityTestSupport
import Foundation
import Testing

@Suite("CLV: the summary table, maximum-likelihood fits, scoring and holdout evaluation")
struct CLVFitTests {
    static let header = "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country\n"

    @Test("the summary follows lifetimes' conventions: distinct purchase days, repeat-day mean revenue, end day included")
    func summaryConventions() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let path = try dir.write("orders.csv", Self.header + [
            "1,A,Mug,2,2011-01-01 09:00:00,3.0,100.0,UK",       // day 0: 6
            "2,B,Plate,1,2011-01-01 17:00:00,4.0,100.0,UK",     // same day, second invoice: day 0 = 10
            "3,A,Mug,1,2011-01-05 10:00:00,3.0,100.0,UK",       // day 4: 3
            "C4,A,Mug,-1,2011-01-06 10:00:00,3.0,100.0,UK",     // a return: not a purchase day
            "5,B,Plate,5,2011-01-11 23:59:00,4.0,100.0,UK",     // day 10 (the calibration end day): 20
            "6,B,Plate,1,2011-01-12 00:00:00,4.0,100.0,UK",     // holdout
            "7,B,Plate,1,2011-01-12 08:00:00,4.0,100.0,UK",     // holdout, same day
            "8,B,Plate,1,2011-01-20 08:00:00,4.0,100.0,UK",     // holdout, second day
            "9,A,Mug,1,2011-01-09 08:00:00,3.0,200.0,UK",       // one purchase day only
            "10,A,Mug,1,2011-01-15 08:00:00,3.0,300.0,UK",      // first purchase in the holdout: not in the table
            "11,A,Mug,1,2011-01-31 08:00:00,3.0,300.0,UK",
        ].joined(separator: "\n") + "\n")
        let log = try TransactionLog.read(path: path)
        let s = try CLVSummary.build(log, calibrationEnd: TimestampParser.parse("2011-01-11")!, holdoutEnd: TimestampParser.parse("2011-01-31")!)
        #expect(s.customers == [CLVCustomer(id: "100", frequency: 2, recency: 10, T: 10, monetary: 11.5),
                                CLVCustomer(id: "200", frequency: 0, recency: 0, T: 2, monetary: 0)])
        #expect(s.holdoutPurchases == [2, 0])
        #expect(s.rows[0] == ["100", "2", "10", "10", "11.5"])
        #expect(throws: ChurnError.self) { try CLVSummary.build(log, calibrationEnd: TimestampParser.parse("2011-01-11")!, holdoutEnd: TimestampParser.parse("2011-02-28")!) }
        #expect(throws: ChurnError.self) { try CLVSummary.build(log, calibrationEnd: TimestampParser.parse("2010-12-01")!) }
    }

    @Test("maximum likelihood recovers BG/NBD parameters from 20,000 simulated customers")
    func recoversBGNBD() throws {
        let truth = BGNBDParameters(r: 0.5, alpha: 20, a: 0.7, b: 2.5)
        let customers = CLVFixtures.bgnbdCustomers(truth, count: 20_000, seed: 11)
        let bg = BGNBDLikelihood(customers)
        var notes: [String] = []
        let (fit, ll, limit) = CLVFitter.fitBGNBD(bg, notes: &notes)
        #expect(!limit && notes.isEmpty, "\(notes)")
        // Sampling error at n = 20,000 is a few percent for r and α and up to ~15 % for a and b
        // (they are estimated from the dropouts alone); the tolerances are about twice that.
        #expect(abs(fit.r / truth.r - 1) < 0.1 && abs(fit.alpha / truth.alpha - 1) < 0.15, "\(fit)")
        #expect(abs(fit.a / truth.a - 1) < 0.3 && abs(fit.b / truth.b - 1) < 0.3, "\(fit)")
        // The fit is a maximum: no parameter moved by ±1 % raises ℓ.
        for k in 0..<4 {
            for step in [0.99, 1.01] {
                var v = [fit.r, fit.alpha, fit.a, fit.b]
                v[k] *= step
                #expect(bg.evaluate(BGNBDParameters(r: v[0], alpha: v[1], a: v[2], b: v[3])).value <= ll)
            }
        }
        #expect(ll >= bg.evaluate(truth).value)
    }

    @Test("data without dropout end in the NBD limit: reported, a = 0, r and α recovered, P(alive) = 1")
    func nbdBoundary() throws {
        let truth = BGNBDParameters(r: 0.9, alpha: 40, a: 0, b: 1)
        var customers = CLVFixtures.bgnbdCustomers(truth, count: 8_000, seed: 5)
        // Sampled from the NBD, the 4-parameter MLE still lands inside with small a about half the time.
        // Moving every repeat buyer's last purchase to T makes the boundary certain: with t_x = T the two
        // terms of L add up to B(a, b+x−1)/B(a, b)·(NBD), which is largest at a = 0. The NBD part uses
        // only x and T, so r and α are still those of the simulation.
        for i in customers.indices where customers[i].frequency > 0 {
            customers[i].recency = customers[i].T
            customers[i].monetary = 10 + Double(i % 7)
        }
        let model = try CLVFitter.fit(CLVSummary(customers: customers, calibrationEndDay: 0))
        #expect(model.nbdLimit && model.bgnbd.a == 0, "\(model.bgnbd) \(model.notes)")
        #expect(model.notes.contains { $0.contains("NBD limit") })
        #expect(abs(model.bgnbd.r / truth.r - 1) < 0.1 && abs(model.bgnbd.alpha / truth.alpha - 1) < 0.1, "\(model.bgnbd)")
        // The limit is a maximum on the boundary: a small dropout lowers ℓ (one-sided derivative ≤ 0).
        let bg = BGNBDLikelihood(customers)
        #expect(bg.evaluate(model.bgnbd).gradient[2] <= 0)
        #expect(customers.allSatisfy { model.bgnbd.pAlive($0) == 1 })
    }

    @Test("on unaltered NBD samples the fit is the limit or has a negligible mean dropout")
    func nbdSamples() throws {
        var notes: [String] = []
        let customers = CLVFixtures.bgnbdCustomers(BGNBDParameters(r: 0.9, alpha: 40, a: 0, b: 1), count: 8_000, seed: 5)
        let bg = BGNBDLikelihood(customers)
        let (fit, ll, limit) = CLVFitter.fitBGNBD(bg, notes: &notes)
        #expect(limit || fit.meanDropout < 0.01, "\(fit)")
        // Whichever is reported has the larger likelihood of the two fits.
        let nbd = bg.evaluate(BGNBDParameters(r: fit.r, alpha: fit.alpha, a: 0, b: 1)).value
        #expect(ll >= nbd - 1e-6)
    }

    @Test("maximum likelihood recovers Gamma-Gamma parameters from simulated spend")
    func recoversGammaGamma() throws {
        let truth = GammaGammaParameters(p: 6, q: 4, v: 15)
        var rng = Xoshiro256(seed: 3)
        let customers = (0..<8_000).map { i in
            let nu = CLVFixtures.gamma(shape: truth.q, rate: truth.v, &rng)
            let x = 1 + Int(rng.next() % 10)
            let total = (0..<x).reduce(0.0) { s, _ in s + CLVFixtures.gamma(shape: truth.p, rate: nu, &rng) }
            return CLVCustomer(id: "\(i)", frequency: Double(x), recency: 1, T: 1, monetary: total / Double(x))
        }
        var notes: [String] = []
        let (fit, _) = CLVFitter.fitGammaGamma(GammaGammaLikelihood(customers), notes: &notes)
        #expect(notes.isEmpty, "\(notes)")
        // q and v trade off against each other (the mean spend is p·v/(q − 1)); p is pinned by the
        // within-customer spread. Tolerances: p and the mean within 5 %, q and v within 20 %.
        #expect(abs(fit.p / truth.p - 1) < 0.05, "\(fit)")
        #expect(abs(fit.q / truth.q - 1) < 0.2 && abs(fit.v / truth.v - 1) < 0.2, "\(fit)")
        let mean = { (g: GammaGammaParameters) in g.p * g.v / (g.q - 1) }
        #expect(abs(mean(fit) / mean(truth) - 1) < 0.05)
    }

    @Test("score: discounting, horizon and P(alive) per customer; evaluation against a hand count")
    func scoreAndEvaluate() throws {
        let model = CLVModel(bgnbd: BGNBDParameters(r: 0.8, alpha: 12, a: 0.5, b: 3), gammaGamma: GammaGammaParameters(p: 6, q: 4, v: 15),
                             nbdLimit: false, customers: 2, gammaGammaCustomers: 1, logLikelihood: -1, gammaGammaLogLikelihood: -1,
                             calibrationEnd: "2011-01-11", fitSeconds: 0, notes: [])
        let customers = [CLVCustomer(id: "1", frequency: 3, recency: 50, T: 60, monetary: 20),
                         CLVCustomer(id: "2", frequency: 0, recency: 0, T: 10, monetary: 0)]
        let summary = CLVSummary(customers: customers, calibrationEndDay: 100, holdoutPurchases: [2, 1], holdoutEndDay: 130)
        let undiscounted = try model.score(summary, horizonDays: 45, annualDiscountRate: 0)
        let discounted = try model.score(summary, horizonDays: 45, annualDiscountRate: 0.1)
        for (i, c) in customers.enumerated() {
            let spend = model.gammaGamma.conditionalExpectedSpend(frequency: c.frequency, monetary: c.monetary)
            let e30 = model.bgnbd.expectedPurchases(c, days: 30), e45 = model.bgnbd.expectedPurchases(c, days: 45)
            #expect(abs(undiscounted[i].expectedValue - e45 * spend) < 1e-9 * e45 * spend)
            let expected = spend * (e30 / pow(1.1, 30.0 / 365) + (e45 - e30) / pow(1.1, 45.0 / 365))
            #expect(abs(discounted[i].expectedValue - expected) < 1e-9 * expected)
            #expect(discounted[i].expectedPurchases == e45 && discounted[i].pAlive == model.bgnbd.pAlive(c))
        }
        #expect(throws: ChurnError.self) { try model.score(summary, horizonDays: 0, annualDiscountRate: 0.1) }
        let e = try CLVEvaluation.evaluate(model, summary)
        let predicted = customers.map { model.bgnbd.expectedPurchases($0, days: 30) }
        #expect(e.holdoutDays == 30 && e.customers == 2)
        #expect(abs(e.mae - (abs(predicted[0] - 2) + abs(predicted[1] - 1)) / 2) < 1e-12)
        #expect(abs(e.rmse - (((predicted[0] - 2) * (predicted[0] - 2) + (predicted[1] - 1) * (predicted[1] - 1)) / 2).squareRoot()) < 1e-12)
        #expect(abs(e.correlation - (predicted[0] > predicted[1] ? 1 : -1)) < 1e-12, "two points correlate ±1")
        #expect(e.calibration.map(\.count).reduce(0, +) == 2)
    }

    @Test("a model file round-trips, and other files are refused with the reason")
    func modelFile() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let model = CLVModel(bgnbd: BGNBDParameters(r: 0.8, alpha: 12, a: 0, b: 3), gammaGamma: GammaGammaParameters(p: 6, q: 4, v: 15),
                             nbdLimit: true, customers: 2, gammaGammaCustomers: 1, logLikelihood: -1.5, gammaGammaLogLikelihood: -2.5,
                             calibrationEnd: "2011-01-11", fitSeconds: 0.25, notes: ["n"])
        try model.save(path: dir.path("m.json"))
        #expect(try CLVModel.load(path: dir.path("m.json")) == model)
        let churnish = try dir.write("c.json", #"{"format": "affinity-churn", "version": 1}"#)
        do {
            _ = try CLVModel.load(path: churnish)
            Issue.record("a churn model file was accepted as a CLV model")
        } catch {
            #expect("\(error)".contains("expected 'affinity-clv'"), "\(error)")
        }
        var bad = model
        bad.nbdLimit = false
        let text = String(decoding: try JSONEncoder().encode(bad), as: UTF8.self)
        let broken = try dir.write("b.json", text)
        #expect(throws: ChurnError.self) { try CLVModel.load(path: broken) }
    }

    @Test("Online Retail: fit to 2011-09-09, evaluate to 2011-12-09 (skipped without /work/shared/datasets)")
    func onlineRetail() throws {
        guard let path = SharedDatasets.file("online-retail/online-retail.csv") else { return }
        let log = try TransactionLog.read(path: path)
        let summary = try CLVSummary.build(log, calibrationEnd: TimestampParser.parse("2011-09-09")!,
                                           holdoutEnd: TimestampParser.parse("2011-12-09")!)
        let model = try CLVFitter.fit(summary)
        // The issue's observation: the BG/NBD optimum is the NBD limit on this data.
        #expect(model.nbdLimit && model.bgnbd.a == 0, "\(model.bgnbd)")
        let bg = BGNBDLikelihood(summary.customers)
        let at = bg.evaluate(model.bgnbd)
        #expect(abs(at.value - model.logLikelihood) < 1e-9 * abs(at.value))
        // Stationary in r and α (relative gradient), and no dropout would raise ℓ.
        #expect(abs(at.gradient[0] * model.bgnbd.r) < 1e-3 && abs(at.gradient[1] * model.bgnbd.alpha) < 1e-3, "\(at.gradient)")
        #expect(at.gradient[2] <= 0)
        let e = try CLVEvaluation.evaluate(model, summary)
        #expect(e.customers == summary.customers.count && e.holdoutDays == 91)
        #expect(e.correlation > 0.5, "predicted and actual holdout purchases should agree: \(e.correlation)")
        #expect(model.gammaGamma.q > 1)
    }
}
