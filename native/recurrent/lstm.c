/*
 * LSTM forward and backward through time for one job (rows [B0, B1) of one direction), matching
 * tfjs-layers' LSTMCell with recurrentActivation sigmoid and activation tanh:
 *   z = x W + h U + b; i, f, o = sigmoid; g = tanh; c = f c + i g; h = o tanh(c)
 * and tfjs' rnn() masking: at a masked step h and c carry over and the output is the carried h.
 */
#include "recurrent.h"
#include "simd-math.h"

/* One step of one row: g holds the 4 pre-activations and gets the activated gates; c and h update. */
static void lstm_cell(f32 *g, f32 *c, f32 *h, int H) {
  for (int j = 0; j < H; j += 4) {
    v128_t vi = v_sigmoid(wasm_v128_load(g + j));
    v128_t vf = v_sigmoid(wasm_v128_load(g + H + j));
    v128_t vg = v_tanh(wasm_v128_load(g + 2 * H + j));
    v128_t vo = v_sigmoid(wasm_v128_load(g + 3 * H + j));
    wasm_v128_store(g + j, vi);
    wasm_v128_store(g + H + j, vf);
    wasm_v128_store(g + 2 * H + j, vg);
    wasm_v128_store(g + 3 * H + j, vo);
    v128_t vc = wasm_f32x4_add(wasm_f32x4_mul(vf, wasm_v128_load(c + j)), wasm_f32x4_mul(vi, vg));
    wasm_v128_store(c + j, vc);
    wasm_v128_store(h + j, wasm_f32x4_mul(vo, v_tanh(vc)));
  }
}

/* Training: keeps every step's gates, c and h for the backward pass. */
static void lstm_train_forward(RnnArgs *a) {
  const int R = a->B1 - a->B0, T = a->T, H = a->H, G = 4 * H;
  f32 *gates = a->gates + a->B0 * T * G;
  fill_bias(gates, R * T, G, a->bias);
  gemm(R * T, G, a->I, a->x + a->B0 * T * a->I, a->I, 1, a->W, G, gates, G, 1);
  f32 *hp = a->work, *cp = a->work + R * H;
  zero_row(hp, R * H);
  zero_row(cp, R * H);
  for (int s = 0; s < T; s++) {
    const int t = a->reverse ? T - 1 - s : s;
    gemm(R, G, H, hp, H, 1, a->U, G, gates + t * G, T * G, 1);
    for (int r = 0; r < R; r++) {
      const int row = a->B0 + r;
      f32 *h = hp + r * H, *c = cp + r * H;
      if (mask_at(a, row, t) != 0.f) lstm_cell(gates + (r * T + t) * G, c, h, H);
      if (a->cs) copy_row(a->cs + (row * T + t) * H, c, H);
      step_done(a, row, s, t, h);
    }
  }
  last_outputs(a, hp);
}

/*
 * Inference: blocks of rows, each step one product of [x_t | h] with [W; U] (stored one after the
 * other), so nothing larger than a block's step stays in memory and the caches hold the working set.
 */
static void lstm_infer(RnnArgs *a) {
  const int T = a->T, I = a->I, H = a->H, G = 4 * H, K = I + H;
  f32 *xh = a->work, *cp = xh + INFER_ROWS * K, *g = cp + INFER_ROWS * H;
  for (int b0 = a->B0; b0 < a->B1; b0 += INFER_ROWS) {
    const int R = a->B1 - b0 < INFER_ROWS ? a->B1 - b0 : INFER_ROWS;
    for (int r = 0; r < R; r++) zero_row(xh + r * K + I, H);
    zero_row(cp, R * H);
    for (int s = 0; s < T; s++) {
      const int t = a->reverse ? T - 1 - s : s;
      for (int r = 0; r < R; r++) copy_row(xh + r * K, a->x + ((b0 + r) * T + t) * I, I);
      fill_bias(g, R, G, a->bias);
      gemm(R, G, K, xh, K, 1, a->W, G, g, G, 1);
      for (int r = 0; r < R; r++) {
        f32 *h = xh + r * K + I;
        if (mask_at(a, b0 + r, t) != 0.f) lstm_cell(g + r * G, cp + r * H, h, H);
        if (a->return_seq) copy_row(seq_out(a, a->out, b0 + r, s, t), h, H);
      }
    }
    if (!a->return_seq)
      for (int r = 0; r < R; r++) copy_row(a->out + (b0 + r) * a->out_stride + a->out_offset, xh + r * K + I, H);
  }
}

