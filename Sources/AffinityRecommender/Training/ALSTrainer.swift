import AffinityData
public import AffinityNumerics
import Foundation

/// Trained factors: `users` is users×f and `items` is items×f, row-major Float32.
public struct ALSFactors: Sendable {
    public var users: Matrix
    public var items: Matrix
    public var report: ALSFitReport

    public init(users: Matrix, items: Matrix, report: ALSFitReport = ALSFitReport()) {
        self.users = users
        self.items = items
        self.report = report
    }
}

/// Hu–Koren–Volinsky implicit-feedback ALS.
///
/// Each iteration solves every item against fixed user factors, then every user against
/// fixed item factors, with the one `LeastSquares` routine; the final iteration's user
/// half-step always uses the exact Cholesky solve, so the returned user factors are the exact
/// solve against the returned item factors (what `ALSModel.foldIn` computes). YᵀY + λI is formed once per
/// half-sweep (`ssyrk` over a fixed number of row pieces, in parallel). Rows are cut into contiguous chunks of about equal cost
/// (nonzeros plus a per-row overhead), `chunksPerWorker` per worker, which the workers claim
/// dynamically, so a worker that drew heavy rows does not hold the others up at the end of a
/// half-sweep; each worker owns a scratch allocated before the loop, and OpenBLAS runs on one
/// thread for the whole fit. The factors being fitted live in cache-line-aligned memory
/// (`AlignedMatrix`) and are copied into the returned `Matrix` values at the end. Every row is
/// solved independently of which worker solves it,
/// so results are bit-identical for the same input and seed at any thread count (on the
/// same instruction set). Every solved row is checked for NaN/Inf as it is written.
public struct ALSTrainer: Sendable {
    public let config: ALSConfig

    public init(config: ALSConfig) { self.config = config }

