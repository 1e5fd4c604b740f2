/* See gemm.h. Blocks of 4 rows x 8 columns are kept in 8 SIMD registers over a slice of K. */
#include "gemm.h"

#define KC 256

static inline v4 ld(const f32 *p) { return wasm_v128_load(p); }
static inline void st(f32 *p, v4 v) { wasm_v128_store(p, v); }
static inline v4 splat(const f32 *p) { return wasm_v128_load32_splat(p); }
#ifdef __wasm_relaxed_simd__
/* The relaxed build (recurrent-relaxed.wasm): a fused multiply-add where the CPU has one. */
static inline v4 madd(v4 acc, v4 a, v4 b) { return wasm_f32x4_relaxed_madd(a, b, acc); }
#else
static inline v4 madd(v4 acc, v4 a, v4 b) { return wasm_f32x4_add(acc, wasm_f32x4_mul(a, b)); }
#endif

/* 4 rows x 8 columns. */
static void block4x8(int K, const f32 *A, int a_rs, int a_cs, const f32 *B, int ldb, f32 *C, int ldc, int acc) {
  v4 c00, c01, c10, c11, c20, c21, c30, c31;
  if (acc) {
    c00 = ld(C); c01 = ld(C + 4);
    c10 = ld(C + ldc); c11 = ld(C + ldc + 4);
    c20 = ld(C + 2 * ldc); c21 = ld(C + 2 * ldc + 4);
    c30 = ld(C + 3 * ldc); c31 = ld(C + 3 * ldc + 4);
  } else {
    c00 = c01 = c10 = c11 = c20 = c21 = c30 = c31 = wasm_f32x4_splat(0.f);
  }
  const f32 *a0 = A, *a1 = A + a_rs, *a2 = A + 2 * a_rs, *a3 = A + 3 * a_rs;
  for (int k = 0; k < K; k++) {
    v4 b0 = ld(B), b1 = ld(B + 4);
    v4 x = splat(a0);
    c00 = madd(c00, x, b0); c01 = madd(c01, x, b1);
    x = splat(a1);
    c10 = madd(c10, x, b0); c11 = madd(c11, x, b1);
    x = splat(a2);
    c20 = madd(c20, x, b0); c21 = madd(c21, x, b1);
    x = splat(a3);
    c30 = madd(c30, x, b0); c31 = madd(c31, x, b1);
    a0 += a_cs; a1 += a_cs; a2 += a_cs; a3 += a_cs;
    B += ldb;
  }
  st(C, c00); st(C + 4, c01);
  st(C + ldc, c10); st(C + ldc + 4, c11);
  st(C + 2 * ldc, c20); st(C + 2 * ldc + 4, c21);
  st(C + 3 * ldc, c30); st(C + 3 * ldc + 4, c31);
}

/* 1 row x 8 columns. */
static void block1x8(int K, const f32 *A, int a_cs, const f32 *B, int ldb, f32 *C, int acc) {
  v4 c0 = acc ? ld(C) : wasm_f32x4_splat(0.f), c1 = acc ? ld(C + 4) : wasm_f32x4_splat(0.f);
  for (int k = 0; k < K; k++) {
    v4 x = splat(A);
    c0 = madd(c0, x, ld(B));
    c1 = madd(c1, x, ld(B + 4));
    A += a_cs;
    B += ldb;
  }
  st(C, c0);
  st(C + 4, c1);
}

/* Any rows x 1..7 columns (scalar): the ragged right edge. */
static void edge(int M, int N, int K, const f32 *A, int a_rs, int a_cs, const f32 *B, int ldb, f32 *C, int ldc, int acc) {
  for (int m = 0; m < M; m++) {
    for (int n = 0; n < N; n++) {
      f32 s = acc ? C[m * ldc + n] : 0.f;
      const f32 *a = A + m * a_rs;
      for (int k = 0; k < K; k++) s += a[k * a_cs] * B[k * ldb + n];
      C[m * ldc + n] = s;
    }
  }
}

void gemm(int M, int N, int K, const f32 *A, int a_rs, int a_cs, const f32 *B, int ldb, f32 *C, int ldc, int accumulate) {
  if (K <= 0) {
    if (!accumulate)
      for (int m = 0; m < M; m++)
        for (int n = 0; n < N; n++) C[m * ldc + n] = 0.f;
    return;
  }
  int N8 = N & ~7;
  for (int k0 = 0; k0 < K; k0 += KC) {
    int kc = K - k0 < KC ? K - k0 : KC;
    int acc = accumulate || k0 > 0;
    const f32 *Ak = A + k0 * a_cs;
    const f32 *Bk = B + k0 * ldb;
    int m = 0;
    for (; m + 4 <= M; m += 4)
      for (int n = 0; n < N8; n += 8) block4x8(kc, Ak + m * a_rs, a_rs, a_cs, Bk + n, ldb, C + m * ldc + n, ldc, acc);
    for (; m < M; m++)
      for (int n = 0; n < N8; n += 8) block1x8(kc, Ak + m * a_rs, a_cs, Bk + n, ldb, C + m * ldc + n, acc);
    if (N8 < N) edge(M, N - N8, kc, Ak, a_rs, a_cs, Bk + N8, ldb, C + N8, ldc, acc);
  }
}

void transpose(int rows, int cols, const f32 *src, f32 *dst) {
  for (int r = 0; r < rows; r++)
    for (int c = 0; c < cols; c++) dst[r * cols + c] = src[c * rows + r];
}
