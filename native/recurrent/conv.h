/*
 * The arguments of one convolution job: it claims samples of the batch rows [B0, B1) of one Conv1D
 * call ('same' padding: output step t reads input steps t + k * dilation - left) through the counter
 * `next` (0 at the start, shared by the call's jobs). JavaScript writes this struct
 * (every field 4 bytes, in this order) into the shared memory; electron/engine/fused/conv-kernel.ts
 * lists the same fields.
 *
 * Layouts (row-major, float32): x [B, T, C]; W [K*C, F] (Keras's [K, C, F]); WT [F, K*C]; bias [F];
 * out and dout [B, T, F]; dx [B, T, C] (0: not wanted); dW [F, K*C] (transposed) and db [F] this job's
 * partial sums; work this job's scratch, 2 x T x K*C + T x F floats.
 */
#ifndef CONV_H
#define CONV_H
#include "recurrent.h"

typedef struct {
  int B0, B1, T, C, F, K, dilation, left;
  int *next;
  const f32 *x, *W, *WT, *bias, *dout;
  f32 *out, *dx, *dW, *db, *work;
} ConvArgs;

void conv_forward(ConvArgs *a);
void conv_backward(ConvArgs *a);

#endif
