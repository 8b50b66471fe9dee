#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Number parsing straight from field bytes, without building a `String` in the common cases.
public enum NumberParser {
    private static let exactPowersOfTen: [Double] = (0...22).map { pow(10.0, Double($0)) }

    /// A decimal integer with optional sign; nil for anything else (including empty or overflow).
    public static func int(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        var i = 0
        let n = bytes.count
        var negative = false
        if i < n && (bytes[i] == UInt8(ascii: "-") || bytes[i] == UInt8(ascii: "+")) {
            negative = bytes[i] == UInt8(ascii: "-")
            i += 1
        }
        if i == n { return nil }
        var value = 0
        while i < n {
            let d = Int(bytes[i]) &- 48
            if d < 0 || d > 9 { return nil }
            let (m, o1) = value.multipliedReportingOverflow(by: 10)
            let (s, o2) = m.addingReportingOverflow(negative ? -d : d)
            if o1 || o2 { return nil }
            value = s
            i += 1
        }
        return value
    }

    /// A decimal number (`12`, `-3.5`, `1e-3`, `.5`); nil when the bytes are not a number.
    ///
    /// Plain decimals with up to 15 significant digits take an exact fast path
    /// (mantissa and power of ten are both exact doubles, so one division rounds correctly);
    /// everything else goes through `strtod`.
    public static func double(_ bytes: UnsafeBufferPointer<UInt8>) -> Double? {
        let n = bytes.count
        if n == 0 { return nil }
        var i = 0
        var negative = false
        if bytes[i] == UInt8(ascii: "-") || bytes[i] == UInt8(ascii: "+") {
            negative = bytes[i] == UInt8(ascii: "-")
            i += 1
        }
        var mantissa: UInt64 = 0
        var digits = 0
        var fractionDigits = 0
        var sawDot = false
        var simple = true
        while i < n {
            let b = bytes[i]
            if b >= 48 && b <= 57 {
                mantissa = mantissa &* 10 &+ UInt64(b - 48)
                digits += 1
                if sawDot { fractionDigits += 1 }
            } else if b == UInt8(ascii: ".") && !sawDot {
                sawDot = true
            } else {
                simple = false
                break
            }
            i += 1
        }
        if simple {
            if digits == 0 { return nil }
            if digits <= 15 && fractionDigits <= 22 {
                let v = Double(mantissa) / exactPowersOfTen[fractionDigits]
                return negative ? -v : v
            }
        }
        return slowDouble(bytes)
    }

    private static func slowDouble(_ bytes: UnsafeBufferPointer<UInt8>) -> Double? {
        var text = Array(bytes)
        // strtod accepts things CSV numbers should not be: leading spaces, hex, "inf", "nan".
        for b in text where !(b >= 48 && b <= 57) {
            switch b {
            case UInt8(ascii: "-"), UInt8(ascii: "+"), UInt8(ascii: "."), UInt8(ascii: "e"), UInt8(ascii: "E"): continue
            default: return nil
            }
        }
        text.append(0)
        return text.withUnsafeBufferPointer { p -> Double? in
            p.withMemoryRebound(to: CChar.self) { c in
                var endPointer: UnsafeMutablePointer<CChar>?
                let v = strtod(c.baseAddress!, &endPointer)
                guard let endPointer, endPointer - UnsafeMutablePointer(mutating: c.baseAddress!) == bytes.count else { return nil }
                return v
            }
        }
    }
}
