// See include/CKernelsCG.h. One implicit-ALS row solved by warm-started conjugate gradient,
// entirely in C: the right-hand side and the initial product A·x share one pass over the
// row's nonzeros (each fixed row is loaded once for both), and the CG bookkeeping on
// f-vectors runs inline instead of as BLAS level-1 calls. Written once as always-inline
// bodies, instantiated per instruction set and for f = 32/64/128 (fully unrolled).
// Summation order is fixed: results are bit-identical for the same ISA and inputs, and do
// not depend on which thread solves the row.
#include "CKernels.h"
#include <stdlib.h>
#include <string.h>
#include "simd16.h"

// ap = G·v + Σ_k e_k (y_k·v) y_k; when b is not NULL also b = Σ_{w_k > 0} c_k y_k in the
// same pass (each y_k loaded once).
INLINE void product(const float *restrict fixed, const float *restrict g, long f,
                    const int32_t *restrict indices, const float *restrict weights, long count,
                    float alpha, float offset, const float *restrict v, float *restrict ap,
                    float *restrict b) {
    symv16(g, v, ap, f);
    if (b) {
        long j = 0;
        for (; j + 16 <= f; j += 16) store16(b + j, (v16)0);
        for (; j < f; j++) b[j] = 0;
    }
    for (long k = 0; k < count; k++) {
        if (k + 4 < count) prefetch_row(fixed + (long)indices[k + 4] * f, f);
        const float w = weights[k];
        const float *y = fixed + (long)indices[k] * f;
        const float e = alpha * __builtin_fabsf(w) + offset;
        if (e != 0) axpy16(e * dot16(y, v, f), y, ap, f);
        if (b && w > 0) axpy16(alpha * w + offset + 1, y, b, f);
    }
}

// hsum of four vectors at once: returns {Σa, Σb, Σc, Σd} (fixed order).
INLINE v4 hsum4(v16 a, v16 b, v16 c, v16 d) {
    v8 ha = __builtin_shufflevector(a, a, 0, 1, 2, 3, 4, 5, 6, 7) + __builtin_shufflevector(a, a, 8, 9, 10, 11, 12, 13, 14, 15);
    v8 hb = __builtin_shufflevector(b, b, 0, 1, 2, 3, 4, 5, 6, 7) + __builtin_shufflevector(b, b, 8, 9, 10, 11, 12, 13, 14, 15);
    v8 hc = __builtin_shufflevector(c, c, 0, 1, 2, 3, 4, 5, 6, 7) + __builtin_shufflevector(c, c, 8, 9, 10, 11, 12, 13, 14, 15);
    v8 hd = __builtin_shufflevector(d, d, 0, 1, 2, 3, 4, 5, 6, 7) + __builtin_shufflevector(d, d, 8, 9, 10, 11, 12, 13, 14, 15);
    // [a0..a3 | b0..b3] and [c0..c3 | d0..d3], each lane a partial sum of four.
    v8 ab = __builtin_shufflevector(ha, hb, 0, 1, 2, 3, 8, 9, 10, 11) + __builtin_shufflevector(ha, hb, 4, 5, 6, 7, 12, 13, 14, 15);
    v8 cd = __builtin_shufflevector(hc, hd, 0, 1, 2, 3, 8, 9, 10, 11) + __builtin_shufflevector(hc, hd, 4, 5, 6, 7, 12, 13, 14, 15);
    // [a a b b c c d d], each lane a partial sum of eight.
    v8 m = __builtin_shufflevector(ab, cd, 0, 1, 4, 5, 8, 9, 12, 13) + __builtin_shufflevector(ab, cd, 2, 3, 6, 7, 10, 11, 14, 15);
    return __builtin_shufflevector(m, m, 0, 2, 4, 6) + __builtin_shufflevector(m, m, 1, 3, 5, 7);
}

