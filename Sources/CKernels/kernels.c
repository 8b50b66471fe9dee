// See include/CKernels.h. Each kernel body is written once (an always-inline function over
// 16-wide vector types) and instantiated per instruction set with a target attribute; a
// constant f = 32/64/128 lets the compiler unroll fully and keep `out` in registers.
// Summation order is fixed, so results are bit-identical for the same ISA and inputs.
#include "CKernels.h"
#include <stdlib.h>
#include <string.h>
#include "simd16.h"

INLINE void targets_body(const float *restrict fixed, long f, const int32_t *restrict indices,
                         const float *restrict weights, long count, float alpha, float offset,
                         float *restrict out) {
    for (long k = 0; k < count; k++) {
        if (k + 4 < count) prefetch_row(fixed + (long)indices[k + 4] * f, f);
        float w = weights[k];
        if (!(w > 0)) continue;
        axpy16(alpha * w + offset + 1, fixed + (long)indices[k] * f, out, f);
    }
}

#define SPECIALIZE(BODY, F, ...) \
    switch (F) { \
    case 32: BODY(__VA_ARGS__, 32); break; \
    case 64: BODY(__VA_ARGS__, 64); break; \
    case 128: BODY(__VA_ARGS__, 128); break; \
    default: BODY(__VA_ARGS__, F); break; \
    }

#define TARGETS_CALL(fixed, indices, weights, count, alpha, offset, out, F) \
    targets_body(fixed, F, indices, weights, count, alpha, offset, out)

#define DEFINE_VARIANT(NAME, ATTR) \
    ATTR static void targets_##NAME(const float *fixed, long f, const int32_t *indices, const float *weights, \
                                    long count, float alpha, float offset, float *out) { \
        SPECIALIZE(TARGETS_CALL, f, fixed, indices, weights, count, alpha, offset, out) \
    }

DEFINE_VARIANT(baseline, )

#if defined(__x86_64__)
DEFINE_VARIANT(avx2, __attribute__((target("avx2,fma"))))
DEFINE_VARIANT(avx512, __attribute__((target("avx512f,avx2,fma"))))

static affinity_isa detect(void) {
    // AFFINITY_KERNELS=avx2|baseline caps the instruction set (for benchmarking the variants).
    // Read once; several threads may race to store the same value, so use atomics.
    static int cached = -1;
    int cap = __atomic_load_n(&cached, __ATOMIC_RELAXED);
    if (cap < 0) {
        const char *e = getenv("AFFINITY_KERNELS");
        cap = (e && strcmp(e, "baseline") == 0) ? AFFINITY_ISA_BASELINE : (e && strcmp(e, "avx2") == 0) ? AFFINITY_ISA_AVX2 : AFFINITY_ISA_AVX512;
        __atomic_store_n(&cached, cap, __ATOMIC_RELAXED);
    }
    __builtin_cpu_init();
    if (cap == AFFINITY_ISA_BASELINE) return AFFINITY_ISA_BASELINE;
    if (cap == AFFINITY_ISA_AVX2) return (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma")) ? AFFINITY_ISA_AVX2 : AFFINITY_ISA_BASELINE;
    if (__builtin_cpu_supports("avx512f")) return AFFINITY_ISA_AVX512;
    if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma")) return AFFINITY_ISA_AVX2;
    return AFFINITY_ISA_BASELINE;
}
#endif

void affinity_add_targets(const float *fixed, long f, const int32_t *indices, const float *weights,
                          long count, float alpha, float offset, float *out) {
#if defined(__x86_64__)
    switch (detect()) {
    case AFFINITY_ISA_AVX512: targets_avx512(fixed, f, indices, weights, count, alpha, offset, out); return;
    case AFFINITY_ISA_AVX2: targets_avx2(fixed, f, indices, weights, count, alpha, offset, out); return;
    default: break;
    }
#endif
    targets_baseline(fixed, f, indices, weights, count, alpha, offset, out);
}

affinity_isa affinity_kernels_isa(void) {
#if defined(__x86_64__)
    return detect();
#else
    return AFFINITY_ISA_BASELINE;
#endif
}
