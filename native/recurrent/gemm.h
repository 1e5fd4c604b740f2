/*
 * Small dense matrix products for the recurrent kernels, in WebAssembly SIMD (4 x f32 lanes).
 *   C[M x N] (=|+=) A(M x K) * B[K x N]
 * B and C are row-major with leading dimensions ldb and ldc; A is read through two strides, so the
 * same routine serves A (a_rs = lda, a_cs = 1) and A transposed (a_rs = 1, a_cs = lda).
 */
#ifndef RECURRENT_GEMM_H
#define RECURRENT_GEMM_H
#include <wasm_simd128.h>

typedef float f32;
typedef v128_t v4;

void gemm(int M, int N, int K, const f32 *A, int a_rs, int a_cs, const f32 *B, int ldb, f32 *C, int ldc, int accumulate);
/* dst[rows x cols] = src[cols x rows] transposed (both row-major). */
void transpose(int rows, int cols, const f32 *src, f32 *dst);

#endif
