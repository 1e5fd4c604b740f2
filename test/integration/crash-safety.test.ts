/**
 * A CLI import killed with SIGKILL half-way (power cut, OOM killer) or cancelled with Ctrl-C must
 * leave the database with nothing of that import and still usable.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, execFileSync, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import Database from 'better-sqlite3';
import { DB_FILE } from '../../electron/app/context';

const ROOT = path.resolve(__dirname, '../../..');
const BIN = path.join(ROOT, 'bin', 'lstm-studio.js');
/**
 * How long the import runs after its first progress line before it is killed: the importer reads
 * this 240 MB file at 250-370 MB/s here (0.7-1 s), so 200 ms is well into storing chunks and far
 * short of the end, even on a machine twice as fast.
 */
const KILL_DELAY_MS = 200;
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'lstm-crash-'));
const big = path.join(work, 'big.csv');
before(() => {
  writeSensorCsv(big, 240, 4);
  assert.ok(fs.statSync(big).size > 230 * 1024 * 1024, 'about 240 MB of CSV');
});
after(() => fs.rmSync(work, { recursive: true, force: true }));

/** Writes a long-format sensor CSV of about `sizeMb` with `assets` assets (the project's generator script); returns its row count. */
function writeSensorCsv(file: string, sizeMb: number, assets: number): number {
  const report = execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'make-sensor-csv.js'), file, String(sizeMb), String(assets)], { encoding: 'utf8' });
  return Number(/(\d+) rows/.exec(report)?.[1]); // "<file>: 60 MB, 968000 rows"
}

function countRows(dbFile: string): { datasets: number; chunks: number; integrity: string } {
  const db = new Database(dbFile);
  try {
    const count = (table: string) => (db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;
    const integrity = (db.prepare('PRAGMA integrity_check').get() as { integrity_check: string }).integrity_check;
    return { datasets: count('datasets'), chunks: count('series_chunks'), integrity };
  } finally {
    db.close();
  }
}

/**
 * Starts `lstm-studio import big.csv`, waits until it reports progress and has run on for
 * KILL_DELAY_MS, sends `signal`, and returns how the process ended and what it printed.
 */
async function interruptImport(home: string, signal: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [BIN, 'import', big, '--home', home], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  let stdout = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
  const exited = new Promise<[number | null, NodeJS.Signals | null]>((resolve) => child.on('exit', (code, sig) => resolve([code, sig])));
  await new Promise<void>((resolve, reject) => {
    child.stderr.on('data', (c: Buffer) => {
      stderr += c.toString();
      // Once rows are being read ("Importing big.csv: Reading rows 2% (22,794 rows, ...)"), let the
      // import run on so that it is well into storing chunks, then interrupt it.
      if (/Importing big\.csv: .*\(([1-9][\d,]*) rows/.test(stderr)) setTimeout(resolve, KILL_DELAY_MS);
    });
    child.on('exit', () => reject(new Error(`The import ended before it could be interrupted.\nstdout: ${stdout}\nstderr: ${stderr}`)));
  });
  child.kill(signal);
  const [code, sig] = await exited;
  return { code, signal: sig, stdout, stderr };
}

/** Runs the CLI to completion. */
function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) =>
    execFile(process.execPath, [BIN, ...args], (err, out, errText) =>
      resolve({ code: err ? Number((err as { code?: unknown }).code ?? 1) : 0, stdout: out, stderr: errText }),
    ),
  );
}

test('SIGKILL during an import leaves no dataset and no chunks, and the database keeps working', { timeout: 180_000 }, async () => {
  const home = path.join(work, 'home');

  const run = await interruptImport(home, 'SIGKILL');
  assert.equal(run.signal, 'SIGKILL', 'the import was still running when it was killed');
  assert.doesNotMatch(run.stdout, /Imported dataset/);

  const dbFile = path.join(home, DB_FILE);
  assert.ok(fs.existsSync(dbFile), 'the database was created');
  assert.deepEqual(countRows(dbFile), { datasets: 0, chunks: 0, integrity: 'ok' });

  const small = path.join(work, 'small.csv');
  const rows = writeSensorCsv(small, 0.01, 4);
  const result = await cli(['import', small, '--home', home, '--json']);
  assert.equal(result.code, 0, result.stderr);
  const dataset = JSON.parse(result.stdout).dataset;
  assert.equal(dataset.rows, rows);
  assert.equal(dataset.entities, 4);
  const afterwards = countRows(dbFile);
  assert.equal(afterwards.datasets, 1);
  assert.ok(afterwards.chunks > 0, 'the new import stored its chunks');
  assert.equal(afterwards.integrity, 'ok');
});

test('Ctrl-C during an import cancels it: exit 1, a clear message, nothing stored', { timeout: 120_000 }, async () => {
  const home = path.join(work, 'home-cancel');
  const run = await interruptImport(home, 'SIGINT');
  assert.equal(run.code, 1, run.stderr);
  assert.match(run.stderr, /^Import cancelled; nothing was stored\.$/m);
  assert.equal(run.stdout, '');
  assert.deepEqual(countRows(path.join(home, DB_FILE)), { datasets: 0, chunks: 0, integrity: 'ok' });
  const list = await cli(['datasets', '--json', '--home', home]);
  assert.deepEqual(JSON.parse(list.stdout), { datasets: [] });
});
