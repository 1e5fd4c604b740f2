/**
 * Seeded weight initialisers, so two builds of the same variant with the same seed start from the
 * same weights. Includes a fast orthogonal initialiser for recurrent kernels: tfjs's own uses a QR
 * decomposition that took over 5 s for one 256-unit LSTM on wasm here, and warns on every build.
 */
import { createRng, gaussian } from '../../shared/random';
import { tf } from './backend';

type Initializer = ReturnType<ReturnType<typeof tf>['initializers']['orthogonal']>;
type InitializerClass = new (args: { gain?: number; seed?: number }) => Initializer;

/** Gives each layer its own seed derived from the variant's seed, in build order. */
export function seedSequence(seed: number): () => number {
  let k = 0;
  return () => (Math.imul(seed >>> 0, 1000003) + 7919 * ++k) >>> 0;
}

/**
 * Orthonormal columns (or rows, for wide matrices) by modified Gram-Schmidt in float64 over a seeded
 * Gaussian matrix, scaled by `gain`. Values are row-major for `shape`.
 */
export function orthogonalValues(shape: number[], gain: number, seed: number): Float32Array {
  const cols = shape[shape.length - 1];
  const rows = shape.slice(0, -1).reduce((a, b) => a * b, 1);
  const long = Math.max(rows, cols);
  const count = Math.min(rows, cols);
  const rng = createRng(seed);
  const q: Float64Array[] = [];
  for (let j = 0; j < count; j++) {
    const v = new Float64Array(long);
    for (let i = 0; i < long; i++) v[i] = gaussian(rng);
    // Two passes of projection removal keep the columns orthogonal to float precision.
    for (let pass = 0; pass < 2; pass++) {
      for (const u of q) {
        let dot = 0;
        for (let i = 0; i < long; i++) dot += u[i] * v[i];
        for (let i = 0; i < long; i++) v[i] -= dot * u[i];
      }
    }
    let norm = 0;
    for (let i = 0; i < long; i++) norm += v[i] * v[i];
    norm = Math.sqrt(norm) || 1;
    for (let i = 0; i < long; i++) v[i] /= norm;
    q.push(v);
  }
  const out = new Float32Array(rows * cols);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) out[r * cols + c] = gain * (rows >= cols ? q[c][r] : q[r][c]);
  }
  return out;
}

let fastOrthogonal: InitializerClass | null = null;

/** The 'FastOrthogonal' initialiser class, registered for (de)serialisation on first use. */
function fastOrthogonalClass(): InitializerClass {
  if (fastOrthogonal) return fastOrthogonal;
  const t = tf();
  // The Initializer base class is not exported by tfjs-layers; extending Orthogonal keeps its config.
  const Base = t.initializers.orthogonal({}).constructor as InitializerClass;
  class FastOrthogonal extends Base {
    static className = 'FastOrthogonal';
    override apply(shape: number[]): ReturnType<Initializer['apply']> {
      const { gain, seed } = (this as unknown as { getConfig(): { gain?: number; seed?: number } }).getConfig();
      return t.tensor(orthogonalValues(shape, gain ?? 1, seed ?? 0), shape);
    }
  }
  t.serialization.registerClass(FastOrthogonal as unknown as Parameters<typeof t.serialization.registerClass>[0]);
  fastOrthogonal = FastOrthogonal;
  return FastOrthogonal;
}

/** A seeded orthogonal initialiser for recurrent kernels (Keras's default kind). */
export function orthogonal(seed: number): Initializer {
  return new (fastOrthogonalClass())({ gain: 1, seed });
}

/** A seeded Glorot-uniform initialiser for input and dense kernels (Keras's default). */
export function glorot(seed: number): Initializer {
  return tf().initializers.glorotUniform({ seed });
}

/** Registers the engine's custom classes so saved models that use them can be loaded. */
export function registerInitializers(): void {
  fastOrthogonalClass();
}
