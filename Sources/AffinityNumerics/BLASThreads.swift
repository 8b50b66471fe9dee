import CBLAS

/// The one place where Affinity sets OpenBLAS's own thread count.
///
/// Affinity parallelizes over rows itself (see `Parallel`), so OpenBLAS runs on one
/// thread inside those regions. Large single calls (benchmarks, batch scoring) may
/// raise it explicitly. Never left to `OPENBLAS_NUM_THREADS`.
public enum BLASThreads {
    /// Sets OpenBLAS's thread count (clamped to ≥ 1) for all later BLAS/LAPACK calls in
    /// the process. It is process-global: call it from one place (program start, or
    /// around a parallel region), never while another thread is inside a BLAS call.
    /// Results may differ in the last bits between thread counts.
    public static func set(_ n: Int) {
        openblas_set_num_threads(Int32(max(1, n)))
    }

    /// OpenBLAS's current thread count.
    public static var current: Int { Int(openblas_get_num_threads()) }

    /// The number of processors OpenBLAS sees.
    public static var processors: Int { Int(openblas_get_num_procs()) }

    /// OpenBLAS's build configuration string, e.g. "OpenBLAS 0.3.21 DYNAMIC_ARCH ... Haswell MAX_THREADS=64".
    public static var configuration: String {
        guard let c = openblas_get_config() else { return "unknown" }
        return String(cString: c)
    }

    /// The kernel family OpenBLAS selected for this CPU.
    public static var coreName: String {
        guard let c = openblas_get_corename() else { return "unknown" }
        return String(cString: c)
    }
}
