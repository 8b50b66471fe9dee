// See include/CKernels.h. Scoring for recommend: dot(user, item) for every item, for a batch of
// users at once, with a fused top-k. Item factors are read in a tiled layout (16 items per tile,
// factor-major inside a tile) so that 16 scores are one vector and a group of tiles stays in L1
// while every user of the batch is scored against it: a batch reads the item factors once.
//
// Numerics: each score is ONE chain of fused multiply-adds in factor order,
//     s = 0; for j in 0..<f: s = fma(x[j], y[j], s)
// whatever the batch size, the grouping of users or the instruction set (the baseline variant
// calls the same correctly rounded fma), so a batched score equals the single-request score bit
// for bit. docs/NUMERICS.md states the error bound.
#include "CKernels.h"
#include <stdlib.h>
#include <string.h>

#pragma clang diagnostic ignored "-Wpsabi"

typedef float sv16 __attribute__((ext_vector_type(16)));
typedef int si16 __attribute__((ext_vector_type(16)));

#define TILE 16
#define GROUP 4  // tiles scored together: 4 × 16 items × 64 factors × 4 B = 16 KiB at f = 64
#define SINLINE static inline __attribute__((always_inline))

SINLINE sv16 sload(const float *p) { sv16 v; memcpy(&v, p, sizeof v); return v; }
SINLINE void sstore(float *p, sv16 v) { memcpy(p, &v, sizeof v); }
SINLINE sv16 smadd(float a, sv16 b, sv16 c) { return __builtin_elementwise_fma((sv16)a, b, c); }

long affinity_tiles_count(long n, long f) { return ((n + TILE - 1) / TILE) * TILE * f; }

void affinity_tile_items(const float *y, long n, long f, const int32_t *order, float *tiles) {
    long tiles_n = (n + TILE - 1) / TILE;
    for (long t = 0; t < tiles_n; t++) {
        float *dst = tiles + t * f * TILE;
        for (long l = 0; l < TILE; l++) {
            long p = t * TILE + l;
            for (long j = 0; j < f; j++) dst[j * TILE + l] = p < n ? y[(long)order[p] * f + j] : 0.0f;
        }
    }
}

// Scores of U users (1 or 2) against G consecutive tiles (1..GROUP): U·G independent fma chains.
#define KERNEL(U, G) \
    SINLINE void kern_##U##x##G(const float *t, long f, const float *const *x, sv16 out[U][G]) { \
        sv16 acc[U][G]; \
        for (int u = 0; u < U; u++) for (int g = 0; g < G; g++) acc[u][g] = 0; \
        for (long j = 0; j < f; j++) \
            for (int g = 0; g < G; g++) { \
                sv16 y = sload(t + g * f * TILE + j * TILE); \
                for (int u = 0; u < U; u++) acc[u][g] = smadd(x[u][j], y, acc[u][g]); \
            } \
        for (int u = 0; u < U; u++) for (int g = 0; g < G; g++) out[u][g] = acc[u][g]; \
    }
KERNEL(2, 4)
KERNEL(1, 4)
KERNEL(1, 1)

// Scores users [0, B) against tiles [t0, t0 + g) and hands each (user, tile) vector to SINK.
#define FOR_GROUP(tiles, f, t0, g, B, x, SINK) do { \
    const float *base_ = (tiles) + (t0) * (f) * TILE; \
    if ((g) == GROUP) { \
        long b_ = 0; \
        for (; b_ + 2 <= (B); b_ += 2) { \
            sv16 s_[2][GROUP]; kern_2x4(base_, f, (x) + b_, s_); \
            for (int u_ = 0; u_ < 2; u_++) for (int g_ = 0; g_ < GROUP; g_++) SINK(b_ + u_, (t0) + g_, s_[u_][g_]); \
        } \
        for (; b_ < (B); b_++) { \
            sv16 s_[1][GROUP]; kern_1x4(base_, f, (x) + b_, s_); \
            for (int g_ = 0; g_ < GROUP; g_++) SINK(b_, (t0) + g_, s_[0][g_]); \
        } \
    } else { \
        for (long b_ = 0; b_ < (B); b_++) for (long g_ = 0; g_ < (g); g_++) { \
            sv16 s_[1][1]; kern_1x1(base_ + g_ * (f) * TILE, f, (x) + b_, s_); \
            SINK(b_, (t0) + g_, s_[0][0]); \
        } \
    } \
} while (0)

// MARK: plain scores

