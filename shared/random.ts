/** Seeded pseudo-random numbers, so demo data and tests are reproducible. Pure TypeScript. */

/** A source of uniform numbers in [0, 1). */
export type Rng = () => number;

/**
 * Creates a mulberry32 generator: fast, 32-bit state, good enough for synthetic data.
 * The same seed always gives the same sequence, which keeps demo data and tests deterministic.
 */
export function createRng(seed: number): Rng {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Draws a standard normal value (Box-Muller), for sensor noise and per-asset variation. */
export function gaussian(rng: Rng): number {
  // 1 - rng() lies in (0, 1], so the logarithm is finite.
  const u = 1 - rng();
  const v = rng();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/** Draws a uniform value in [min, max), for baselines and random onsets. */
export function uniform(rng: Rng, min: number, max: number): number {
  return min + (max - min) * rng();
}

/** Returns `items` in a random order (Fisher-Yates on a copy), for choosing which assets fail. */
export function shuffled<T>(rng: Rng, items: readonly T[]): T[] {
  const out = items.slice();
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    const tmp = out[i];
    out[i] = out[j];
    out[j] = tmp;
  }
  return out;
}
