import AffinityData
import AffinityNumerics
import Testing

private func parseDouble(_ s: String) -> Double? {
    var copy = s
    return copy.withUTF8 { NumberParser.double($0) }
}

private func parseInt(_ s: String) -> Int? {
    var copy = s
    return copy.withUTF8 { NumberParser.int($0) }
}

@Suite struct NumberParserTests {
    /// Random decimals in several shapes agree exactly with Swift's own `Double(String)`.
    @Test func doublesMatchStandardLibrary() {
        var rng = Xoshiro256(seed: 21)
        for _ in 0..<5000 {
            let integer = rng.next() % 1_000_000_000
            let fraction = rng.next() % 100_000
            let digits = Int(rng.next() % 6)
            let sign = rng.next() % 3 == 0 ? "-" : ""
            var text = "\(sign)\(integer)"
            if digits > 0 {
                let f = String(fraction)
                text += "." + String(f.prefix(digits))
            }
            if rng.next() % 10 == 0 { text += "e\(Int(rng.next() % 20) - 10)" }
            #expect(parseDouble(text) == Double(text), "\(text)")
        }
        for text in ["0.1", "4.0", "17850.0", ".5", "5.", "123456789012345678", "1e308", "2.2250738585072014e-308"] {
            #expect(parseDouble(text) == Double(text), "\(text)")
        }
    }

    @Test(arguments: ["", "-", ".", "1.2.3", "12a", " 1", "1 ", "0x10", "inf", "nan", "1e", "--1"])
    func rejectsNonNumbers(text: String) {
        #expect(parseDouble(text) == nil)
    }

    @Test func integers() {
        #expect(parseInt("42") == 42)
        #expect(parseInt("-7") == -7)
        #expect(parseInt("+7") == 7)
        #expect(parseInt("9223372036854775807") == Int.max)
        #expect(parseInt("9223372036854775808") == nil)
        #expect(parseInt("4.0") == nil)
        #expect(parseInt("") == nil)
    }
}
