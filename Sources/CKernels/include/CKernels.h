// CKernels: the per-nonzero inner loops of ALS, in C so they can be compiled for several
// instruction sets (baseline, AVX2+FMA, AVX-512) and chosen at run time by CPU feature.
// An implementation detail of AffinityRecommender: no stable API, no Swift types.
#ifndef AFFINITY_CKERNELS_H
#define AFFINITY_CKERNELS_H
#include <stdint.h>
#include "CKernelsCG.h"

// out[0..f) += sum_k (c_k - 1) * dot(Y[idx_k], v) * Y[idx_k], where c_k - 1 = alpha*|w_k| + offset.
void affinity_add_excess_projections(const float *fixed, long f, const int32_t *indices,
                                     const float *weights, long count, float alpha, float offset,
                                     const float *v, float *out);

// out[0..f) += sum_k c_k p_k * Y[idx_k], where c_k p_k = (w_k > 0) ? alpha*w_k + offset + 1 : 0.
void affinity_add_targets(const float *fixed, long f, const int32_t *indices, const float *weights,
                          long count, float alpha, float offset, float *out);

// out[0..f) = G v for a symmetric f x f row-major G (the Gram matrix of one half-sweep).
void affinity_symv(const float *g, long f, const float *v, float *out);

// The instruction set the kernels run with on this CPU: "avx512f", "avx2+fma" or "baseline".
const char *affinity_kernels_isa(void);

#endif