void lstm_forward(RnnArgs *a) {
  if (a->hs) lstm_train_forward(a);
  else lstm_infer(a);
}

void lstm_backward(RnnArgs *a) {
  const int R = a->B1 - a->B0, T = a->T, H = a->H, G = 4 * H;
  f32 *gates = a->gates + a->B0 * T * G;
  f32 *dhn = a->work, *dcn = a->work + R * H, *dhb = a->work + 2 * R * H;
  const v128_t one = wasm_f32x4_splat(1.f), zero = wasm_f32x4_splat(0.f);
  zero_row(dhn, R * H);
  zero_row(dcn, R * H);
  for (int s = T - 1; s >= 0; s--) {
    const int t = a->reverse ? T - 1 - s : s;
    const int tp = a->reverse ? t + 1 : t - 1;
    for (int r = 0; r < R; r++) {
      const int row = a->B0 + r;
      f32 *g = gates + (r * T + t) * G, *dh_n = dhn + r * H, *dc_n = dcn + r * H, *carry = dhb + r * H;
      const f32 *dO = dout_at(a, row, s, t);
      if (mask_at(a, row, t) == 0.f) {
        for (int j = 0; j < H; j += 4) {
          v128_t dh = wasm_v128_load(dh_n + j);
          if (dO) dh = wasm_f32x4_add(dh, wasm_v128_load(dO + j));
          wasm_v128_store(carry + j, dh);
        }
        zero_row(g, G);
        continue;
      }
      const f32 *c = a->cs + (row * T + t) * H;
      const f32 *cprev = s > 0 ? a->cs + (row * T + tp) * H : 0;
      for (int j = 0; j < H; j += 4) {
        v128_t dh = wasm_v128_load(dh_n + j);
        if (dO) dh = wasm_f32x4_add(dh, wasm_v128_load(dO + j));
        v128_t vi = wasm_v128_load(g + j), vf = wasm_v128_load(g + H + j);
        v128_t vg = wasm_v128_load(g + 2 * H + j), vo = wasm_v128_load(g + 3 * H + j);
        v128_t tc = v_tanh(wasm_v128_load(c + j));
        v128_t dc = wasm_f32x4_add(wasm_v128_load(dc_n + j), wasm_f32x4_mul(wasm_f32x4_mul(dh, vo), wasm_f32x4_sub(one, wasm_f32x4_mul(tc, tc))));
        v128_t d_o = wasm_f32x4_mul(dh, tc);
        v128_t d_i = wasm_f32x4_mul(dc, vg);
        v128_t d_g = wasm_f32x4_mul(dc, vi);
        v128_t d_f = cprev ? wasm_f32x4_mul(dc, wasm_v128_load(cprev + j)) : zero;
        wasm_v128_store(dc_n + j, wasm_f32x4_mul(dc, vf));
        wasm_v128_store(g + j, wasm_f32x4_mul(wasm_f32x4_mul(d_i, vi), wasm_f32x4_sub(one, vi)));
        wasm_v128_store(g + H + j, wasm_f32x4_mul(wasm_f32x4_mul(d_f, vf), wasm_f32x4_sub(one, vf)));
        wasm_v128_store(g + 2 * H + j, wasm_f32x4_mul(d_g, wasm_f32x4_sub(one, wasm_f32x4_mul(vg, vg))));
        wasm_v128_store(g + 3 * H + j, wasm_f32x4_mul(wasm_f32x4_mul(d_o, vo), wasm_f32x4_sub(one, vo)));
        wasm_v128_store(carry + j, zero);
      }
    }
    copy_row(dhn, dhb, R * H);
    gemm(R, H, G, gates + t * G, T * G, 1, a->UT, H, dhn, H, 1);
  }
  weight_grads(a, G, G);
}
