import AffinityData
import AffinityNumerics
import Foundation
import Testing

@Suite struct TimestampParserTests {
    // Expected values computed independently with Python's calendar.timegm / datetime.
    @Test(arguments: [
        ("2010-12-01 08:26:00", Int64(1_291_191_960)),
        ("2010-12-01T08:26:00", 1_291_191_960),
        ("2010-12-01T08:26:00Z", 1_291_191_960),
        ("2010-12-01T08:26", 1_291_191_960),
        ("2019-10-01 00:00:00 UTC", 1_569_888_000),
        ("2019-10-01", 1_569_888_000),
        ("2000-02-29T23:59:59.250Z", 951_868_799),
        ("2021-06-15T12:30:00+02:00", 1_623_753_000),
        ("2021-06-15T12:30:00+0200", 1_623_753_000),
        ("2021-06-15T12:30:00+02", 1_623_753_000),
        ("1969-12-31 23:00:00", -3600),
        ("964982703", 964_982_703),
        ("964982703.9", 964_982_703),
        ("-3600", -3600),
    ])
    func acceptedForms(text: String, expected: Int64) {
        #expect(TimestampParser.parse(text) == expected)
    }

    @Test(arguments: ["", "abc", "2019-13-01", "2019-02-29", "2019-10-01 25:00:00", "2019-10-01T10:00:00 PST",
                      "2019-10-01 10:00:00 UTCX", "12/1/2010 8:26", "1.", "2019-10-01T10"])
    func rejectedForms(text: String) {
        #expect(TimestampParser.parse(text) == nil)
    }

    /// Random instants formatted by Foundation, parsed back.
    @Test func roundTripsAgainstFoundationFormatter() {
        var rng = Xoshiro256(seed: 11)
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        for _ in 0..<500 {
            let seconds = Int64(rng.next() % 4_000_000_000) - 1_000_000_000
            let text = formatter.string(from: Date(timeIntervalSince1970: TimeInterval(seconds)))
            #expect(TimestampParser.parse(text) == seconds, "\(text)")
            #expect(TimestampParser.iso8601(seconds) == text)
        }
    }
}
