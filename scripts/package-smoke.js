#!/usr/bin/env node
/**
 * Packaging smoke check (`npm run package:smoke`), offline and without the Electron binary:
 * runs electron-builder with electron-builder.yml for `--linux dir`, using a stub Electron
 * distribution (a fake `electron` executable), no native rebuild, and output in a temp folder.
 * Then checks what a real package depends on: app.asar with the built app and production
 * dependencies only, better-sqlite3 (with its .node file) unpacked beside it, and the Electron
 * fuses: electron-builder.yml's `electronFuses` must turn off RunAsNode, NODE_OPTIONS and --inspect
 * and turn on asar integrity and asar-only loading, and the packaged binary (the stub carries a fuse
 * wire in Electron's format) must come out with those fuses flipped.
 * Needs a build first (`npm run build`). Options: --keep (keep the temp folder), --out DIR.
 */
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const pkg = require(path.join(root, 'package.json'));
const electronVersion = require(path.join(root, 'node_modules', 'electron', 'package.json')).version;

const argv = process.argv.slice(2);
const keep = argv.includes('--keep');
const outFlag = argv.indexOf('--out');
const work = outFlag >= 0 ? path.resolve(argv[outFlag + 1]) : fs.mkdtempSync(path.join(os.tmpdir(), 'lstm-package-'));

function fail(message) {
  console.error(`\nPackage smoke check FAILED: ${message}`);
  if (!keep && outFlag < 0) fs.rmSync(work, { recursive: true, force: true });
  else console.error(`Output kept in ${work}`);
  process.exit(1);
}

/** The fuses the package must have, as electronFuses keys and @electron/fuses' FuseV1Options names. */
const REQUIRED_FUSES = [
  { key: 'runAsNode', fuse: 'RunAsNode', on: false },
  { key: 'enableNodeOptionsEnvironmentVariable', fuse: 'EnableNodeOptionsEnvironmentVariable', on: false },
  { key: 'enableNodeCliInspectArguments', fuse: 'EnableNodeCliInspectArguments', on: false },
  { key: 'enableEmbeddedAsarIntegrityValidation', fuse: 'EnableEmbeddedAsarIntegrityValidation', on: true },
  { key: 'onlyLoadAppFromAsar', fuse: 'OnlyLoadAppFromAsar', on: true },
];

/**
 * A fuse wire as Electron's binary carries it: the sentinel, the wire version (1), its length and one
 * byte per fuse ('1' on, '0' off), here at Electron's defaults (RunAsNode, NODE_OPTIONS, --inspect and
 * file:// privileges on; the rest off), so the check sees electron-builder flip them.
 */
function stubFuseWire() {
  const { SENTINEL } = require('@electron/fuses/dist/constants');
  return Buffer.concat([Buffer.from(SENTINEL, 'ascii'), Buffer.from([1, 8]), Buffer.from('10110001', 'ascii')]);
}

/** A stand-in for an unpacked Electron distribution: all electron-builder copies for `--linux dir`. */
function makeStubElectronDist(dir) {
  fs.mkdirSync(path.join(dir, 'resources'), { recursive: true });
  fs.mkdirSync(path.join(dir, 'locales'), { recursive: true });
  const script = Buffer.from('#!/bin/sh\necho "stub Electron for the packaging smoke check"\nexit 0\n# ', 'ascii');
  fs.writeFileSync(path.join(dir, 'electron'), Buffer.concat([script, stubFuseWire(), Buffer.from('\n')]), { mode: 0o755 });
  fs.writeFileSync(path.join(dir, 'LICENSE'), 'Stub Electron distribution (smoke check only).\n');
  fs.writeFileSync(path.join(dir, 'version'), electronVersion);
  fs.writeFileSync(path.join(dir, 'locales', 'en-US.pak'), '');
}

