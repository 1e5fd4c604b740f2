/*
 * The fused temporal convolution ('same' padding, dilation) and batch normalization of the conv
 * blocks. A convolution job claims samples of the batch rows [B0, B1) one at a time from a counter
 * shared by the call's jobs (so a thread that gets no core leaves its share to the others); each
 * sample's kernel taps are gathered
 * into a [T, K*C] matrix (im2col, zeros outside the sequence) in the job's scratch, so one product
 * with the kernel [K*C, F] gives the sample's output; the backward pass reuses that matrix for the
 * kernel's gradient and scatters the taps' gradients back (col2im). Batch normalization runs on the
 * calling thread (it is a few passes over memory next to the products).
 */
#include "conv.h"

/* col[t, k*C + c] = x[t + k*d - left, c] (0 outside [0, T)). */
static void im2col(const ConvArgs *a, const f32 *x, f32 *col) {
  int T = a->T, C = a->C, K = a->K, KC = K * C;
  for (int t = 0; t < T; t++) {
    f32 *row = col + t * KC;
    for (int k = 0; k < K; k++) {
      int s = t + k * a->dilation - a->left;
      if (s >= 0 && s < T) copy_row(row + k * C, x + s * C, C);
      else zero_row(row + k * C, C);
    }
  }
}

/* dx[t + k*d - left, c] += dcol[t, k*C + c] (dx zeroed first). */
static void col2im(const ConvArgs *a, const f32 *dcol, f32 *dx) {
  int T = a->T, C = a->C, K = a->K, KC = K * C;
  zero_row(dx, T * C);
  for (int t = 0; t < T; t++) {
    for (int k = 0; k < K; k++) {
      int s = t + k * a->dilation - a->left;
      if (s < 0 || s >= T) continue;
      f32 *dst = dx + s * C;
      const f32 *src = dcol + t * KC + k * C;
      int j = 0;
      for (; j + 4 <= C; j += 4) wasm_v128_store(dst + j, wasm_f32x4_add(wasm_v128_load(dst + j), wasm_v128_load(src + j)));
      for (; j < C; j++) dst[j] += src[j];
    }
  }
}

/* The next unclaimed sample, or -1 when all are taken. */
static int claim(ConvArgs *a) {
  int b = a->B0 + __atomic_fetch_add(a->next, 1, __ATOMIC_RELAXED);
  return b < a->B1 ? b : -1;
}

void conv_forward(ConvArgs *a) {
  int T = a->T, C = a->C, F = a->F, KC = a->K * C;
  f32 *col = a->work;
  for (int b; (b = claim(a)) >= 0;) {
    f32 *out = a->out + b * T * F;
    im2col(a, a->x + b * T * C, col);
    fill_bias(out, T, F, a->bias);
    gemm(T, F, KC, col, KC, 1, a->W, F, out, F, 1);
  }
}

/* The kernel's gradient is summed transposed, dW^T [F, K*C] += dy^T col (a product whose left matrix is
 * read row by row, about a quarter faster here than col^T dy). */
void conv_backward(ConvArgs *a) {
  int T = a->T, C = a->C, F = a->F, KC = a->K * C;
  f32 *col = a->work, *dcol = a->work + T * KC, *dyT = a->work + 2 * T * KC;
  int first = 1;
  zero_row(a->db, F);
  for (int b; (b = claim(a)) >= 0; first = 0) {
    const f32 *dy = a->dout + b * T * F;
    im2col(a, a->x + b * T * C, col);
    transpose(F, T, dy, dyT);
    gemm(F, KC, T, dyT, T, 1, col, KC, a->dW, KC, !first);
    for (int t = 0; t < T; t++) {
      const f32 *row = dy + t * F;
      int j = 0;
      for (; j + 4 <= F; j += 4) wasm_v128_store(a->db + j, wasm_f32x4_add(wasm_v128_load(a->db + j), wasm_v128_load(row + j)));
      for (; j < F; j++) a->db[j] += row[j];
    }
    if (!a->dx) continue;
    gemm(T, KC, F, dy, F, 1, a->WT, KC, dcol, KC, 0);
    col2im(a, dcol, a->dx + b * T * C);
  }
  if (first)
    for (int r = 0; r < F; r++) zero_row(a->dW + r * KC, KC);
}

/*
 * Batch normalization in training over x [N, F] (statistics per column): mean, biased variance
 * (two passes, as tf.moments), out = (x - mean) / sqrt(var + eps) * gamma + beta. work: 2F floats.
 */