SINLINE void scores_body(const float *tiles, const int32_t *order, long n, long f, long B, const float *const *x,
                         float *const *out) {
    long tiles_n = (n + TILE - 1) / TILE;
#define STORE_SINK(b, t, v) do { \
        long i0_ = (t) * TILE; \
        for (long l_ = 0; l_ < TILE && i0_ + l_ < n; l_++) out[b][order[i0_ + l_]] = (v)[l_]; \
    } while (0)
    for (long t0 = 0; t0 < tiles_n; t0 += GROUP) {
        long g = tiles_n - t0 < GROUP ? tiles_n - t0 : GROUP;
        FOR_GROUP(tiles, f, t0, g, B, x, STORE_SINK);
    }
#undef STORE_SINK
}

// MARK: fused top-k

// A bounded min-heap by rank (root = worst kept), ranking by score descending then index
// ascending, as AffinityNumerics.TopK: the selected set is the unique top-k of that total order.
typedef struct {
    int32_t *index;
    float *score;
    long count, cap;
    float worst;
    const int32_t *excluded;  // sorted ascending
    long excluded_n;
    int done;  // no later item can enter (norm bound below the k-th best)
} topk_state;

SINLINE int better(float sa, int32_t ia, float sb, int32_t ib) { return sa > sb || (sa == sb && ia < ib); }

SINLINE void swap_entry(topk_state *h, long a, long b) {
    float s = h->score[a]; h->score[a] = h->score[b]; h->score[b] = s;
    int32_t i = h->index[a]; h->index[a] = h->index[b]; h->index[b] = i;
}

static void sift_down(topk_state *h, long i, long n) {
    for (;;) {
        long l = 2 * i + 1, r = l + 1, w = i;
        if (l < n && better(h->score[w], h->index[w], h->score[l], h->index[l])) w = l;
        if (r < n && better(h->score[w], h->index[w], h->score[r], h->index[r])) w = r;
        if (w == i) return;
        swap_entry(h, i, w);
        i = w;
    }
}

static int is_excluded(const topk_state *h, int32_t i) {
    long lo = 0, hi = h->excluded_n;
    while (lo < hi) {
        long mid = (lo + hi) / 2;
        if (h->excluded[mid] < i) lo = mid + 1; else hi = mid;
    }
    return lo < h->excluded_n && h->excluded[lo] == i;
}

static void offer(topk_state *h, int32_t i, float s) {
    if (h->count < h->cap) {
        if (s != s || is_excluded(h, i)) return;
        long c = h->count++;
        h->score[c] = s; h->index[c] = i;
        while (c > 0) {
            long p = (c - 1) / 2;
            if (!better(h->score[p], h->index[p], h->score[c], h->index[c])) break;
            swap_entry(h, p, c);
            c = p;
        }
        if (h->count == h->cap) h->worst = h->score[0];
        return;
    }
    // Items are scanned by norm, not index: a tie with the worst kept entry wins on a smaller index.
    // NaN fails both compares.
    if (!(s > h->worst || (s == h->worst && i < h->index[0])) || is_excluded(h, i)) return;
    h->score[0] = s; h->index[0] = i;
    sift_down(h, 0, h->count);
    h->worst = h->score[0];
}

// Sorts the heap best first (pop the worst to the back).
static void finish(topk_state *h) {
    for (long n = h->count; n > 1; n--) {
        swap_entry(h, 0, n - 1);
        sift_down(h, 0, n - 1);
    }
}

SINLINE void offer_tile(topk_state *h, long t, long n, const int32_t *order, sv16 v) {
    long i0 = t * TILE, lanes = n - i0 < TILE ? n - i0 : TILE;
    if (h->count < h->cap) {  // filling: the first cap admissible items, lane by lane
        for (long l = 0; l < lanes; l++) offer(h, order[i0 + l], v[l]);
        return;
    }
    // Full heap: one vector compare against the k-th best (>=: a tie may win on index); only those
    // lanes are offered (each offer re-checks against the worst kept entry, which may have changed).
    si16 above = v >= (sv16)h->worst;
    if (!__builtin_reduce_or(above)) return;
    for (long l = 0; l < lanes; l++)
        if (above[l]) offer(h, order[i0 + l], v[l]);
}

