// 16-wide float vector helpers shared by the CKernels sources (private to the target). They are
// always inlined into functions compiled for one instruction set, so the vector calling convention
// never crosses a function boundary. Summation order is fixed: results are deterministic.
#ifndef AFFINITY_SIMD16_H
#define AFFINITY_SIMD16_H
#include <string.h>

#pragma clang diagnostic ignored "-Wpsabi"

typedef float v16 __attribute__((ext_vector_type(16)));
typedef float v8 __attribute__((ext_vector_type(8)));
typedef float v4 __attribute__((ext_vector_type(4)));

#define INLINE static inline __attribute__((always_inline))

INLINE v16 load16(const float *p) { v16 v; memcpy(&v, p, sizeof v); return v; }
INLINE void store16(float *p, v16 v) { memcpy(p, &v, sizeof v); }

INLINE float hsum16(v16 a) {
    v8 h = __builtin_shufflevector(a, a, 0, 1, 2, 3, 4, 5, 6, 7) +
           __builtin_shufflevector(a, a, 8, 9, 10, 11, 12, 13, 14, 15);
    v4 q = __builtin_shufflevector(h, h, 0, 1, 2, 3) + __builtin_shufflevector(h, h, 4, 5, 6, 7);
    return (q[0] + q[2]) + (q[1] + q[3]);
}

// Σ x·y with four independent accumulators (breaks the FMA latency chain; fixed order).
INLINE float dot16(const float *restrict x, const float *restrict y, long f) {
    v16 a0 = 0, a1 = 0, a2 = 0, a3 = 0;
    long j = 0;
    for (; j + 64 <= f; j += 64) {
        a0 += load16(x + j) * load16(y + j);
        a1 += load16(x + j + 16) * load16(y + j + 16);
        a2 += load16(x + j + 32) * load16(y + j + 32);
        a3 += load16(x + j + 48) * load16(y + j + 48);
    }
    for (; j + 16 <= f; j += 16) a0 += load16(x + j) * load16(y + j);
    float s = hsum16((a0 + a1) + (a2 + a3));
    for (; j < f; j++) s += x[j] * y[j];
    return s;
}

// out += a·y
INLINE void axpy16(float a, const float *restrict y, float *restrict out, long f) {
    long j = 0;
    for (; j + 16 <= f; j += 16) store16(out + j, load16(out + j) + a * load16(y + j));
    for (; j < f; j++) out[j] += a * y[j];
}

// Hints the cache to fetch a row of f floats (rows are gathered at random; harmless once cached).
INLINE void prefetch_row(const float *row, long f) {
    for (long j = 0; j < f; j += 16) __builtin_prefetch(row + j);
}

// out = G·v for a symmetric f×f row-major G: row r of G is also its column r, so
// out = Σ_r v[r]·G[r,:], accumulated without horizontal sums.
INLINE void symv16(const float *restrict g, const float *restrict v, float *restrict out, long f) {
    long j = 0;
    for (; j + 16 <= f; j += 16) store16(out + j, (v16)0);
    for (; j < f; j++) out[j] = 0;
    for (long r = 0; r < f; r++) axpy16(v[r], g + r * f, out, f);
}
#endif
