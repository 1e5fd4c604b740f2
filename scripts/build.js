#!/usr/bin/env node
// Builds everything into dist/: the Node side (tsc), the preload (esbuild bundle, since sandboxed
// preloads cannot require local files) and the renderer (Vite). Type-checks the renderer and preload.
const { execFileSync } = require('node:child_process');
const path = require('node:path');
const fs = require('node:fs');

const root = path.resolve(__dirname, '..');
const bin = (name) => path.join(root, 'node_modules', '.bin', name);
const run = (cmd, args) => execFileSync(cmd, args, { cwd: root, stdio: 'inherit' });
const only = process.argv[2]; // optional: node | renderer

if (!only || only === 'node') {
  run(bin('tsc'), ['-p', 'tsconfig.json']);
  // The fused kernel, plain and relaxed-SIMD builds (built from native/recurrent by scripts/build-wasm.js, committed).
  for (const f of ['recurrent.wasm', 'recurrent-relaxed.wasm']) fs.copyFileSync(path.join(root, 'native', 'recurrent', f), path.join(root, 'dist', 'electron', 'engine', 'fused', f));
  if (fs.existsSync(path.join(root, 'electron', 'preload.ts'))) {
    run(bin('tsc'), ['-p', 'electron/tsconfig.preload.json']);
    run(bin('esbuild'), ['electron/preload.ts', '--bundle', '--platform=node', '--format=cjs', '--external:electron',
      '--outfile=dist/electron/preload.js', '--log-level=warning']);
  }
}
if (!only || only === 'renderer') {
  if (fs.existsSync(path.join(root, 'renderer', 'index.html'))) {
    run(bin('tsc'), ['-p', 'renderer/tsconfig.json']);
    // The previous bundles go; dist/renderer/src (the renderer logic the unit tests import, from tsc) stays.
    fs.rmSync(path.join(root, 'dist', 'renderer', 'assets'), { recursive: true, force: true });
    run(bin('vite'), ['build', '--config', 'renderer/vite.config.mjs', '--logLevel', 'warn']);
  }
}