async function main() {
  const entry = path.join(root, pkg.main);
  if (!fs.existsSync(entry)) fail(`${path.relative(root, entry)} does not exist: run \`npm run build\` first.`);

  const stub = path.join(work, 'electron-stub');
  const out = path.join(work, 'out');
  fs.rmSync(out, { recursive: true, force: true });
  makeStubElectronDist(stub);

  const cli = path.join(root, 'node_modules', 'electron-builder', 'cli.js');
  const args = [
    cli,
    '--linux', 'dir',
    '--config', 'electron-builder.yml',
    `-c.electronDist=${stub}`,
    `-c.electronVersion=${electronVersion}`,
    '-c.npmRebuild=false',
    `-c.directories.output=${out}`,
    '--publish', 'never',
  ];
  console.log(`Packaging with a stub Electron ${electronVersion} into ${out} ...`);
  const started = Date.now();
  const result = spawnSync(process.execPath, args, {
    cwd: root,
    stdio: 'inherit',
    env: {
      ...process.env,
      ELECTRON_SKIP_BINARY_DOWNLOAD: '1',
      CSC_IDENTITY_AUTO_DISCOVERY: 'false', // no code-signing lookups
      ELECTRON_BUILDER_CACHE: path.join(work, 'cache'), // anything it would fetch lands (and fails) here, not in ~/.cache
    },
  });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (result.error) fail(`could not run electron-builder: ${result.error.message}`);
  if (result.status !== 0) fail(`electron-builder exited with code ${result.status} after ${seconds} s (see its output above).`);

  const appDir = fs.readdirSync(out).map((d) => path.join(out, d)).find((d) => /-unpacked$/.test(d) && fs.statSync(d).isDirectory());
  if (!appDir) fail(`no *-unpacked folder in ${out}`);
  const resources = path.join(appDir, 'resources');
  const asarFile = path.join(resources, 'app.asar');
  const sqliteDir = path.join(resources, 'app.asar.unpacked', 'node_modules', 'better-sqlite3');
  const executable = path.join(appDir, pkg.name);

  const checks = [];
  const check = (ok, what) => checks.push({ ok: Boolean(ok), what });
  check(fs.existsSync(executable), `executable ${path.relative(out, executable)}`);
  check(fs.existsSync(asarFile), 'resources/app.asar');
  check(fs.existsSync(sqliteDir), 'resources/app.asar.unpacked/node_modules/better-sqlite3');
  for (const f of ['recurrent.wasm', 'recurrent-relaxed.wasm']) check(fs.existsSync(path.join(resources, 'app.asar.unpacked', 'dist', 'electron', 'engine', 'fused', f)), `resources/app.asar.unpacked holds the fused kernel (${f})`);
  const nodeFiles = fs.existsSync(sqliteDir) ? findFiles(sqliteDir, (f) => f.endsWith('.node')) : [];
  check(nodeFiles.some((f) => path.basename(f) === 'better_sqlite3.node'), 'better-sqlite3 native module (better_sqlite3.node) unpacked');

  const configured = require('yaml').parse(fs.readFileSync(path.join(root, 'electron-builder.yml'), 'utf8')).electronFuses ?? {};
  const { FuseV1Options, FuseState, getCurrentFuseWire } = { ...require('@electron/fuses'), ...require('@electron/fuses/dist/constants') };
  const wire = fs.existsSync(executable) ? await getCurrentFuseWire(executable).catch(() => null) : null;
  for (const f of REQUIRED_FUSES) {
    check(configured[f.key] === f.on, `electron-builder.yml electronFuses.${f.key}: ${f.on}`);
    const state = wire ? wire[FuseV1Options[f.fuse]] : undefined;
    check(state === (f.on ? FuseState.ENABLE : FuseState.DISABLE), `packaged binary fuse ${f.fuse} ${f.on ? 'on' : 'off'}`);
  }

  let asarFiles = [];
  if (fs.existsSync(asarFile)) {
    const asar = loadAsar();
    if (asar) {
      asarFiles = asar.listPackage(asarFile, { isPack: false }).map((f) => f.split(path.sep).join('/'));
      const has = (p) => asarFiles.includes(p);
      check(has('/package.json'), 'app.asar contains package.json');
      check(has(`/${pkg.main}`), `app.asar contains ${pkg.main}`);
      check(has('/dist/electron/preload.js'), 'app.asar contains the bundled preload');
      if (fs.existsSync(path.join(root, 'renderer', 'index.html'))) check(has('/dist/renderer/index.html'), 'app.asar contains the built renderer (dist/renderer/index.html)');
      check(!asarFiles.some((f) => f.startsWith('/dist/test/')), 'app.asar has no compiled tests (dist/test)');
      for (const dep of Object.keys(pkg.dependencies ?? {})) check(has(`/node_modules/${dep}`), `app.asar contains dependency ${dep}`);
      for (const dev of ['electron', 'typescript', 'electron-builder', 'vite', 'react']) {
        check(!has(`/node_modules/${dev}`), `app.asar leaves out devDependency ${dev}`);
      }
    }
  }

  let loaded = null;
  if (asarFiles.length > 0) {
    const extracted = path.join(work, 'extracted');
    fs.rmSync(extracted, { recursive: true, force: true });
    loadAsar().extractAll(asarFile, extracted);
    const unresolved = unresolvedRequires(extracted);
    check(unresolved.length === 0, `every require() of the compiled app resolves inside the package${unresolved.length ? ` (missing: ${unresolved.slice(0, 5).join(', ')})` : ''}`);
    loaded = loadDependencies(extracted);
    check(loaded.ok, `production dependencies load from the package in Node${loaded.ok ? '' : ` (${loaded.error})`}`);
  }

  console.log(`\nPackage smoke summary (${seconds} s in electron-builder):`);
  for (const c of checks) console.log(`  ${c.ok ? 'ok  ' : 'FAIL'} ${c.what}`);
  if (fs.existsSync(asarFile)) {
    console.log(`  app.asar: ${(fs.statSync(asarFile).size / 1e6).toFixed(1)} MB, ${asarFiles.length} entries`);
  }
  for (const f of nodeFiles) console.log(`  unpacked native module: ${path.relative(resources, f)}`);
  if (loaded && loaded.ok) console.log(`  loaded: ${loaded.loaded.join(', ')}`);

  // Installer targets need metadata the dir build does not check; say so before a release build fails.
  if (!pkg.homepage && !pkg.repository) console.log('  warning: package.json has no "homepage" (or "repository"): the .deb target will refuse to build.');
  if (!pkg.author) console.log('  warning: package.json has no "author": installers will show no vendor.');

  if (!keep && outFlag < 0) fs.rmSync(work, { recursive: true, force: true });
  else console.log(`  output kept in ${out}`);
  const failed = checks.filter((c) => !c.ok);
  if (failed.length) fail(`${failed.length} check(s) failed: ${failed.map((c) => c.what).join('; ')}`);
  console.log('\nPackage smoke check passed.');
}

