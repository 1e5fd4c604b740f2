#!/usr/bin/env node
// Rebuilds the fused kernel (LSTM/GRU, convolution, batch norm) from native/recurrent/*.c with
// clang's wasm32 target and wasm-ld, in two builds: recurrent.wasm (WebAssembly SIMD) and
// recurrent-relaxed.wasm (with relaxed SIMD: fused multiply-adds in the matrix products, used where
// the runtime has them). Relaxed SIMD needs clang 16 or newer (Debian 12: apt-get install clang-19
// lld-19); CLANG picks the compiler, else the newest clang-NN on PATH, else clang. The built .wasm
// files are committed, so users and CI need no compiler; run this only after changing native/recurrent.
//   node scripts/build-wasm.js [--check]   (--check: fail if a committed .wasm is out of date)
const { execFileSync, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const dir = path.resolve(__dirname, '..', 'native', 'recurrent');
// The sources' SHA-256, written beside the .wasm: a unit test recomputes it (no compiler needed) and
// fails when a source changed without a rebuild.
const stamp = path.join(dir, 'recurrent.wasm.sources');
const sources = fs.readdirSync(dir).filter((f) => f.endsWith('.c')).sort().map((f) => path.join(dir, f));
const clang = process.env.CLANG || ['clang-19', 'clang-18', 'clang-17', 'clang-16'].find((c) => spawnSync(c, ['--version'], { stdio: 'ignore' }).status === 0) || 'clang';
const check = process.argv.includes('--check');
const BUILDS = [
  { file: 'recurrent.wasm', flags: [] },
  { file: 'recurrent-relaxed.wasm', flags: ['-mrelaxed-simd'] },
];

let stale = false;
for (const build of BUILDS) {
  const out = path.join(dir, build.file);
  const target = check ? path.join(os.tmpdir(), `${process.pid}-${build.file}`) : out;
  execFileSync(clang, [
    '--target=wasm32', '-O3', '-msimd128', ...build.flags, '-matomics', '-mbulk-memory', '-nostdlib', '-ffreestanding',
    '-mmutable-globals', '-fno-builtin', '-Wall', '-Werror',
    // One shared memory for every thread, imported from JavaScript; no libc, no entry point.
    '-Wl,--no-entry', '-Wl,--import-memory', '-Wl,--shared-memory', '-Wl,--max-memory=4294967296',
    '-Wl,--export=__heap_base', '-Wl,--export=__stack_pointer', '-Wl,-z,stack-size=65536',
    '-o', target, ...sources,
  ], { stdio: 'inherit' });
  if (check) {
    const same = fs.existsSync(out) && Buffer.compare(fs.readFileSync(out), fs.readFileSync(target)) === 0;
    fs.rmSync(target);
    if (!same) {
      console.error(`${path.relative(process.cwd(), out)} is out of date (or was built by another clang than ${clang}): run node scripts/build-wasm.js and commit it.`);
      stale = true;
    }
  } else {
    console.log(`${path.relative(process.cwd(), out)}: ${fs.statSync(out).size} bytes (${clang})`);
  }
}
if (check) {
  if (stale) process.exit(1);
  console.log('the kernel builds are up to date');
} else {
  fs.writeFileSync(stamp, sourcesHash() + '\n');
}

/** SHA-256 over the names and contents of native/recurrent's .c and .h files, in name order. */
function sourcesHash() {
  const hash = require('node:crypto').createHash('sha256');
  for (const f of fs.readdirSync(dir).filter((n) => /\.[ch]$/.test(n)).sort()) hash.update(f + '\n' + fs.readFileSync(path.join(dir, f), 'utf8').replace(/\r\n/g, '\n'));
  return hash.digest('hex');
}
