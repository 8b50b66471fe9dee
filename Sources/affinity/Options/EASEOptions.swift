import AffinityRecommender
import ArgumentParser
import Foundation

/// EASE hyperparameters and the memory limit; `config()` builds the library's `EASEConfig`,
/// which validates itself.
struct EASEOptions: ParsableArguments {
    @Option(help: "L2 regularization λ added to the diagonal of the item Gram matrix (> 0; Steck used 500).")
    var l2: Double = 500

    @OptionGroup var transform: WeightTransformOptions

    @Option(help: "OpenBLAS threads for the Gram matrix and the inverse (1...256; default: all cores).")
    var threads: Int = ProcessInfo.processInfo.activeProcessorCount

    @Option(name: .customLong("max-memory"), help: ArgumentHelp("Refuse to train when EASE would need more than this (12·items² bytes): bytes or a size with K, M, G or T (e.g. 8G). Default: the memory available now (MemAvailable).", valueName: "size"))
    var maxMemory: String?

    func validate() throws {
        try MemorySize.validate(maxMemory)
        do { try config().validate() } catch { throw ValidationError("--" + error.description) }
    }

    func config() -> EASEConfig {
        EASEConfig(l2: l2, weightTransform: transform.transform, threads: threads, maxMemoryBytes: MemorySize.limit(maxMemory))
    }
}

/// Memory sizes for `--max-memory`, and the memory available now.
enum MemorySize {
    /// Throws the `--max-memory` validation error when `flag` is given and not a size.
    static func validate(_ flag: String?) throws {
        if let flag, parse(flag) == nil {
            throw ValidationError("--max-memory must be a positive size such as 512M, 8G or 1073741824; got '\(flag)'")
        }
    }

    /// The limit `--max-memory` sets: the size given, else the memory available now.
    static func limit(_ flag: String?) -> Int? { flag.flatMap(parse) ?? available() }

    /// "123", "512K", "8G", "1.5T" (binary units, case-insensitive) → bytes; nil when not a positive size.
    static func parse(_ text: String) -> Int? {
        let units: [Character: Double] = ["k": 0x1p10, "m": 0x1p20, "g": 0x1p30, "t": 0x1p40]
        var number = Substring(text.trimmingCharacters(in: .whitespaces).lowercased())
        var scale = 1.0
        if let last = number.last, let u = units[last] { scale = u; number = number.dropLast() }
        if number.hasSuffix("i") == false, let value = Double(number), value > 0, value * scale < 9e18 { return Int(value * scale) }
        return nil
    }

    /// MemAvailable from /proc/meminfo in bytes; nil when it cannot be read (then no limit).
    static func available() -> Int? {
        guard let text = try? String(contentsOfFile: "/proc/meminfo", encoding: .utf8) else { return nil }
        for line in text.split(separator: "\n") where line.hasPrefix("MemAvailable:") {
            let fields = line.split(separator: " ")
            if fields.count >= 2, let kib = Int(fields[1]) { return kib * 1024 }
        }
        return nil
    }
}
