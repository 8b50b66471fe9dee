import AffinityRecommender
import Foundation

/// Renders progress on stderr: a redrawn bar on a terminal, one plain line per step otherwise
/// (logs, pipes, CI). Training reports iterations; `affinity tune` reports trials.
struct ProgressLine {
    let isTerminal = isatty(STDERR_FILENO) == 1

    func report(_ p: ALSProgress) {
        let loss = p.loss.map { String(format: "  loss %.6g", $0) } ?? ""
        let timing = String(format: "%.3f s/iter  ETA %.1f s", p.iterationSeconds, p.etaSeconds)
        draw(step: p.iteration, of: p.iterations, label: "iteration", text: "\(timing)\(loss)")
    }

    func report(_ p: TuningProgress) {
        let result = p.score.map { String(format: "%.4f", $0) } ?? "failed: \(p.error ?? "")"
        let best = p.bestScore.map { String(format: "  best %.4f", $0) } ?? ""
        draw(step: p.trial, of: p.trials, label: "trial", text: "\(p.candidate.algorithm.rawValue) \(p.candidate.text) → \(result)\(best)")
    }

    private func draw(step: Int, of total: Int, label: String, text: String) {
        if isTerminal {
            let width = 24, done = width * step / max(total, 1)
            let bar = String(repeating: "#", count: done) + String(repeating: ".", count: width - done)
            FileHandle.standardError.write(Data("\r[\(bar)] \(step)/\(total)  \(text)\u{1B}[K".utf8))
            if step == total { FileHandle.standardError.write(Data("\n".utf8)) }
        } else {
            FileHandle.standardError.write(Data("\(label) \(step)/\(total)  \(text)\n".utf8))
        }
    }
}
