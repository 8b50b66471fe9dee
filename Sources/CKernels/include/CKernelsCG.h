// CKernels, conjugate-gradient part: one implicit-ALS row solved in C (see cg_row.c).
#ifndef AFFINITY_CKERNELS_CG_H
#define AFFINITY_CKERNELS_CG_H
#include <stdint.h>

// Improves x[0..f) in place by at most `steps` warm-started CG steps on A·x = b, where
//   A = gram + sum_k e_k Y[idx_k] Y[idx_k]^T,  e_k = alpha*|w_k| + offset,
//   b = sum_{w_k > 0} (alpha*w_k + offset + 1) Y[idx_k],
// stopping once ||b - A x|| <= tolerance*||b||. `work` holds 4*f floats (any contents).
// Returns the steps run (0 if x already met the tolerance), or -(step) when the solve broke
// down at that step: p^T A p <= 0 leaves the last good iterate in x; a non-finite residual or
// p^T A p (overflow, NaN in the inputs) sets x to NaN so the caller's finiteness check sees it.
long affinity_cg_row(const float *fixed, long f, const float *gram, const int32_t *indices,
                     const float *weights, long count, float alpha, float offset, long steps,
                     float tolerance, float *x, float *work);

#endif