__attribute__((export_name("bn_forward"))) void bn_forward(int N, int F, const f32 *x, const f32 *gamma, const f32 *beta, f32 eps, f32 *out, f32 *mean, f32 *var, f32 *work) {
  column_sums(x, N, F, mean);
  for (int j = 0; j < F; j++) mean[j] /= (f32)N;
  zero_row(var, F);
  for (int r = 0; r < N; r++) {
    const f32 *row = x + r * F;
    int j = 0;
    for (; j + 4 <= F; j += 4) {
      v4 d = wasm_f32x4_sub(wasm_v128_load(row + j), wasm_v128_load(mean + j));
      wasm_v128_store(var + j, wasm_f32x4_add(wasm_v128_load(var + j), wasm_f32x4_mul(d, d)));
    }
    for (; j < F; j++) var[j] += (row[j] - mean[j]) * (row[j] - mean[j]);
  }
  for (int j = 0; j < F; j++) var[j] /= (f32)N;
  /* out = x * scale + shift, scale = gamma / sqrt(var + eps), shift = beta - mean * scale. */
  f32 *scale = work, *shift = work + F;
  for (int j = 0; j < F; j++) {
    scale[j] = gamma[j] / __builtin_sqrtf(var[j] + eps);
    shift[j] = beta[j] - mean[j] * scale[j];
  }
  for (int r = 0; r < N; r++) {
    const f32 *row = x + r * F;
    f32 *o = out + r * F;
    int j = 0;
    for (; j + 4 <= F; j += 4) wasm_v128_store(o + j, wasm_f32x4_add(wasm_f32x4_mul(wasm_v128_load(row + j), wasm_v128_load(scale + j)), wasm_v128_load(shift + j)));
    for (; j < F; j++) o[j] = row[j] * scale[j] + shift[j];
  }
}

/*
 * Its gradient: with xhat = (x - mean) * istd, dbeta = sum dy, dgamma = sum dy * xhat and
 * dx = gamma * istd / N * (N * dy - dbeta - xhat * dgamma). work: 4F floats.
 */
__attribute__((export_name("bn_backward"))) void bn_backward(int N, int F, const f32 *x, const f32 *dy, const f32 *gamma, const f32 *mean, const f32 *var, f32 eps, f32 *dx, f32 *dgamma, f32 *dbeta, f32 *work) {
  f32 *istd = work;
  for (int j = 0; j < F; j++) istd[j] = 1.f / __builtin_sqrtf(var[j] + eps);
  zero_row(dgamma, F);
  column_sums(dy, N, F, dbeta);
  for (int r = 0; r < N; r++) {
    const f32 *xr = x + r * F, *g = dy + r * F;
    int j = 0;
    for (; j + 4 <= F; j += 4) {
      v4 xh = wasm_f32x4_mul(wasm_f32x4_sub(wasm_v128_load(xr + j), wasm_v128_load(mean + j)), wasm_v128_load(istd + j));
      wasm_v128_store(dgamma + j, wasm_f32x4_add(wasm_v128_load(dgamma + j), wasm_f32x4_mul(xh, wasm_v128_load(g + j))));
    }
    for (; j < F; j++) dgamma[j] += (xr[j] - mean[j]) * istd[j] * g[j];
  }
  f32 *k1 = work + F, *k2 = work + 2 * F, *k3 = work + 3 * F;
  for (int j = 0; j < F; j++) {
    k1[j] = gamma[j] * istd[j];                       /* dx = k1 * dy - k2 - xhat * k3 */
    k2[j] = k1[j] * dbeta[j] / (f32)N;
    k3[j] = k1[j] * dgamma[j] / (f32)N;
  }
  for (int r = 0; r < N; r++) {
    const f32 *xr = x + r * F, *g = dy + r * F;
    f32 *o = dx + r * F;
    int j = 0;
    for (; j + 4 <= F; j += 4) {
      v4 xh = wasm_f32x4_mul(wasm_f32x4_sub(wasm_v128_load(xr + j), wasm_v128_load(mean + j)), wasm_v128_load(istd + j));
      v4 v = wasm_f32x4_sub(wasm_f32x4_mul(wasm_v128_load(k1 + j), wasm_v128_load(g + j)), wasm_v128_load(k2 + j));
      wasm_v128_store(o + j, wasm_f32x4_sub(v, wasm_f32x4_mul(xh, wasm_v128_load(k3 + j))));
    }
    for (; j < F; j++) o[j] = k1[j] * g[j] - k2[j] - (xr[j] - mean[j]) * istd[j] * k3[j];
  }
}
