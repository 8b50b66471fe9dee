/* sgemm GFLOP/s of OpenBLAS called directly from C: the peer for Affinity's wrappers.
 * Same shapes, inputs, warm-up and timing protocol as Sources/SgemmRate/main.swift.
 * Build: gcc -O2 sgemm_ref.c $(pkg-config --cflags --libs openblas) -o sgemm_ref
 * Usage: sgemm_ref THREADS REPS
 * Prints per shape: median wall-clock GFLOP/s, fastest and slowest call, and GFLOP per
 * second of process CPU time (less sensitive to other processes taking the cores). */
#include <cblas.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

void openblas_set_num_threads(int);

static double seconds(clockid_t clock) {
    struct timespec ts;
    clock_gettime(clock, &ts);
    return ts.tv_sec + ts.tv_nsec * 1e-9;
}

static int by_value(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

int main(int argc, char **argv) {
    if (argc != 3) { fprintf(stderr, "usage: sgemm_ref THREADS REPS\n"); return 2; }
    int threads = atoi(argv[1]), reps = atoi(argv[2]);
    if (threads < 1 || reps < 1) { fprintf(stderr, "THREADS and REPS must be >= 1\n"); return 2; }
    openblas_set_num_threads(threads);
    const int shapes[3][3] = {{10000, 5000, 64}, {5000, 64, 64}, {2048, 2048, 2048}};
    for (int s = 0; s < 3; s++) {
        int m = shapes[s][0], n = shapes[s][1], k = shapes[s][2];
        float *a = malloc(sizeof(float) * (size_t)m * k);
        float *b = malloc(sizeof(float) * (size_t)k * n);
        float *c = calloc((size_t)m * n, sizeof(float));
        double *times = malloc(sizeof(double) * reps), *cpu = malloc(sizeof(double) * reps);
        if (!a || !b || !c || !times || !cpu) { fprintf(stderr, "out of memory\n"); return 1; }
        for (long i = 0; i < (long)m * k; i++) a[i] = (float)((i * 7) % 2001) / 1000 - 1;
        for (long i = 0; i < (long)k * n; i++) b[i] = (float)((i * 13) % 2001) / 1000 - 1;
        cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, m, n, k, 1, a, k, b, n, 0, c, n);
        for (int r = 0; r < reps; r++) {
            double t0 = seconds(CLOCK_MONOTONIC), c0 = seconds(CLOCK_PROCESS_CPUTIME_ID);
            cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, m, n, k, 1, a, k, b, n, 0, c, n);
            times[r] = seconds(CLOCK_MONOTONIC) - t0;
            cpu[r] = seconds(CLOCK_PROCESS_CPUTIME_ID) - c0;
        }
        qsort(times, reps, sizeof(double), by_value);
        qsort(cpu, reps, sizeof(double), by_value);
        double median = reps % 2 ? times[reps / 2] : (times[reps / 2 - 1] + times[reps / 2]) / 2;
        double medianCPU = reps % 2 ? cpu[reps / 2] : (cpu[reps / 2 - 1] + cpu[reps / 2]) / 2;
        double flops = 2.0 * m * n * k;
        printf("shape %d %d %d threads %d median_gflops %.3f min_s %.6f max_s %.6f gflop_per_cpu_s %.3f check %g\n",
               m, n, k, threads, flops / median / 1e9, times[0], times[reps - 1], flops / medianCPU / 1e9,
               c[(long)(m / 2) * n + n / 2]);
        free(a); free(b); free(c); free(times); free(cpu);
    }
    return 0;
}
