import AffinityNumerics
import AffinityProtocol
import Foundation
import Testing

/// Seeded fuzzing of the NDJSON frame decoder and the request parser. The quick run in
/// `make test` tries 1,500 inputs; `Benchmarks/fuzz_protocol.sh` runs the same test with
/// AFFINITY_FUZZ_INPUTS=1000000 (and AFFINITY_FUZZ_SEED) and reports the count tried.
@Suite("Protocol fuzzing (frame decoder + request parser)")
struct ProtocolFuzzTests {
    static var inputs: Int { ProcessInfo.processInfo.environment["AFFINITY_FUZZ_INPUTS"].flatMap(Int.init) ?? 1_500 }
    static var seed: UInt64 { ProcessInfo.processInfo.environment["AFFINITY_FUZZ_SEED"].flatMap(UInt64.init) ?? 20_261_125 }

    @Test("hostile inputs: no crash, frames match the reference split, one well-formed error per bad frame")
    func fuzz() {
        var generator = FuzzInputGenerator(seed: Self.seed)
        let oracle = FrameFuzzOracle()
        var tally = FrameFuzzOracle.Tally()
        var failures = 0
        for i in 0..<Self.inputs {
            let (kind, bytes) = generator.next()
            let maxFrameBytes = [8, 64, 1024, ProtocolLimits.defaultMaxFrameBytes][generator.int(4)]
            // 0 to 7 cut points, sometimes one byte at a time for short inputs.
            var cuts: [Int]
            if bytes.count <= 64 && generator.chance(10) {
                cuts = Array(1..<max(bytes.count, 1))
            } else {
                cuts = (0..<generator.int(8)).map { _ in generator.int(bytes.count + 1) }.sorted()
            }
            let problems = oracle.check(bytes, maxFrameBytes: maxFrameBytes, chunkCuts: cuts, tally: &tally)
            tally.inputs += 1
            tally.byKind[kind.rawValue, default: 0] += 1
            if !problems.isEmpty {
                failures += 1
                if failures <= 5 {
                    Issue.record("input \(i) (\(kind), \(bytes.count) bytes, hex prefix \(bytes.prefix(48).map { String($0, radix: 16) })): \(problems.joined(separator: "; "))")
                }
            }
        }
        #expect(failures == 0, "\(failures) of \(tally.inputs) inputs mishandled")
        #expect(tally.inputs == Self.inputs)
        // The generator must reach every path, or the run proves little.
        #expect(tally.frames > 0 && tally.oversized > 0 && tally.errors > 0 && tally.parsed > 0)
        print("protocol fuzz: seed \(Self.seed), inputs tried \(tally.inputs), mishandled \(failures), frames \(tally.frames), oversized \(tally.oversized), parsed ok \(tally.parsed), error replies \(tally.errors), by kind \(tally.byKind.sorted { $0.key < $1.key })")
    }

    /// Exhaustive boundary cases the random run rarely hits: lines of max−1 … max+2 bytes,
    /// every terminator (none = end of stream), split at every single position.
    @Test("line lengths around maxFrameBytes, every terminator, every split point")
    func boundaries() {
        let oracle = FrameFuzzOracle()
        var tally = FrameFuzzOracle.Tally()
        for max in [1, 2, 8] {
            for length in Swift.max(1, max - 1)...(max + 2) {
                for terminator in ["", "\n", "\r", "\r\n"] {
                    let bytes = Array(String(repeating: "x", count: length).utf8) + Array(terminator.utf8) + Array("{}\n".utf8)
                    for cut in 0...bytes.count {
                        let problems = oracle.check(bytes, maxFrameBytes: max, chunkCuts: [cut], tally: &tally)
                        #expect(problems.isEmpty, "max \(max) length \(length) terminator \(terminator.debugDescription) cut \(cut): \(problems)")
                    }
                    let eof = Array(String(repeating: "x", count: length).utf8) + Array(terminator.utf8)
                    let problems = oracle.check(eof, maxFrameBytes: max, chunkCuts: [], tally: &tally)
                    #expect(problems.isEmpty, "at end of stream: max \(max) length \(length) terminator \(terminator.debugDescription): \(problems)")
                }
            }
        }
    }
}
