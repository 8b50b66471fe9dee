import Foundation

/// One finished iteration, reported to the caller's progress callback (the CLI draws a bar).
public struct ALSProgress: Sendable, Equatable {
    /// 1-based iteration just finished.
    public var iteration: Int
    public var iterations: Int
    /// Wall-clock seconds of this iteration (both half-sweeps and the NaN check).
    public var iterationSeconds: Double
    /// Seconds since the fit started (excluding setup before the first iteration).
    public var elapsedSeconds: Double
    /// Training loss after this iteration, when `ALSConfig.computeLoss` is on.
    public var loss: Double?

    /// Estimated seconds left, from the mean iteration time so far.
    public var etaSeconds: Double {
        iteration == 0 ? 0 : elapsedSeconds / Double(iteration) * Double(iterations - iteration)
    }
}

/// What a fit did: time per iteration and, when requested, the loss after each.
public struct ALSFitReport: Sendable, Equatable {
    public var iterationSeconds: [Double] = []
    public var losses: [Double] = []
    /// Wall-clock seconds of the whole fit, setup included (transpose, scratch, initialization).
    public var fitSeconds: Double = 0
    /// Process CPU seconds (all threads) spent in the iteration loop: a load-independent
    /// measure of work on a shared machine, beside the wall-clock figures.
    public var iterationCPUSeconds: Double = 0

    public init(iterationSeconds: [Double] = [], losses: [Double] = [], fitSeconds: Double = 0) {
        self.iterationSeconds = iterationSeconds
        self.losses = losses
        self.fitSeconds = fitSeconds
    }

    /// CPU seconds of the calling process so far (`CLOCK_PROCESS_CPUTIME_ID`).
    static func processCPUSeconds() -> Double {
        var t = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t)
        return Double(t.tv_sec) + Double(t.tv_nsec) * 1e-9
    }

    /// Median seconds per iteration (robust to one slow iteration on a shared machine).
    public var medianIterationSeconds: Double {
        guard !iterationSeconds.isEmpty else { return 0 }
        let s = iterationSeconds.sorted()
        let m = s.count / 2
        return s.count % 2 == 1 ? s[m] : (s[m - 1] + s[m]) / 2
    }
}
