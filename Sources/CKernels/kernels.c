// See include/CKernels.h. Each kernel body is written once (an always-inline function over
// 16-wide vector types) and instantiated per instruction set with a target attribute; a
// constant f = 32/64/128 lets the compiler unroll fully and keep `out` in registers.
// Summation order is fixed, so results are bit-identical for the same ISA and inputs.
#include "CKernels.h"
#include <stdlib.h>
#include <string.h>
#include "simd16.h"

INLINE void prefetch_row(const float *row, long f) {
    for (long j = 0; j < f; j += 16) __builtin_prefetch(row + j);
}

INLINE void axpy(float a, const float *restrict y, float *restrict out, long f) {
    long j = 0;
    for (; j + 16 <= f; j += 16) store16(out + j, load16(out + j) + a * load16(y + j));
    for (; j < f; j++) out[j] += a * y[j];
}

INLINE void excess_body(const float *restrict fixed, long f, const int32_t *restrict indices,
                        const float *restrict weights, long count, float alpha, float offset,
                        const float *restrict v, float *restrict out) {
    for (long k = 0; k < count; k++) {
        // Rows are gathered at random; fetch a few nonzeros ahead (harmless once cached).
        if (k + 4 < count) prefetch_row(fixed + (long)indices[k + 4] * f, f);
        float e = alpha * __builtin_fabsf(weights[k]) + offset;
        if (e == 0) continue;
        const float *y = fixed + (long)indices[k] * f;
        axpy(e * dot16(y, v, f), y, out, f);
    }
}

INLINE void targets_body(const float *restrict fixed, long f, const int32_t *restrict indices,
                         const float *restrict weights, long count, float alpha, float offset,
                         float *restrict out) {
    for (long k = 0; k < count; k++) {
        if (k + 4 < count) prefetch_row(fixed + (long)indices[k + 4] * f, f);
        float w = weights[k];
        if (!(w > 0)) continue;
        axpy(alpha * w + offset + 1, fixed + (long)indices[k] * f, out, f);
    }
}

// out = G·v for a symmetric f×f G: row j of G is also its column j, so out = sum_j v[j]·G[j,:],
// accumulated in registers without horizontal sums (f = 64: 4 vectors of 16).
INLINE void symv_body(const float *restrict g, const float *restrict v, float *restrict out, long f) {
    long j = 0;
    for (; j + 16 <= f; j += 16) store16(out + j, (v16)0);
    for (; j < f; j++) out[j] = 0;
    for (long r = 0; r < f; r++) axpy(v[r], g + r * f, out, f);
}

#define SPECIALIZE(BODY, F, ...) \
    switch (F) { \
    case 32: BODY(__VA_ARGS__, 32); break; \
    case 64: BODY(__VA_ARGS__, 64); break; \
    case 128: BODY(__VA_ARGS__, 128); break; \
    default: BODY(__VA_ARGS__, F); break; \
    }

#define EXCESS_CALL(fixed, indices, weights, count, alpha, offset, v, out, F) \
    excess_body(fixed, F, indices, weights, count, alpha, offset, v, out)
#define TARGETS_CALL(fixed, indices, weights, count, alpha, offset, out, F) \
    targets_body(fixed, F, indices, weights, count, alpha, offset, out)

#define SYMV_CALL(g, v, out, F) symv_body(g, v, out, F)

#define DEFINE_VARIANT(NAME, ATTR) \
    ATTR static void symv_##NAME(const float *g, long f, const float *v, float *out) { \
        SPECIALIZE(SYMV_CALL, f, g, v, out) \
    } \
    ATTR static void excess_##NAME(const float *fixed, long f, const int32_t *indices, const float *weights, \
                                   long count, float alpha, float offset, const float *v, float *out) { \
        SPECIALIZE(EXCESS_CALL, f, fixed, indices, weights, count, alpha, offset, v, out) \
    } \
    ATTR static void targets_##NAME(const float *fixed, long f, const int32_t *indices, const float *weights, \
                                    long count, float alpha, float offset, float *out) { \
        SPECIALIZE(TARGETS_CALL, f, fixed, indices, weights, count, alpha, offset, out) \
    }

DEFINE_VARIANT(baseline, )

#if defined(__x86_64__)
DEFINE_VARIANT(avx2, __attribute__((target("avx2,fma"))))
DEFINE_VARIANT(avx512, __attribute__((target("avx512f,avx2,fma"))))

enum isa { ISA_BASELINE, ISA_AVX2, ISA_AVX512 };

static enum isa detect(void) {
    // AFFINITY_KERNELS=avx2|baseline caps the instruction set (for benchmarking the variants).
    // Read once; several threads may race to store the same value, so use atomics.
    static int cached = -1;
    int cap = __atomic_load_n(&cached, __ATOMIC_RELAXED);
    if (cap < 0) {
        const char *e = getenv("AFFINITY_KERNELS");
        cap = (e && strcmp(e, "baseline") == 0) ? ISA_BASELINE : (e && strcmp(e, "avx2") == 0) ? ISA_AVX2 : ISA_AVX512;
        __atomic_store_n(&cached, cap, __ATOMIC_RELAXED);
    }
    __builtin_cpu_init();
    if (cap == ISA_BASELINE) return ISA_BASELINE;
    if (cap == ISA_AVX2) return (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma")) ? ISA_AVX2 : ISA_BASELINE;
    if (__builtin_cpu_supports("avx512f")) return ISA_AVX512;
    if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma")) return ISA_AVX2;
    return ISA_BASELINE;
}
#endif

void affinity_add_excess_projections(const float *fixed, long f, const int32_t *indices,
                                     const float *weights, long count, float alpha, float offset,
                                     const float *v, float *out) {
#if defined(__x86_64__)
    switch (detect()) {
    case ISA_AVX512: excess_avx512(fixed, f, indices, weights, count, alpha, offset, v, out); return;
    case ISA_AVX2: excess_avx2(fixed, f, indices, weights, count, alpha, offset, v, out); return;
    default: break;
    }
#endif
    excess_baseline(fixed, f, indices, weights, count, alpha, offset, v, out);
}

void affinity_add_targets(const float *fixed, long f, const int32_t *indices, const float *weights,
                          long count, float alpha, float offset, float *out) {
#if defined(__x86_64__)
    switch (detect()) {
    case ISA_AVX512: targets_avx512(fixed, f, indices, weights, count, alpha, offset, out); return;
    case ISA_AVX2: targets_avx2(fixed, f, indices, weights, count, alpha, offset, out); return;
    default: break;
    }
#endif
    targets_baseline(fixed, f, indices, weights, count, alpha, offset, out);
}

void affinity_symv(const float *g, long f, const float *v, float *out) {
#if defined(__x86_64__)
    switch (detect()) {
    case ISA_AVX512: symv_avx512(g, f, v, out); return;
    case ISA_AVX2: symv_avx2(g, f, v, out); return;
    default: break;
    }
#endif
    symv_baseline(g, f, v, out);
}

const char *affinity_kernels_isa(void) {
#if defined(__x86_64__)
    switch (detect()) {
    case ISA_AVX512: return "avx512f";
    case ISA_AVX2: return "avx2+fma";
    default: break;
    }
#endif
    return "baseline";
}
