// CKernels: the per-nonzero inner loops of ALS, in C so they can be compiled for several
// instruction sets (baseline, AVX2+FMA, AVX-512) and chosen at run time by CPU feature.
// An implementation detail of AffinityRecommender: no stable API, no Swift types.
#ifndef AFFINITY_CKERNELS_H
#define AFFINITY_CKERNELS_H
#include <stdint.h>
#include "CKernelsCG.h"

// out[0..f) += sum_k c_k p_k * Y[idx_k], where c_k p_k = (w_k > 0) ? alpha*w_k + offset + 1 : 0.
void affinity_add_targets(const float *fixed, long f, const int32_t *indices, const float *weights,
                          long count, float alpha, float offset, float *out);

// The instruction set every kernel runs with: the best this CPU supports, capped by the
// environment variable AFFINITY_KERNELS=avx2|baseline (read once, for comparing the variants).
typedef enum affinity_isa { AFFINITY_ISA_BASELINE = 0, AFFINITY_ISA_AVX2 = 1, AFFINITY_ISA_AVX512 = 2 } affinity_isa;
affinity_isa affinity_kernels_isa(void);

// MARK: recommend scoring (scoring.c)

// Floats needed by the tiled item layout: items in tiles of 16, factor-major inside a tile
// (tile t, factor j, lane l at [(t*f + j)*16 + l]); positions past n are zero.
long affinity_tiles_count(long n, long f);

// Copies row-major item factors y (n x f) into the tiled layout, item order[p] at scan position p.
// The scoring calls expect order to list items by descending norm, and tile_norm[t] to be at least
// the norm of every item in tile t (the first one's, widened for rounding).
void affinity_tile_items(const float *y, long n, long f, const int32_t *order, float *tiles);

// out[b][i] = dot(x[b], item i) for b < batch, i < n. Each score is one fma chain in factor
// order (s = fma(x[j], y[j], s), j = 0..f-1): the same bits for any batch and instruction set.
void affinity_score_items(const float *tiles, const int32_t *order, long n, long f, long batch, const float *const *x,
                          float *const *out);

// Top min(k[b], n) items for each user b by (score desc, index asc), NaN never selected, skipping
// the sorted indices excluded[b][0..excluded_count[b]); scores as affinity_score_items. Stops
// scanning for a user once the norm bound of the remaining items is below its k-th best. Writes
// user b's list best first to out_index[b] / out_score[b] (room for min(k[b], n)) and its length
// to out_count[b].
void affinity_score_topk(const float *tiles, const int32_t *order, const double *tile_norm, long n, long f, long batch,
                         const float *const *x, const int32_t *const *excluded, const long *excluded_count,
                         const long *k, int32_t *const *out_index, float *const *out_score, long *out_count);

#endif
