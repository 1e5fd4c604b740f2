/* Helpers shared by the LSTM and GRU kernels, and the exported entry points. */
#include "conv.h"

void fill_bias(f32 *gates, int rows, int width, const f32 *bias) {
  for (int r = 0; r < rows; r++) copy_row(gates + r * width, bias, width);
}

void column_sums(const f32 *m, int rows, int cols, f32 *out) {
  zero_row(out, cols);
  for (int r = 0; r < rows; r++) {
    const f32 *row = m + r * cols;
    int j = 0;
    for (; j + 4 <= cols; j += 4) wasm_v128_store(out + j, wasm_f32x4_add(wasm_v128_load(out + j), wasm_v128_load(row + j)));
    for (; j < cols; j++) out[j] += row[j];
  }
}

void copy_row(f32 *dst, const f32 *src, int n) {
  int j = 0;
  for (; j + 4 <= n; j += 4) wasm_v128_store(dst + j, wasm_v128_load(src + j));
  for (; j < n; j++) dst[j] = src[j];
}

void zero_row(f32 *dst, int n) {
  int j = 0;
  for (; j + 4 <= n; j += 4) wasm_v128_store(dst + j, wasm_f32x4_splat(0.f));
  for (; j < n; j++) dst[j] = 0.f;
}

void step_done(RnnArgs *a, int row, int s, int t, const f32 *h) {
  if (a->hs) copy_row(a->hs + (row * a->T + t) * a->H, h, a->H);
  if (a->return_seq) copy_row(seq_out(a, a->out, row, s, t), h, a->H);
}

void last_outputs(RnnArgs *a, const f32 *hp) {
  if (a->return_seq) return;
  for (int r = 0; r < a->B1 - a->B0; r++) copy_row(a->out + (a->B0 + r) * a->out_stride + a->out_offset, hp + r * a->H, a->H);
}

/*
 * After the backward time loop, with a->gates holding the gate gradients dZ of this job's rows:
 * db = column sums of dZ, dW = X^T dZ, dx = dZ W^T, and dU[:, 0:prev_cols] = sum over steps of
 * h_prev^T dZ[:, 0:prev_cols] (h_prev of the first processed step is 0, so it is skipped).
 */
void weight_grads(RnnArgs *a, int G, int prev_cols) {
  int R = a->B1 - a->B0, T = a->T, I = a->I, H = a->H;
  const f32 *dz = a->gates + a->B0 * T * G;
  const f32 *x = a->x + a->B0 * T * I;
  const f32 *hs = a->hs + a->B0 * T * H;
  column_sums(dz, R * T, G, a->db);
  gemm(I, G, R * T, x, 1, I, dz, G, a->dW, G, 0);
  gemm(R * T, I, G, dz, G, 1, a->WT, I, a->dx + a->B0 * T * I, I, 0);
  for (int r = 0; r < H; r++) zero_row(a->dU + r * G, prev_cols);
  for (int r = 0; r < R; r++) {
    const f32 *h = hs + r * T * H + (a->reverse ? H : 0);
    const f32 *d = dz + r * T * G + (a->reverse ? 0 : G);
    gemm(H, prev_cols, T - 1, h, 1, H, d, G, a->dU, G, 1);
  }
}

enum { LSTM_FORWARD = 0, LSTM_BACKWARD = 1, GRU_FORWARD = 2, GRU_BACKWARD = 3, CONV_FORWARD = 4, CONV_BACKWARD = 5 };

/* Runs job `fn` (see the enum) on the arguments at `args` (an RnnArgs, or a ConvArgs for CONV_*). */
__attribute__((export_name("run_job"))) void run_job(int fn, RnnArgs *args) {
  switch (fn) {
    case CONV_FORWARD: conv_forward((ConvArgs *)args); break;
    case CONV_BACKWARD: conv_backward((ConvArgs *)args); break;
    case LSTM_FORWARD: lstm_forward(args); break;
    case LSTM_BACKWARD: lstm_backward(args); break;
    case GRU_FORWARD: gru_forward(args); break;
    case GRU_BACKWARD: gru_backward(args); break;
  }
}

/* dst[rows x cols] = src[cols x rows] transposed. */
__attribute__((export_name("transpose_into"))) void transpose_into(int rows, int cols, const f32 *src, f32 *dst) {
  transpose(rows, cols, src, dst);
}

/* dst[0..n) += src[0..n). */
__attribute__((export_name("add_into"))) void add_into(f32 *dst, const f32 *src, int n) {
  int j = 0;
  for (; j + 4 <= n; j += 4) wasm_v128_store(dst + j, wasm_f32x4_add(wasm_v128_load(dst + j), wasm_v128_load(src + j)));
  for (; j < n; j++) dst[j] += src[j];
}

/* The test matrix product, exported for the kernel's own checks. */
__attribute__((export_name("gemm_test"))) void gemm_test(int M, int N, int K, const f32 *A, int a_rs, int a_cs, const f32 *B, int ldb, f32 *C, int ldc, int acc) {
  gemm(M, N, K, A, a_rs, a_cs, B, ldb, C, ldc, acc);
}