/**
 * Bare `require('x')` calls in the compiled app (dist/) that do not resolve from where they are in
 * the extracted package: a runtime import of a devDependency, or a file the `files` patterns dropped.
 * Node built-ins, electron (provided by the runtime) and optional dependencies that are not installed
 * here (the code falls back when they are absent, e.g. @tensorflow/tfjs-node) are fine.
 */
function unresolvedRequires(appDir) {
  const { builtinModules, createRequire } = require('node:module');
  const builtins = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));
  const optional = new Set(Object.keys(require(path.join(appDir, 'package.json')).optionalDependencies ?? {}));
  const missing = new Set();
  for (const file of findFiles(path.join(appDir, 'dist'), (f) => f.endsWith('.js') && !f.includes(`${path.sep}renderer${path.sep}`))) {
    const text = fs.readFileSync(file, 'utf8');
    const requireFrom = createRequire(file);
    for (const [, spec] of text.matchAll(/\brequire\(["']([^"']+)["']\)/g)) {
      if (builtins.has(spec) || spec === 'electron' || spec.startsWith('electron/')) continue;
      if (optional.has(spec) && !fs.existsSync(path.join(appDir, 'node_modules', spec))) continue;
      try {
        const resolved = requireFrom.resolve(spec);
        if (!resolved.startsWith(appDir + path.sep)) missing.add(`${spec} (resolved outside the package)`);
      } catch {
        missing.add(`${spec} from ${path.relative(appDir, file)}`);
      }
    }
  }
  return [...missing].sort();
}

/**
 * Loads each production dependency from the extracted package in a separate Node process and does
 * a little work with the important ones (SQLite query, a tfjs sum on the wasm backend when present).
 * electron-store needs Electron and is skipped. better-sqlite3 loads because this check does not
 * rebuild it for Electron.
 */
function loadDependencies(appDir) {
  const skip = new Set(['electron-store']);
  const deps = Object.keys(pkg.dependencies ?? {}).filter((d) => !skip.has(d));
  const optional = Object.keys(pkg.optionalDependencies ?? {}).filter((d) => fs.existsSync(path.join(appDir, 'node_modules', d)));
  const script = `
    const { createRequire } = require('node:module');
    const req = createRequire(${JSON.stringify(path.join(appDir, 'package.json'))});
    const names = ${JSON.stringify(deps)};
    (async () => {
      for (const name of names) req(name);
      // An optional dependency may be installed without its native part (tfjs-node when libtensorflow
      // could not be downloaded): the app falls back then, so a load failure is reported, not fatal.
      for (const name of ${JSON.stringify(optional)}) {
        try { req(name); names.push(name); } catch (err) { names.push(name + ' (optional, unavailable: ' + String(err && err.message || err).split('\\n')[0].slice(0, 80) + ')'); }
      }
      if (names.includes('better-sqlite3')) {
        const Database = req('better-sqlite3');
        if (new Database(':memory:').prepare('select 41 + 1 as v').get().v !== 42) throw new Error('sqlite query failed');
      }
      if (names.includes('@tensorflow/tfjs')) {
        const tf = req('@tensorflow/tfjs');
        if (names.includes('@tensorflow/tfjs-backend-wasm')) {
          req('@tensorflow/tfjs-backend-wasm');
          if (!(await tf.setBackend('wasm'))) throw new Error('the tfjs wasm backend did not initialise');
        }
        const sum = tf.tensor1d([1, 2, 3]).sum().dataSync()[0];
        if (sum !== 6) throw new Error('tfjs computed ' + sum);
        names.push('tfjs backend ' + tf.getBackend());
      }
      process.stdout.write(JSON.stringify(names));
    })().catch((err) => { process.stderr.write(String(err && err.stack || err)); process.exit(1); });
  `;
  const result = require('node:child_process').spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', timeout: 60_000 });
  if (result.status !== 0) return { ok: false, error: (result.stderr || result.error?.message || 'failed').split('\n')[0] };
  return { ok: true, loaded: JSON.parse(result.stdout) };
}

function findFiles(dir, keep) {
  const out = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...findFiles(p, keep));
    else if (keep(p)) out.push(p);
  }
  return out;
}

function loadAsar() {
  try {
    return require('@electron/asar');
  } catch {
    console.warn('  (@electron/asar not installed: the contents of app.asar are not checked)');
    return null;
  }
}

main().catch((err) => fail(err && err.stack ? err.stack : String(err)));