// The fast product for f = NV·16 (NV a compile-time constant): v, the A·v accumulator and
// the right-hand side accumulator stay in registers, and nonzeros go four at a time so their
// dot products, reductions and updates overlap. Same contract as `product`.
#define MAXV 8
INLINE void product_v(const float *restrict fixed, const float *restrict g, const long NV,
                      const int32_t *restrict indices, const float *restrict weights, long count,
                      float alpha, float offset, const float *restrict v, float *restrict ap,
                      float *restrict b) {
    const long f = NV * 16;
    v16 vv[MAXV], acc[MAXV], acc2[MAXV], bacc[MAXV];
    for (long j = 0; j < NV; j++) { vv[j] = load16(v + 16 * j); acc[j] = 0; acc2[j] = 0; bacc[j] = 0; }
    // G·v: two interleaved accumulator sets halve the FMA latency chain.
    for (long r = 0; r + 1 < f; r += 2) {
        const float s0 = v[r], s1 = v[r + 1];
        for (long j = 0; j < NV; j++) {
            acc[j] += s0 * load16(g + r * f + 16 * j);
            acc2[j] += s1 * load16(g + (r + 1) * f + 16 * j);
        }
    }
    for (long j = 0; j < NV; j++) { acc[j] += acc2[j]; acc2[j] = 0; }
    const float one = offset + 1;
    long k = 0;
    for (; k + 4 <= count; k += 4) {
        for (long q = 4; q < 8; q++)
            if (k + q < count) prefetch_row(fixed + (long)indices[k + q] * f, f);
        const float *y0 = fixed + (long)indices[k] * f, *y1 = fixed + (long)indices[k + 1] * f;
        const float *y2 = fixed + (long)indices[k + 2] * f, *y3 = fixed + (long)indices[k + 3] * f;
        v16 d0 = 0, d1 = 0, d2 = 0, d3 = 0;
        for (long j = 0; j < NV; j++) {
            d0 += load16(y0 + 16 * j) * vv[j];
            d1 += load16(y1 + 16 * j) * vv[j];
            d2 += load16(y2 + 16 * j) * vv[j];
            d3 += load16(y3 + 16 * j) * vv[j];
        }
        const v4 w = {weights[k], weights[k + 1], weights[k + 2], weights[k + 3]};
        const v4 e = alpha * __builtin_elementwise_abs(w) + offset;
        const v4 c = e * hsum4(d0, d1, d2, d3);
        for (long j = 0; j < NV; j++) {
            acc[j] += c[0] * load16(y0 + 16 * j) + c[1] * load16(y1 + 16 * j);
            acc2[j] += c[2] * load16(y2 + 16 * j) + c[3] * load16(y3 + 16 * j);
        }
        if (b) {
            const v4 t = {w[0] > 0 ? alpha * w[0] + one : 0, w[1] > 0 ? alpha * w[1] + one : 0,
                          w[2] > 0 ? alpha * w[2] + one : 0, w[3] > 0 ? alpha * w[3] + one : 0};
            for (long j = 0; j < NV; j++)
                bacc[j] += (t[0] * load16(y0 + 16 * j) + t[1] * load16(y1 + 16 * j)) + (t[2] * load16(y2 + 16 * j) + t[3] * load16(y3 + 16 * j));
        }
    }
    for (; k < count; k++) {
        const float w = weights[k];
        const float *y = fixed + (long)indices[k] * f;
        v16 d = 0;
        for (long j = 0; j < NV; j++) d += load16(y + 16 * j) * vv[j];
        const float c = (alpha * __builtin_fabsf(w) + offset) * hsum16(d);
        const float t = w > 0 ? alpha * w + one : 0;
        for (long j = 0; j < NV; j++) {
            acc[j] += c * load16(y + 16 * j);
            if (b) bacc[j] += t * load16(y + 16 * j);
        }
    }
    for (long j = 0; j < NV; j++) {
        store16(ap + 16 * j, acc[j] + acc2[j]);
        if (b) store16(b + 16 * j, bacc[j]);
    }
}

INLINE long cg_body(const float *restrict fixed, long f, const float *restrict g,
                    const int32_t *restrict indices, const float *restrict weights, long count,
                    float alpha, float offset, long steps, float tolerance,
                    float *restrict x, float *restrict work, int fast) {
    float *restrict b = work, *restrict r = work + f, *restrict p = work + 2 * f, *restrict ap = work + 3 * f;
    if (fast) product_v(fixed, g, f / 16, indices, weights, count, alpha, offset, x, ap, b);
    else product(fixed, g, f, indices, weights, count, alpha, offset, x, ap, b);
    for (long j = 0; j < f; j++) { r[j] = b[j] - ap[j]; p[j] = r[j]; }
    float rs = dot16(r, r, f);
    const float threshold = tolerance * tolerance * dot16(b, b, f);
    if (!__builtin_isfinite(rs) || !__builtin_isfinite(threshold)) {
        // Overflow or NaN in the inputs: poison x so the caller's finiteness check names the row.
        for (long j = 0; j < f; j++) x[j] = __builtin_nanf("");
        return -1;
    }
    if (rs <= threshold) return 0;
    for (long step = 0; step < steps; step++) {
        if (fast) product_v(fixed, g, f / 16, indices, weights, count, alpha, offset, p, ap, 0);
        else product(fixed, g, f, indices, weights, count, alpha, offset, p, ap, 0);
        const float pap = dot16(p, ap, f);
        if (!__builtin_isfinite(pap)) {
            for (long j = 0; j < f; j++) x[j] = __builtin_nanf("");
            return -(step + 1);
        }
        if (!(pap > 0)) return -(step + 1);
        const float a = rs / pap;
        for (long j = 0; j < f; j++) { x[j] += a * p[j]; r[j] -= a * ap[j]; }
        const float rsNew = dot16(r, r, f);
        if (rsNew <= threshold) return step + 1;
        const float beta = rsNew / rs;
        for (long j = 0; j < f; j++) p[j] = r[j] + beta * p[j];
        rs = rsNew;
    }
    return steps;
}

#define CG_CALL(F, FAST) cg_body(fixed, F, g, indices, weights, count, alpha, offset, steps, tolerance, x, work, FAST)
#define DEFINE_CG(NAME, ATTR) \
    ATTR static long cg_##NAME(const float *fixed, long f, const float *g, const int32_t *indices, \
                               const float *weights, long count, float alpha, float offset, long steps, \
                               float tolerance, float *x, float *work) { \
        switch (f) { \
        case 32: return CG_CALL(32, 1); \
        case 64: return CG_CALL(64, 1); \
        case 128: return CG_CALL(128, 1); \
        default: return CG_CALL(f, 0); \
        } \
    }

DEFINE_CG(baseline, )

#if defined(__x86_64__)
DEFINE_CG(avx2, __attribute__((target("avx2,fma"))))
DEFINE_CG(avx512, __attribute__((target("avx512f,avx2,fma"))))
#endif

long affinity_cg_row(const float *fixed, long f, const float *gram, const int32_t *indices,
                     const float *weights, long count, float alpha, float offset, long steps,
                     float tolerance, float *x, float *work) {
#if defined(__x86_64__)
    switch (affinity_kernels_isa()) {
    case AFFINITY_ISA_AVX512: return cg_avx512(fixed, f, gram, indices, weights, count, alpha, offset, steps, tolerance, x, work);
    case AFFINITY_ISA_AVX2: return cg_avx2(fixed, f, gram, indices, weights, count, alpha, offset, steps, tolerance, x, work);
    default: break;
    }
#endif
    return cg_baseline(fixed, f, gram, indices, weights, count, alpha, offset, steps, tolerance, x, work);
}