// Items are scanned in descending norm order, so once ‖x‖·‖y‖ for the next tile's first (largest)
// item, widened by the rounding of an fma chain (γ_f ≤ 2f·2⁻²⁴) and a margin for the Double norms,
// is below the k-th best score, no later item can enter the heap and the user is done.
SINLINE void topk_body(const float *tiles, const int32_t *order, const double *tile_norm, long n, long f, long B,
                       const float *const *x, topk_state *h) {
    long tiles_n = (n + TILE - 1) / TILE;
    double xnorm[64], slack = 1.0 + 2.0 * (double)f * 0x1p-24 + 1e-9;
    for (long b = 0; b < B; b++) {
        double q = 0;
        for (long j = 0; j < f; j++) q += (double)x[b][j] * (double)x[b][j];
        xnorm[b] = __builtin_sqrt(q) * slack;
    }
    const float *xa[64];
    long act[64];
#define TOPK_SINK(b, t, v) offer_tile(&h[act[b]], t, n, order, v)
    for (long t0 = 0; t0 < tiles_n; t0 += GROUP) {
        long m = 0;
        for (long b = 0; b < B; b++) {
            if (h[b].done) continue;
            if (h[b].count == h[b].cap && (h[b].cap == 0 || xnorm[b] * tile_norm[t0] < (double)h[b].worst)) {
                h[b].done = 1;
                continue;
            }
            act[m] = b;
            xa[m++] = x[b];
        }
        if (m == 0) break;
        long g = tiles_n - t0 < GROUP ? tiles_n - t0 : GROUP;
        FOR_GROUP(tiles, f, t0, g, m, xa, TOPK_SINK);
    }
#undef TOPK_SINK
}

// MARK: variants and dispatch

#define SPECIALIZE_F(CALL, F) \
    switch (F) { \
    case 32: CALL(32); break; \
    case 64: CALL(64); break; \
    case 128: CALL(128); break; \
    default: CALL(F); break; \
    }

#define DEFINE_SCORING(NAME, ATTR) \
    ATTR static void scores_##NAME(const float *tiles, const int32_t *order, long n, long f, long B, const float *const *x, \
                                   float *const *out) { \
        SPECIALIZE_F(SCORES_CALL, f) \
    } \
    ATTR static void topk_##NAME(const float *tiles, const int32_t *order, const double *tile_norm, long n, long f, long B, \
                                 const float *const *x, topk_state *h) { \
        SPECIALIZE_F(TOPK_CALL, f) \
    }
#define SCORES_CALL(F) scores_body(tiles, order, n, F, B, x, out)
#define TOPK_CALL(F) topk_body(tiles, order, tile_norm, n, F, B, x, h)

DEFINE_SCORING(baseline, )
#if defined(__x86_64__)
DEFINE_SCORING(avx2, __attribute__((target("avx2,fma"))))
DEFINE_SCORING(avx512, __attribute__((target("avx512f,avx512vl,avx2,fma"))))
#endif

void affinity_score_items(const float *tiles, const int32_t *order, long n, long f, long batch, const float *const *x,
                          float *const *out) {
    if (n <= 0 || batch <= 0) return;
#if defined(__x86_64__)
    switch (affinity_kernels_isa()) {
    case AFFINITY_ISA_AVX512: scores_avx512(tiles, order, n, f, batch, x, out); return;
    case AFFINITY_ISA_AVX2: scores_avx2(tiles, order, n, f, batch, x, out); return;
    default: break;
    }
#endif
    scores_baseline(tiles, order, n, f, batch, x, out);
}

void affinity_score_topk(const float *tiles, const int32_t *order, const double *tile_norm, long n, long f, long batch,
                         const float *const *x, const int32_t *const *excluded, const long *excluded_count,
                         const long *k, int32_t *const *out_index, float *const *out_score, long *out_count) {
    if (batch <= 0) return;
    if (n <= 0) {
        for (long b = 0; b < batch; b++) out_count[b] = 0;
        return;
    }
    if (batch > 64) {  // the per-call state is sized for 64 users
        for (long b = 0; b < batch; b += 64)
            affinity_score_topk(tiles, order, tile_norm, n, f, batch - b < 64 ? batch - b : 64, x + b, excluded + b,
                                excluded_count + b, k + b, out_index + b, out_score + b, out_count + b);
        return;
    }
    topk_state h[64];
    for (long b = 0; b < batch; b++) {
        long cap = k[b] < n ? k[b] : n;
        h[b] = (topk_state){.index = out_index[b], .score = out_score[b], .count = 0, .cap = cap > 0 ? cap : 0,
                            .worst = 0, .excluded = excluded[b], .excluded_n = excluded_count[b], .done = 0};
    }
#if defined(__x86_64__)
    switch (affinity_kernels_isa()) {
    case AFFINITY_ISA_AVX512: topk_avx512(tiles, order, tile_norm, n, f, batch, x, h); break;
    case AFFINITY_ISA_AVX2: topk_avx2(tiles, order, tile_norm, n, f, batch, x, h); break;
    default: topk_baseline(tiles, order, tile_norm, n, f, batch, x, h); break;
    }
#else
    topk_baseline(tiles, order, tile_norm, n, f, batch, x, h);
#endif
    for (long b = 0; b < batch; b++) {
        finish(&h[b]);
        out_count[b] = h[b].count;
    }
}
