// CBLAS: cblas.h from OpenBLAS plus the LAPACK Fortran routines Affinity calls.
// Debian's OpenBLAS ships no LAPACKE, but libopenblas exports the Fortran symbols.
// Fortran passes every argument by reference and appends one hidden size_t length
// per CHARACTER argument. Matrices are column-major; for the symmetric matrices we
// solve, a row-major 'U' is a column-major 'L'.
#ifndef AFFINITY_CBLAS_SHIM_H
#define AFFINITY_CBLAS_SHIM_H
#include <cblas.h>
#include <stddef.h>

void spotrf_(const char *uplo, const int *n, float *a, const int *lda, int *info, size_t uplo_len);
void spotrs_(const char *uplo, const int *n, const int *nrhs, const float *a, const int *lda,
             float *b, const int *ldb, int *info, size_t uplo_len);
void sposv_(const char *uplo, const int *n, const int *nrhs, float *a, const int *lda,
            float *b, const int *ldb, int *info, size_t uplo_len);

void dpotrf_(const char *uplo, const int *n, double *a, const int *lda, int *info, size_t uplo_len);
void dpotri_(const char *uplo, const int *n, double *a, const int *lda, int *info, size_t uplo_len);

#endif
