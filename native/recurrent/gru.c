/*
 * GRU forward and backward through time for one job, matching tfjs-layers' GRUCell (reset gate
 * before the recurrent product, resetAfter false; recurrentActivation sigmoid, activation tanh):
 *   [xz, xr, xh] = x W + b; z = sigmoid(xz + h Uz); r = sigmoid(xr + h Ur);
 *   hh = tanh(xh + (r h) Uh); h' = z h + (1 - z) hh; masking as in lstm.c.
 */
#include "recurrent.h"
#include "simd-math.h"

/* The update and reset gates of one row (activated in place in g) and r * h into rh. */
static void gru_gates(f32 *g, const f32 *h, f32 *rh, int H) {
  for (int j = 0; j < H; j += 4) {
    v128_t vz = v_sigmoid(wasm_v128_load(g + j));
    v128_t vr = v_sigmoid(wasm_v128_load(g + H + j));
    wasm_v128_store(g + j, vz);
    wasm_v128_store(g + H + j, vr);
    wasm_v128_store(rh + j, wasm_f32x4_mul(vr, wasm_v128_load(h + j)));
  }
}

/* The candidate (activated in place in g) and, unless the step is masked, the new h. */
static void gru_update(f32 *g, f32 *h, int H, int keep) {
  for (int j = 0; j < H; j += 4) {
    v128_t vh = v_tanh(wasm_v128_load(g + 2 * H + j));
    wasm_v128_store(g + 2 * H + j, vh);
    if (keep) {
      v128_t vz = wasm_v128_load(g + j), hv = wasm_v128_load(h + j);
      wasm_v128_store(h + j, wasm_f32x4_add(vh, wasm_f32x4_mul(vz, wasm_f32x4_sub(hv, vh))));
    }
  }
}

/* Training: keeps every step's gates, h and r * h for the backward pass. */
static void gru_train_forward(RnnArgs *a) {
  const int R = a->B1 - a->B0, T = a->T, H = a->H, G = 3 * H;
  f32 *gates = a->gates + a->B0 * T * G;
  fill_bias(gates, R * T, G, a->bias);
  gemm(R * T, G, a->I, a->x + a->B0 * T * a->I, a->I, 1, a->W, G, gates, G, 1);
  f32 *hp = a->work;
  zero_row(hp, R * H);
  for (int s = 0; s < T; s++) {
    const int t = a->reverse ? T - 1 - s : s;
    gemm(R, 2 * H, H, hp, H, 1, a->U, G, gates + t * G, T * G, 1);
    f32 *rh = a->rh + (a->B0 * T + t) * H;
    for (int r = 0; r < R; r++) gru_gates(gates + (r * T + t) * G, hp + r * H, rh + r * T * H, H);
    gemm(R, H, H, rh, T * H, 1, a->U + 2 * H, G, gates + t * G + 2 * H, T * G, 1);
    for (int r = 0; r < R; r++) {
      gru_update(gates + (r * T + t) * G, hp + r * H, H, mask_at(a, a->B0 + r, t) != 0.f);
      step_done(a, a->B0 + r, s, t, hp + r * H);
    }
  }
  last_outputs(a, hp);
}

/* Inference in blocks of rows, each step one product of [x_t | h] with [W; U] (see lstm_infer). */
static void gru_infer(RnnArgs *a) {
  const int T = a->T, I = a->I, H = a->H, G = 3 * H, K = I + H;
  f32 *xh = a->work, *rh = xh + INFER_ROWS * K, *g = rh + INFER_ROWS * H;
  const f32 *Uh = a->W + I * G + 2 * H;
  for (int b0 = a->B0; b0 < a->B1; b0 += INFER_ROWS) {
    const int R = a->B1 - b0 < INFER_ROWS ? a->B1 - b0 : INFER_ROWS;
    for (int r = 0; r < R; r++) zero_row(xh + r * K + I, H);
    for (int s = 0; s < T; s++) {
      const int t = a->reverse ? T - 1 - s : s;
      for (int r = 0; r < R; r++) copy_row(xh + r * K, a->x + ((b0 + r) * T + t) * I, I);
      fill_bias(g, R, G, a->bias);
      gemm(R, 2 * H, K, xh, K, 1, a->W, G, g, G, 1);
      gemm(R, H, I, xh, K, 1, a->W + 2 * H, G, g + 2 * H, G, 1);
      for (int r = 0; r < R; r++) gru_gates(g + r * G, xh + r * K + I, rh + r * H, H);
      gemm(R, H, H, rh, H, 1, Uh, G, g + 2 * H, G, 1);
      for (int r = 0; r < R; r++) {
        f32 *h = xh + r * K + I;
        gru_update(g + r * G, h, H, mask_at(a, b0 + r, t) != 0.f);
        if (a->return_seq) copy_row(seq_out(a, a->out, b0 + r, s, t), h, H);
      }
    }
    if (!a->return_seq)
      for (int r = 0; r < R; r++) copy_row(a->out + (b0 + r) * a->out_stride + a->out_offset, xh + r * K + I, H);
  }
}

