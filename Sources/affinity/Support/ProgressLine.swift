import AffinityRecommender
import Foundation

/// Renders training progress on stderr: a redrawn bar on a terminal, one plain line per
/// iteration otherwise (logs, pipes, CI).
struct ProgressLine {
    let isTerminal = isatty(STDERR_FILENO) == 1

    func report(_ p: ALSProgress) {
        let loss = p.loss.map { String(format: "  loss %.6g", $0) } ?? ""
        let timing = String(format: "%.3f s/iter  ETA %.1f s", p.iterationSeconds, p.etaSeconds)
        if isTerminal {
            let width = 24, done = width * p.iteration / max(p.iterations, 1)
            let bar = String(repeating: "#", count: done) + String(repeating: ".", count: width - done)
            FileHandle.standardError.write(Data("\r[\(bar)] \(p.iteration)/\(p.iterations)  \(timing)\(loss)\u{1B}[K".utf8))
            if p.iteration == p.iterations { FileHandle.standardError.write(Data("\n".utf8)) }
        } else {
            FileHandle.standardError.write(Data("iteration \(p.iteration)/\(p.iterations)  \(timing)\(loss)\n".utf8))
        }
    }
}