    /// Fits factors to `matrix` (users × items, weights summed per pair), after reshaping its
    /// weights by `config.weightTransform`.
    ///
    /// - Parameters:
    ///   - userIDs, itemIDs: external IDs, used only to name a failing row in errors.
    ///   - progress: called on the calling thread after every iteration.
    /// - Throws: `RecommenderError.invalidParameter` (config), `.invalidInput` (empty),
    ///   `.nonFinite` (NaN/Inf in weights or factors), `.notPositiveDefinite` (Cholesky).
    public func fit(_ matrix: CSRMatrix, userIDs: [String]? = nil, itemIDs: [String]? = nil,
                    progress: ((ALSProgress) -> Void)? = nil) throws(RecommenderError) -> ALSFactors {
        try config.validate()
        guard matrix.rows > 0, matrix.cols > 0, matrix.nnz > 0 else {
            throw .invalidInput("nothing to train on: \(matrix.rows) users, \(matrix.cols) items, \(matrix.nnz) interactions")
        }
        let name = { (side: String, row: Int) -> String in
            let ids = side == "user" ? userIDs : itemIDs
            return ids.map { row < $0.count ? $0[row] : "#\(row)" } ?? "#\(row)"
        }
        if let bad = matrix.values.firstIndex(where: { !$0.isFinite }) {
            let row = matrix.rowPointers.lastIndex(where: { $0 <= bad }) ?? 0
            let item = Int(matrix.columns[bad])
            throw .nonFinite(what: "the weight of user '\(name("user", row))' on item '\(name("item", item))'",
                             fix: "clean the input (every weight must be a finite number)")
        }
        let started = ContinuousClock.now
        let matrix = config.weightTransform.transformed(matrix)
        let f = config.factors
        let byItem = matrix.transposed()
        // Cache-line-aligned factors (`AlignedMatrix`): every step gathers fixed rows at random.
        let users = AlignedMatrix(rows: matrix.rows, cols: f)
        let items = AlignedMatrix(rows: matrix.cols, cols: f)
        var rng = Xoshiro256(seed: config.seed)
        for i in users.elements.indices { users.elements[i] = rng.nextFloat() * 0.01 }
        for i in items.elements.indices { items.elements[i] = rng.nextFloat() * 0.01 }

        let workers = max(1, min(config.threads, max(matrix.rows, matrix.cols)))
        let userBlocks = Self.partition(matrix, workers: workers, f: f)
        let chunks = workers == 1 ? 1 : workers * Self.chunksPerWorker
        let userChunks = Self.partition(matrix, workers: chunks, f: f)
        let itemChunks = Self.partition(byItem, workers: chunks, f: f)
        // Cholesky gathers a row's fixed factors: room for the longest row it will solve (with
        // CG only the final, exact user half-step, so only users).
        let longest = config.solver == .cholesky ? max(Self.longestRow(matrix), Self.longestRow(byItem)) : Self.longestRow(matrix)
        let scratches = (0..<workers).map { _ in LeastSquaresScratch(factors: f, rowCapacity: longest) }
        let confidence = Confidence(alpha: config.alpha, convention: config.confidence)
        var gram = Matrix(rows: f, cols: f)
        var gramPieces = Matrix(rows: Self.gramPieces * f, cols: f)

        let previousBLASThreads = BLASThreads.current
        BLASThreads.set(1)
        defer { BLASThreads.set(previousBLASThreads) }

        var report = ALSFitReport()
        let loopStart = ContinuousClock.now
        let cpuStart = ALSFitReport.processCPUSeconds()
        for iteration in 1...config.iterations {
            let t0 = ContinuousClock.now
            // Items given users, then users given items (Spark's order), so the saved user
            // factors are a solve against the saved item factors. The last user half-step is
            // exact (Cholesky, whatever the solver): `ALSModel.foldIn` of a user's stored
            // history then reproduces the stored factors bit for bit.
            let userSolver = iteration == config.iterations ? ALSSolver.cholesky : config.solver
            for side in ["item", "user"] {
                let failed = side == "user"
                    ? Self.halfSweep(users.mutableView, fixed: items.view, csr: matrix, blocks: userChunks, gram: &gram, gramPieces: &gramPieces,
                                     regularization: config.regularization, scaling: config.regularizationScaling,
                                     confidence: confidence, solver: userSolver, scratches: scratches)
                    : Self.halfSweep(items.mutableView, fixed: users.view, csr: byItem, blocks: itemChunks, gram: &gram, gramPieces: &gramPieces,
                                     regularization: config.regularization, scaling: config.regularizationScaling,
                                     confidence: confidence, solver: config.solver, scratches: scratches)
                if let row = failed.notPositiveDefinite { throw .notPositiveDefinite(side: side, row: row, id: name(side, row)) }
                if let row = failed.nonFinite {
                    throw .nonFinite(what: "after iteration \(iteration), the factors of \(side) '\(name(side, row))' (row \(row))",
                                     fix: "raise --regularization or lower --alpha, and check the input weights for extreme values")
                }
            }
            var loss: Double?
            if config.computeLoss {
                loss = Self.loss(users: users.view, items: items.view, matrix: matrix, byItem: byItem, confidence: confidence,
                                 regularization: config.regularization, scaling: config.regularizationScaling,
                                 blocks: userBlocks, scratches: scratches)
                report.losses.append(loss!)
            }
            let seconds = (ContinuousClock.now - t0).inSeconds
            report.iterationSeconds.append(seconds)
            progress?(ALSProgress(iteration: iteration, iterations: config.iterations, iterationSeconds: seconds,
                                  elapsedSeconds: (ContinuousClock.now - loopStart).inSeconds, loss: loss))
        }
        report.iterationCPUSeconds = ALSFitReport.processCPUSeconds() - cpuStart
        _ = consume byItem  // before the factors are copied out, so the copies do not raise the peak memory
        let (userFactors, itemFactors) = (users.matrix(), items.matrix())
        report.fitSeconds = (ContinuousClock.now - started).inSeconds
        return ALSFactors(users: userFactors, items: itemFactors, report: report)
    }

    /// Row chunks per worker for dynamic scheduling: enough that the last chunk to finish
    /// costs little, few enough that claiming one (an atomic add) is negligible.
    static let chunksPerWorker = 32
}
