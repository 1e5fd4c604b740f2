/*
 * The arguments of one recurrent job: a range of batch rows [B0, B1) of one direction of one layer.
 * JavaScript writes this struct (every field 4 bytes, in this order) into the shared memory; see
 * electron/engine/fused/kernel-args.ts, which must list the same fields.
 *
 * Layouts (row-major, float32): x [B, T, I]; W [I, G*H]; U [H, G*H]; bias [G*H]; mask [B, T];
 * out [B, T, S] or [B, S] with this direction's H values at column `out_offset`; gates, cs, hs, rh
 * indexed like x by (row, natural time). G = 4 (LSTM: i, f, g, o) or 3 (GRU: z, r, h; reset before).
 * In inference (hs = 0) U must follow W in memory: [W; U] is read as one [(I + H), G] matrix.
 */
#ifndef RECURRENT_H
#define RECURRENT_H
#include "gemm.h"

/* Rows per block of the inference path; its scratch is INFER_ROWS x (I + 6H) floats. */
#define INFER_ROWS 32

typedef struct {
  int B0, B1, T, I, H;
  int reverse;    /* process time backwards (the backward direction) */
  int seq_order;  /* a returned sequence is in processing order (tfjs goBackwards), else natural time */
  int return_seq;
  int out_stride, out_offset;
  const f32 *x, *W, *U, *bias, *mask;
  f32 *out;
  f32 *gates;     /* forward: pre-activations, then activated gates; backward: their gradients */
  f32 *cs, *hs, *rh; /* saved states for the backward pass (0: inference, not kept) */
  f32 *work;      /* this job's scratch: 4 x (B1 - B0) x H floats, or INFER_ROWS x (I + 6H) in inference */
  const f32 *dout, *UT, *WT;
  f32 *dx, *dW, *dU, *db; /* dx rows of this job; dW, dU, db this job's partial sums */
} RnnArgs;

void lstm_forward(RnnArgs *a);
void lstm_backward(RnnArgs *a);
void gru_forward(RnnArgs *a);
void gru_backward(RnnArgs *a);

/* Shared helpers of the two cells. */
void fill_bias(f32 *gates, int rows, int width, const f32 *bias);
void column_sums(const f32 *m, int rows, int cols, f32 *out);
void copy_row(f32 *dst, const f32 *src, int n);
void zero_row(f32 *dst, int n);
void weight_grads(RnnArgs *a, int G, int prev_cols);
/* After step s (time t) of `row`: keeps h (training) and writes it to a returned sequence. */
void step_done(RnnArgs *a, int row, int s, int t, const f32 *h);
/* After the time loop: the last outputs (when no sequence is returned) from the final states hp. */
void last_outputs(RnnArgs *a, const f32 *hp);

/* 0 at a masked step of `row` at time t, else nonzero. */
static inline f32 mask_at(const RnnArgs *a, int row, int t) { return a->mask ? a->mask[row * a->T + t] : 1.f; }

/* Where step s (time t) of `row` goes in a returned sequence (or its gradient). */
static inline f32 *seq_out(const RnnArgs *a, f32 *base, int row, int s, int t) {
  return base + (row * a->T + (a->seq_order ? s : t)) * a->out_stride + a->out_offset;
}

/* The output gradient of step s of `row`: its sequence entry, or the last output's at the last step. */
static inline const f32 *dout_at(const RnnArgs *a, int row, int s, int t) {
  if (a->return_seq) return seq_out(a, (f32 *)a->dout, row, s, t);
  return s == a->T - 1 ? a->dout + row * a->out_stride + a->out_offset : 0;
}

#endif
