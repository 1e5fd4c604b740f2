/**
 * The committed fused kernel (native/recurrent/recurrent.wasm and recurrent-relaxed.wasm) is built
 * from the committed C sources, and its two builds compute the same products.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { kernelRuntime } from '../../electron/engine/fused/kernel-runtime';
import type { KernelExports } from '../../electron/engine/fused/kernel-protocol';
import { createRng } from '../../shared/random';
import { projectRoot } from '../helpers/fixtures';

test('recurrent.wasm was rebuilt after the last change to its sources', () => {
  const dir = path.join(projectRoot(), 'native', 'recurrent');
  const hash = createHash('sha256');
  for (const f of fs.readdirSync(dir).filter((n) => /\.[ch]$/.test(n)).sort()) hash.update(f + '\n' + fs.readFileSync(path.join(dir, f), 'utf8').replace(/\r\n/g, '\n'));
  const stamp = fs.readFileSync(path.join(dir, 'recurrent.wasm.sources'), 'utf8').trim();
  assert.equal(hash.digest('hex'), stamp, 'native/recurrent/*.c|h changed since recurrent.wasm was built: run `node scripts/build-wasm.js` (Debian: apt-get install clang lld) and commit the .wasm');
  for (const f of ['recurrent.wasm', 'recurrent-relaxed.wasm']) assert.ok(fs.statSync(path.join(dir, f)).size > 1000, f);
});

test('the relaxed-SIMD build loads here and its matrix products equal the plain build\'s to rounding', () => {
  assert.equal(kernelRuntime()?.build, 'relaxed', 'Node 20 compiles the relaxed build once V8 is told to');
  const [M, N, K] = [13, 37, 70];
  const rng = createRng(3);
  const a = Float32Array.from({ length: M * K + K * N }, () => rng() * 2 - 1);
  const products = ['recurrent.wasm', 'recurrent-relaxed.wasm'].map((f) => {
    const memory = new WebAssembly.Memory({ initial: 64, maximum: 65536, shared: true });
    const module = new WebAssembly.Module(fs.readFileSync(path.join(projectRoot(), 'native', 'recurrent', f)));
    const k = new WebAssembly.Instance(module, { env: { memory } }).exports as unknown as KernelExports;
    const base = Math.ceil((k.__heap_base.value as number) / 64) * 64;
    new Float32Array(memory.buffer).set(a, base / 4);
    const c = base + a.length * 4;
    k.gemm_test(M, N, K, base, K, 1, base + M * K * 4, N, c, N, 0);
    return new Float32Array(memory.buffer).slice(c / 4, c / 4 + M * N);
  });
  const scale = Math.max(...products[1].map(Math.abs));
  products[0].forEach((v, i) => assert.ok(Math.abs(v - products[1][i]) <= 1e-5 * scale, `element ${i}: ${v} against ${products[1][i]}`));
});
