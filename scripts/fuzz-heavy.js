#!/usr/bin/env node
// The heavy hostile cases, kept out of `npm test`: gigabyte files and SIGKILL loops through the real
// CLI on one project, then a check that nothing was lost. Prints a summary (and --json writes it).
//   node scripts/fuzz-heavy.js [--size-mb 1024] [--kills 8] [--json OUT.json]
// Needs `node scripts/build.js node` first. Every case asserts: exit 1 (never 2) with a short message
// for refused input; after every kill, PRAGMA integrity_check ok, no half-written dataset or model
// version, no orphaned model folder once the app starts again, and the datasets and models made
// before the kills unchanged (row counts, fingerprints, model files' SHA-256).
const { spawn, spawnSync } = require('node:child_process');
const { createHash } = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const Database = require('better-sqlite3');

const root = path.resolve(__dirname, '..');
const bin = path.join(root, 'bin', 'lstm-studio.js');
const args = process.argv.slice(2);
const opt = (name, def) => (args.includes(name) ? args[args.indexOf(name) + 1] : def);
const sizeMb = Number(opt('--size-mb', '1024'));
const killsPerKind = Number(opt('--kills', '8'));
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'lstm-fuzz-heavy-'));
const home = path.join(work, 'home');
const summary = { sizeMb, cases: [], kills: [], tried: 0, handled: 0, killsSurvived: 0, killsLanded: 0, lost: 0 };
let seed = 7;
const rand = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);

function cli(argv, { timeoutMs = 30 * 60_000 } = {}) {
  const started = Date.now();
  const r = spawnSync(process.execPath, [bin, ...argv, '--home', home], { encoding: 'utf8', timeout: timeoutMs, maxBuffer: 64 << 20 });
  return { code: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr, ms: Date.now() - started };
}

/** Runs the CLI and SIGKILLs it `afterMs` after it starts (or after its first progress line when `onProgress`). */
function killed(argv, afterMs, onProgress = false) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [bin, ...argv, '--home', home], { stdio: ['ignore', 'pipe', 'pipe'] });
    let timer = onProgress ? null : setTimeout(() => child.kill('SIGKILL'), afterMs);
    let err = '';
    child.stderr.on('data', (d) => {
      err += d;
      if (onProgress && !timer) timer = setTimeout(() => child.kill('SIGKILL'), afterMs);
    });
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stderr: err });
    });
  });
}

function message(stderr) {
  return stderr.split('\n').filter((l) => l.trim() && !/^(Importing|Training|Reading|Checking|Scoring|Epoch)\b/.test(l) && !l.includes('\r')).join('\n').replace(/^Error: /, '');
}