void gru_forward(RnnArgs *a) {
  if (a->hs) gru_train_forward(a);
  else gru_infer(a);
}

void gru_backward(RnnArgs *a) {
  const int R = a->B1 - a->B0, T = a->T, H = a->H, G = 3 * H;
  f32 *gates = a->gates + a->B0 * T * G;
  f32 *dhn = a->work, *dhb = a->work + R * H, *drh = a->work + 2 * R * H;
  const v128_t one = wasm_f32x4_splat(1.f), zero = wasm_f32x4_splat(0.f);
  zero_row(dhn, R * H);
  for (int s = T - 1; s >= 0; s--) {
    const int t = a->reverse ? T - 1 - s : s;
    const int tp = a->reverse ? t + 1 : t - 1;
    for (int r = 0; r < R; r++) {
      const int row = a->B0 + r;
      f32 *g = gates + (r * T + t) * G, *dh_n = dhn + r * H, *carry = dhb + r * H;
      const f32 *dO = dout_at(a, row, s, t);
      const int keep = mask_at(a, row, t) != 0.f;
      const f32 *hprev = s > 0 ? a->hs + (row * T + tp) * H : 0;
      for (int j = 0; j < H; j += 4) {
        v128_t dh = wasm_v128_load(dh_n + j);
        if (dO) dh = wasm_f32x4_add(dh, wasm_v128_load(dO + j));
        if (!keep) {
          wasm_v128_store(carry + j, dh);
          continue;
        }
        v128_t vz = wasm_v128_load(g + j), vh = wasm_v128_load(g + 2 * H + j);
        v128_t hv = hprev ? wasm_v128_load(hprev + j) : zero;
        v128_t dhh = wasm_f32x4_mul(dh, wasm_f32x4_sub(one, vz));
        v128_t dz = wasm_f32x4_mul(dh, wasm_f32x4_sub(hv, vh));
        wasm_v128_store(carry + j, wasm_f32x4_mul(dh, vz));
        wasm_v128_store(g + j, wasm_f32x4_mul(wasm_f32x4_mul(dz, vz), wasm_f32x4_sub(one, vz)));
        wasm_v128_store(g + 2 * H + j, wasm_f32x4_mul(dhh, wasm_f32x4_sub(one, wasm_f32x4_mul(vh, vh))));
      }
      if (!keep) zero_row(g, G);
    }
    gemm(R, H, H, gates + t * G + 2 * H, T * G, 1, a->UT + 2 * H * H, H, drh, H, 0);
    for (int r = 0; r < R; r++) {
      const int row = a->B0 + r;
      if (mask_at(a, row, t) == 0.f) continue;
      f32 *g = gates + (r * T + t) * G, *carry = dhb + r * H, *d = drh + r * H;
      const f32 *hprev = s > 0 ? a->hs + (row * T + tp) * H : 0;
      for (int j = 0; j < H; j += 4) {
        v128_t vr = wasm_v128_load(g + H + j), dv = wasm_v128_load(d + j);
        v128_t hv = hprev ? wasm_v128_load(hprev + j) : zero;
        v128_t dr = wasm_f32x4_mul(dv, hv);
        wasm_v128_store(g + H + j, wasm_f32x4_mul(wasm_f32x4_mul(dr, vr), wasm_f32x4_sub(one, vr)));
        wasm_v128_store(carry + j, wasm_f32x4_add(wasm_v128_load(carry + j), wasm_f32x4_mul(dv, vr)));
      }
    }
    copy_row(dhn, dhb, R * H);
    gemm(R, H, 2 * H, gates + t * G, T * G, 1, a->UT, H, dhn, H, 1);
  }
  weight_grads(a, G, 2 * H);
  gemm(H, H, R * T, a->rh + a->B0 * T * H, 1, H, gates + 2 * H, G, a->dU + 2 * H, G, 0);
}
