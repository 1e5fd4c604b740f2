/* Vector exp, sigmoid and tanh (4 lanes) for the recurrent gates: Cephes' expf polynomial,
 * relative error about 2e-7 over the clamped range. */
#ifndef RECURRENT_SIMD_MATH_H
#define RECURRENT_SIMD_MATH_H
#include <wasm_simd128.h>

#define V(c) wasm_f32x4_splat(c)

static inline v128_t v_exp(v128_t x) {
  x = wasm_f32x4_min(wasm_f32x4_max(x, V(-87.0f)), V(88.0f));
  /* Round x / ln 2 to an integer n with the 1.5 * 2^23 trick: n sits in the low mantissa bits of v. */
  v128_t v = wasm_f32x4_add(wasm_f32x4_mul(x, V(1.44269504088896341f)), V(12582912.0f));
  v128_t n = wasm_f32x4_sub(v, V(12582912.0f));
  v128_t r = wasm_f32x4_sub(x, wasm_f32x4_mul(n, V(0.693359375f)));
  r = wasm_f32x4_sub(r, wasm_f32x4_mul(n, V(-2.12194440e-4f)));
  v128_t p = V(1.9875691500e-4f);
  p = wasm_f32x4_add(wasm_f32x4_mul(p, r), V(1.3981999507e-3f));
  p = wasm_f32x4_add(wasm_f32x4_mul(p, r), V(8.3334519073e-3f));
  p = wasm_f32x4_add(wasm_f32x4_mul(p, r), V(4.1665795894e-2f));
  p = wasm_f32x4_add(wasm_f32x4_mul(p, r), V(1.6666665459e-1f));
  p = wasm_f32x4_add(wasm_f32x4_mul(p, r), V(5.0000001201e-1f));
  v128_t y = wasm_f32x4_add(wasm_f32x4_add(wasm_f32x4_mul(wasm_f32x4_mul(p, r), r), r), V(1.0f));
  /* 2^n: (n + 127) << 23, with n read from v's bits (v's bits - 0x4B400000 = n). */
  v128_t pow2n = wasm_i32x4_shl(wasm_i32x4_add(v, wasm_i32x4_splat(127 - 0x4B400000)), 23);
  return wasm_f32x4_mul(y, pow2n);
}

static inline v128_t v_sigmoid(v128_t x) {
  return wasm_f32x4_div(V(1.0f), wasm_f32x4_add(V(1.0f), v_exp(wasm_f32x4_neg(x))));
}

/* tanh(x) = sign(x) * (1 - 2 / (exp(2|x|) + 1)); absolute error below 1e-7. */
static inline v128_t v_tanh(v128_t x) {
  v128_t ax = wasm_f32x4_min(wasm_f32x4_abs(x), V(9.0f));
  v128_t e = v_exp(wasm_f32x4_add(ax, ax));
  v128_t t = wasm_f32x4_sub(V(1.0f), wasm_f32x4_div(V(2.0f), wasm_f32x4_add(e, V(1.0f))));
  v128_t sign = wasm_v128_and(x, wasm_i32x4_splat((int)0x80000000));
  return wasm_v128_or(t, sign);
}

#endif