/** A refused input: exit 1, a message under ~300 characters, no stack, nothing stored. */
function refusedCase(name, argv, expect) {
  summary.tried++;
  const before = state();
  const r = cli(argv);
  const m = message(r.stderr);
  const after = state();
  const ok = r.code === 1 && m.length > 10 && m.length <= 320 && !/\n\s+at |Internal error/.test(m) && (!expect || expect.test(m)) && same(before, after) && after.integrity === 'ok';
  if (ok) summary.handled++;
  summary.cases.push({ name, ok, exit: r.code, seconds: r.ms / 1000, message: m.slice(0, 200) });
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${name}: exit ${r.code} in ${(r.ms / 1000).toFixed(1)} s: ${m.slice(0, 160)}`);
}

/** What the project holds: datasets, models with their files' hashes, folders under models/, integrity. */
function state() {
  if (!fs.existsSync(path.join(home, 'studio.sqlite'))) return { integrity: 'ok', datasets: [], models: [], folders: [] };
  const db = new Database(path.join(home, 'studio.sqlite'), { readonly: true });
  try {
    const integrity = db.pragma('integrity_check', { simple: true });
    const datasets = db.prepare('SELECT id, name, row_count AS rows, fingerprint FROM datasets ORDER BY id').all();
    const models = db.prepare('SELECT name, version, path FROM models ORDER BY name, version').all().map((m) => ({ ...m, files: hashFolder(m.path) }));
    return { integrity, datasets, models, folders: modelFolders() };
  } finally {
    db.close();
  }
}

function hashFolder(dir) {
  if (!fs.existsSync(dir)) return null;
  const h = createHash('sha256');
  for (const f of fs.readdirSync(dir).sort()) h.update(f).update(fs.readFileSync(path.join(dir, f)));
  return h.digest('hex');
}

function modelFolders() {
  const dir = path.join(home, 'models');
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir).flatMap((m) => fs.readdirSync(path.join(dir, m)).map((v) => `${m}/${v}`)).sort();
}

function same(a, b) {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** After a kill: integrity, no dataset without rows, every registered version's files there, and nothing made before lost. */
function checkAfterKill(kind, base, r) {
  const s = state();
  const problems = [];
  if (s.integrity !== 'ok') problems.push(`integrity_check: ${s.integrity}`);
  for (const d of s.datasets) if (!(d.rows > 0) || !d.fingerprint) problems.push(`dataset ${d.id} half-written`);
  for (const m of s.models) if (!m.files) problems.push(`${m.name} v${m.version} has no folder`);
  for (const d of base.datasets) if (!s.datasets.some((x) => same(x, d))) problems.push(`dataset ${d.id} changed or lost`);
  for (const m of base.models) if (!s.models.some((x) => same(x, m))) problems.push(`${m.name} v${m.version} changed or lost`);
  const ok = problems.length === 0;
  summary.kills.push({ kind, signal: r.signal, exit: r.code, ok, problems });
  if (r.signal === 'SIGKILL') summary.killsLanded++;
  if (ok) summary.killsSurvived++;
  else summary.lost++;
  console.log(`${ok ? 'ok  ' : 'FAIL'} kill during ${kind} (${r.signal ?? `exit ${r.code}`})${ok ? '' : `: ${problems.join('; ')}`}`);
  return s;
}

function writeBig(file, mb, lastLine) {
  const fd = fs.openSync(file, 'w');
  const head = 'timestamp,asset_id,temperature_c,vibration_mm_s\n';
  let written = fs.writeSync(fd, head);
  const t0 = Date.UTC(2020, 0, 1);
  let step = 0;
  while (written < mb * 1024 * 1024) {
    let block = '';
    for (let k = 0; k < 5000; k++, step++) {
      const ts = new Date(t0 + Math.floor(step / 4) * 60_000).toISOString().slice(0, 19);
      block += `${ts},P-${step % 4},${(60 + 5 * Math.sin(step / 900)).toFixed(2)},${((step % 97) / 30).toFixed(3)}\n`;
    }
    written += fs.writeSync(fd, block);
  }
  if (lastLine) fs.writeSync(fd, lastLine);
  fs.closeSync(fd);
}

async function main() {
  fs.mkdirSync(home, { recursive: true });
  console.log(`Heavy hostile cases in ${work} (${sizeMb} MB files, ${killsPerKind} kills of each kind)`);
  // What the project holds before: one dataset and one model, which every later step must leave intact.
  const small = path.join(work, 'small.csv');
  writeBig(small, 2);
  if (cli(['import', small, '--name', 'base']).code !== 0) throw new Error('the base import failed');
  const train = ['train', '--data', small, '--task', 'forecast', '--target', 'temperature_c', '--features', 'temperature_c,vibration_mm_s', '--window', '12', '--epochs', '1', '--set', 'recurrent.units=[32]', '--name', 'base'];
  const t = cli(train);
  if (t.code !== 0) throw new Error(`the base training failed: ${t.stderr}`);
  const exported = path.join(work, 'base.lsmodel');
  if (cli(['models', 'export', 'base@1', '--out', exported]).code !== 0) throw new Error('the export failed');

  // Gigabyte inputs, refused at the end or up front.
  const big = path.join(work, 'big-bad-end.csv');
  writeBig(big, sizeMb, '2020-01-01T00:00:00,P-0,abc?,1\n');
  refusedCase(`${sizeMb} MB CSV, text in a number on its last line`, ['import', big], /is not a number/);
  const dup = path.join(work, 'big-dup-end.csv');
  fs.renameSync(big, dup);
  fs.truncateSync(dup, fs.statSync(dup).size - '2020-01-01T00:00:00,P-0,abc?,1\n'.length);
  fs.appendFileSync(dup, '1850-01-01T00:00:00,P-0,1,1\n');
  refusedCase(`${sizeMb} MB CSV, a date before 1900 on its last line`, ['import', dup], /outside the years 1900-2200/);
  fs.rmSync(dup);
  const noNewline = path.join(work, 'no-newline.csv');
  fs.writeFileSync(noNewline, Buffer.alloc(200 * 1024 * 1024, 0x61));
  refusedCase('200 MB without a line break', ['import', noNewline]);
  fs.rmSync(noNewline);
  const fakeModel = path.join(work, 'big.lsmodel');
  const fd = fs.openSync(fakeModel, 'w');
  fs.writeSync(fd, Buffer.from('LSTM-STUDIO-MODEL\n'));
  fs.ftruncateSync(fd, sizeMb * 1024 * 1024);
  fs.closeSync(fd);
  refusedCase(`${sizeMb} MB model export of zeros after the signature`, ['models', 'import', fakeModel]);
  fs.rmSync(fakeModel);
  const cut = path.join(work, 'cut.lsmodel');
  fs.writeFileSync(cut, fs.readFileSync(exported).subarray(0, 5000));
  refusedCase('a model export cut at 5,000 bytes', ['models', 'import', cut], /truncated/);

  // Kill loops: SIGKILL at a random moment, then check. The import file is large enough to be killed mid-way.
  const mid = path.join(work, 'mid.csv');
  writeBig(mid, Math.min(240, sizeMb));
  let base = state();
  for (let k = 0; k < killsPerKind; k++) checkAfterKill('import', base, await killed(['import', mid], 50 + rand() * 1500, true));
  for (let k = 0; k < killsPerKind; k++) checkAfterKill('training and its save', base, await killed([...train.slice(0, -2), '--name', 'killed'], 1500 + rand() * 7000));
  base = state();
  for (let k = 0; k < killsPerKind; k++) checkAfterKill('models import', base, await killed(['models', 'import', exported, '--name', 'copy'], 150 + rand() * 900));
  base = state();
  for (let k = 0; k < killsPerKind; k++) {
    const move = k % 2 ? ['models', 'rollback', 'base', '--reason', 'kill loop'] : ['models', 'deploy', 'base@1', '--force', '--no-evaluate', '--reason', 'kill loop'];
    checkAfterKill(move[1], base, await killed(move, 150 + rand() * 700));
  }
  // The next start sweeps what a kill left in models/ (folders without a registry row).
  const leftBefore = state().folders;
  cli(['models', 'list']);
  const after = state();
  const registered = new Set(after.models.map((m) => path.relative(path.join(home, 'models'), m.path)));
  const orphans = after.folders.filter((f) => !registered.has(f));
  summary.orphansBeforeStart = leftBefore.length - registered.size;
  summary.orphansAfterStart = orphans.length;
  console.log(`model folders without a registry row: ${summary.orphansBeforeStart} after the kills, ${orphans.length} after the next start${orphans.length ? `: ${orphans.join(', ')}` : ''}`);
  // Still usable: an import and a training complete.
  summary.usableAfter = cli(['import', small, '--name', 'after']).code === 0 && cli(train).code === 0;
  console.log(`\n${summary.handled} of ${summary.tried} heavy inputs refused cleanly; ${summary.killsSurvived} of ${summary.kills.length} kill attempts survived with nothing lost (${summary.killsLanded} landed mid-way, the others after the command had finished); the project ${summary.usableAfter ? 'still imports and trains' : 'FAILED to import or train afterwards'}.`);
  const out = opt('--json', null);
  if (out) fs.writeFileSync(out, JSON.stringify(summary, null, 2));
  fs.rmSync(work, { recursive: true, force: true });
  process.exit(summary.handled === summary.tried && summary.lost === 0 && summary.orphansAfterStart === 0 && summary.usableAfter ? 0 : 1);
}

main().catch((err) => {
  console.error(err);
  process.exit(2);
});
