#!/usr/bin/env node
// Rebuilds native/recurrent/recurrent.wasm (the fused LSTM/GRU kernel) from its C sources with
// clang's wasm32 target and wasm-ld (Debian: apt-get install clang lld). The built .wasm is
// committed, so users and CI need no compiler; run this only after changing native/recurrent/*.c.
//   node scripts/build-wasm.js [--check]   (--check: fail if the committed .wasm is out of date)
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const dir = path.resolve(__dirname, '..', 'native', 'recurrent');
const out = path.join(dir, 'recurrent.wasm');
// The sources' SHA-256, written beside the .wasm: a unit test recomputes it (no compiler needed) and
// fails when a source changed without a rebuild.
const stamp = path.join(dir, 'recurrent.wasm.sources');
const sources = fs.readdirSync(dir).filter((f) => f.endsWith('.c')).sort().map((f) => path.join(dir, f));
const clang = process.env.CLANG || 'clang';
const target = process.argv.includes('--check') ? path.join(os.tmpdir(), `recurrent-${process.pid}.wasm`) : out;

execFileSync(clang, [
  '--target=wasm32', '-O3', '-msimd128', '-matomics', '-mbulk-memory', '-nostdlib', '-ffreestanding',
  '-mmutable-globals', '-fno-builtin', '-Wall', '-Werror',
  // One shared memory for every thread, imported from JavaScript; no libc, no entry point.
  '-Wl,--no-entry', '-Wl,--import-memory', '-Wl,--shared-memory', '-Wl,--max-memory=4294967296',
  '-Wl,--export=__heap_base', '-Wl,--export=__stack_pointer', '-Wl,-z,stack-size=65536',
  '-o', target, ...sources,
], { stdio: 'inherit' });

if (target !== out) {
  const same = fs.existsSync(out) && Buffer.compare(fs.readFileSync(out), fs.readFileSync(target)) === 0;
  fs.rmSync(target);
  if (!same) {
    console.error(`${path.relative(process.cwd(), out)} is out of date: run node scripts/build-wasm.js and commit it.`);
    process.exit(1);
  }
  console.log('recurrent.wasm is up to date');
} else {
  fs.writeFileSync(stamp, sourcesHash() + '\n');
  console.log(`${path.relative(process.cwd(), out)}: ${fs.statSync(out).size} bytes`);
}

/** SHA-256 over the names and contents of native/recurrent's .c and .h files, in name order. */
function sourcesHash() {
  const hash = require('node:crypto').createHash('sha256');
  for (const f of fs.readdirSync(dir).filter((n) => /\.[ch]$/.test(n)).sort()) hash.update(f + '\n' + fs.readFileSync(path.join(dir, f), 'utf8').replace(/\r\n/g, '\n'));
  return hash.digest('hex');
}
