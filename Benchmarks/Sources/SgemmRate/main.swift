// sgemm GFLOP/s through Affinity's BLAS wrappers, printed in the same format as
// c/sgemm_ref.c so sgemm_vs_c.sh can compare the two line by line.
//
// Usage: SgemmRate THREADS REPS
// For each shape: build inputs (not timed), one warm-up call, then REPS timed calls;
// prints "shape M N K threads T median_gflops G min_s S max_s S gflop_per_cpu_s G check X".
import AffinityNumerics
#if canImport(Glibc)
import Glibc
#endif

func seconds(_ clock: clockid_t = CLOCK_MONOTONIC) -> Double {
    var ts = timespec()
    clock_gettime(clock, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) * 1e-9
}

func median(_ v: [Double]) -> Double {
    let s = v.sorted()
    return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
}

let args = CommandLine.arguments
guard args.count == 3, let threads = Int(args[1]), let reps = Int(args[2]), threads >= 1, reps >= 1 else {
    print("usage: SgemmRate THREADS REPS")
    exit(2)
}
BLASThreads.set(threads)

// (M, N, K): scoring all users × items, an ALS-sized block, a square reference.
let shapes = [(10_000, 5_000, 64), (5_000, 64, 64), (2_048, 2_048, 2_048)]
for (m, n, k) in shapes {
    // Deterministic inputs in [-1, 1), the same formula as the C program.
    var a = Matrix(rows: m, cols: k), b = Matrix(rows: k, cols: n)
    for i in 0..<(m * k) { a.storage[i] = Float((i * 7) % 2001) / 1000 - 1 }
    for i in 0..<(k * n) { b.storage[i] = Float((i * 13) % 2001) / 1000 - 1 }
    var c = Matrix(rows: m, cols: n)
    var times: [Double] = [], cpu: [Double] = []
    a.withView { av in
        b.withView { bv in
            c.withMutableView { cv in
                BLAS.gemm(av, bv, cv)   // warm-up
                for _ in 0..<reps {
                    let t0 = seconds(), c0 = seconds(CLOCK_PROCESS_CPUTIME_ID)
                    BLAS.gemm(av, bv, cv)
                    times.append(seconds() - t0)
                    cpu.append(seconds(CLOCK_PROCESS_CPUTIME_ID) - c0)
                }
            }
        }
    }
    let flops = 2.0 * Double(m) * Double(n) * Double(k)
    print("shape \(m) \(n) \(k) threads \(threads) median_gflops \(flops / median(times) / 1e9) min_s \(times.min()!) max_s \(times.max()!) gflop_per_cpu_s \(flops / median(cpu) / 1e9) check \(c[m / 2, n / 2])")
}
