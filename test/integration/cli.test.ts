/** The `lstm-studio` command as a user runs it: a child process on the real data files, a fresh home per test. */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '../../..');
const BIN = path.join(ROOT, 'bin', 'lstm-studio.js');
const DATA = path.resolve(ROOT, '..', 'shared', 'data');
const NAB = path.join(DATA, 'nab', 'machine_temperature_system_failure.csv');
const ITALY = path.join(DATA, 'ucr-italy', 'ItalyPowerDemand_TRAIN.tsv');

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** The environment of a CLI run: LSTM_STUDIO_HOME is cleared so only --home (or `extra`) decides the home. */
function cliEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env = { ...process.env, ...extra };
  if (!('LSTM_STUDIO_HOME' in extra)) delete env.LSTM_STUDIO_HOME;
  return env;
}

/** Runs the CLI to completion. */
function cli(args: string[], env: NodeJS.ProcessEnv = {}): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { env: cliEnv(env), maxBuffer: 16 * 1024 * 1024 }, (err, stdout, stderr) => {
      const code = err ? Number((err as { code?: unknown }).code ?? 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

const homes: string[] = [];
after(() => homes.forEach((h) => fs.rmSync(h, { recursive: true, force: true })));

/** A fresh, empty home folder, removed when the tests end. */
function tempHome(): string {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'lstm-cli-'));
  homes.push(home);
  return home;
}

function json(run: Run): any {
  assert.equal(run.code, 0, `exit ${run.code}; stderr: ${run.stderr}`);
  return JSON.parse(run.stdout);
}

test('import --json of the NAB machine temperature file gives the documented shape and plausible stats', async () => {
  const home = tempHome();
  const out = json(await cli(['import', NAB, '--home', home, '--json']));
  assert.deepEqual(Object.keys(out), ['dataset']);
  const d = out.dataset;
  assert.deepEqual(Object.keys(d), ['id', 'name', 'rows', 'entities', 'timeColumn', 'entityColumn', 'columns']);
  assert.equal(typeof d.id, 'number');
  assert.equal(d.name, 'machine_temperature_system_failure');
  assert.equal(d.rows, 22695);
  assert.equal(d.entities, 1);
  assert.equal(d.timeColumn, 'timestamp');
  assert.equal(d.entityColumn, null);
  for (const c of d.columns) assert.deepEqual(Object.keys(c), ['name', 'type', 'count', 'missing', 'min', 'max', 'mean', 'std']);
  const value = d.columns.find((c: { name: string }) => c.name === 'value');
  assert.ok(value, 'a value column');
  assert.equal(value.type, 'number');
  assert.equal(value.count, 22695);
  assert.equal(value.missing, 0);
  // Reference figures computed independently (Python statistics) from the same file.
  assert.ok(Math.abs(value.min - 2.0847212) < 1e-6, `min ${value.min}`);
  assert.ok(Math.abs(value.max - 108.5105428) < 1e-6, `max ${value.max}`);
  assert.ok(Math.abs(value.mean - 85.9264982) < 1e-5, `mean ${value.mean}`);
  assert.ok(Math.abs(value.std - 13.7466) < 1e-3, `std ${value.std}`);
});

test('import without --json prints the id and a profile table on stdout, progress only on stderr', async () => {
  const home = tempHome();
  const run = await cli(['import', NAB, '--home', home]);
  assert.equal(run.code, 0, run.stderr);
  assert.match(run.stdout, /^Imported dataset 1: machine_temperature_system_failure$/m);
  assert.match(run.stdout, /^\s+rows\s+22,695$/m);
  assert.match(run.stdout, /^\s+interval\s+5 min/m);
  assert.match(run.stdout, /^name\s+type\s+count\s+missing\s+min\s+max\s+mean\s+std$/m);
  assert.match(run.stdout, /^value\s+number\s+22,695\s+0\s+2\.0847\s+108\.51\s+85\.926\s+13\.747$/m);
  assert.match(run.stderr, /^Importing machine_temperature_system_failure\.csv: .*\d+ rows/m);
  assert.doesNotMatch(run.stdout, /Importing/);
});

test('import of the UCR ItalyPowerDemand file as wide, headerless, labelled sequences gives 67 entities', async () => {
  const home = tempHome();
  const d = json(await cli(['import', ITALY, '--home', home, '--no-header', '--format', 'wide', '--label', 'c1', '--json'])).dataset;
  assert.equal(d.entities, 67);
  assert.equal(d.rows, 67);
  assert.equal(d.name, 'ItalyPowerDemand_TRAIN');
});

test('datasets --json lists every imported dataset', async () => {
  const home = tempHome();
  json(await cli(['import', NAB, '--home', home, '--json']));
  json(await cli(['import', ITALY, '--home', home, '--no-header', '--format', 'wide', '--label', 'c1', '--json']));
  const { datasets } = json(await cli(['datasets', '--json', '--home', home]));
  assert.deepEqual(
    datasets.map((s: { name: string; rows: number; format: string }) => [s.name, s.rows, s.format]).sort(),
    [
      ['ItalyPowerDemand_TRAIN', 67, 'wide'],
      ['machine_temperature_system_failure', 22695, 'long'],
    ],
  );
  const table = await cli(['datasets', '--home', home]);
  assert.match(table.stdout, /^id\s+name\s+rows\s+entities\s+format\s+created$/m);
  assert.match(table.stdout, /machine_temperature_system_failure\s+22,695\s+1\s+long/);
});

test('a malformed file fails with exit 1, names the row and column, and stores nothing', async () => {
  const home = tempHome();
  const file = path.join(home, 'bad.csv');
  const lines = ['step,pressure'];
  for (let i = 0; i < 5000; i++) lines.push(`${i},${i === 2999 ? 'n/a?' : (i * 0.5).toFixed(1)}`);
  fs.writeFileSync(file, lines.join('\n') + '\n'); // data row 3,000 is file line 3,001
  const run = await cli(['import', file, '--home', home]);
  assert.equal(run.code, 1, run.stderr);
  assert.match(run.stderr, /(line 3,001|row 3,000)/i);
  assert.match(run.stderr, /pressure/);
  assert.match(run.stderr, /n\/a\?/);
  assert.doesNotMatch(run.stderr, /^\s+at /m, 'no stack trace for a user error');
  assert.equal(run.stdout, '');
  assert.deepEqual(json(await cli(['datasets', '--json', '--home', home])), { datasets: [] });
});

test('a missing file and bad arguments exit 1 with a message', async () => {
  const home = tempHome();
  const missing = await cli(['import', path.join(home, 'nope.csv'), '--home', home]);
  assert.equal(missing.code, 1);
  assert.match(missing.stderr, /File not found: .*nope\.csv/);
  const unknown = await cli(['fit', '--home', home]);
  assert.equal(unknown.code, 1);
  assert.match(unknown.stderr, /Unknown command "fit"/);
  const badFlag = await cli(['datasets', '--verbose', '--home', home]);
  assert.equal(badFlag.code, 1);
  assert.match(badFlag.stderr, /Unknown option --verbose\. Run `lstm-studio datasets --help`/);
  const none = await cli([]);
  assert.equal(none.code, 1);
  assert.match(none.stderr, /^Usage: lstm-studio <command>/);
});

test('--help works for every command and --version prints the version', async () => {
  for (const cmd of ['import', 'datasets', 'serve', 'demo']) {
    const run = await cli([cmd, '--help']);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, new RegExp(`^Usage: lstm-studio ${cmd}`));
    assert.match(run.stdout, /--home DIR/);
  }
  const top = await cli(['--help']);
  assert.equal(top.code, 0);
  assert.match(top.stdout, /Commands:/);
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  assert.equal((await cli(['--version'])).stdout.trim(), `lstm-studio ${pkg.version}`);
});

test('demo --out writes the demo fleet, which imports as 8 pumps; LSTM_STUDIO_HOME picks the home', async () => {
  const home = tempHome();
  const file = path.join(home, 'fleet.csv');
  const demo = await cli(['demo', '--out', file]);
  assert.equal(demo.code, 0, demo.stderr);
  assert.match(fs.readFileSync(file, 'utf8').slice(0, 200), /^timestamp,asset_id,temperature_c,/);
  const d = json(await cli(['import', file, '--json'], { LSTM_STUDIO_HOME: home })).dataset;
  assert.equal(d.entities, 8);
  assert.equal(d.entityColumn, 'asset_id');
  assert.ok(fs.existsSync(path.join(home, 'studio.sqlite')));
  const missingDir = await cli(['demo', '--out', path.join(home, 'no', 'such', 'fleet.csv')]);
  assert.equal(missingDir.code, 1);
  assert.match(missingDir.stderr, /folder .* does not exist/);
});

test('serve prints the link, seeds the demo data, answers with the token and stops cleanly on SIGTERM', { timeout: 60_000 }, async () => {
  const home = tempHome();
  const child = spawn(process.execPath, [BIN, 'serve', '--no-open', '--port', '0', '--home', home], { env: cliEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const line = await new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (c: Buffer) => {
      stdout += c.toString();
      if (stdout.includes('\n')) resolve(stdout.split('\n')[0]);
    });
    child.on('exit', () => reject(new Error(`serve exited early: ${stderr}`)));
  });
  const m = /^LSTM Studio \(browser mode\) at (http:\/\/127\.0\.0\.1:(\d+)\/\?token=([A-Za-z0-9_-]{43}))$/.exec(line);
  assert.ok(m, `unexpected first line: ${line}`);
  const [, , port, token] = m;
  const res = await fetch(`http://127.0.0.1:${port}/api/op/datasets:list`, {
    method: 'POST',
    headers: { 'X-Studio-Token': token, 'Content-Type': 'application/json' },
    body: '{"req":null}',
  });
  assert.equal(res.status, 200);
  const body = (await res.json()) as { ok: boolean; value: { name: string; entities: number }[] };
  assert.deepEqual(body.value.map((d) => [d.name, d.entities]), [['Demo pump fleet', 8]]);
  const refused = await fetch(`http://127.0.0.1:${port}/api/op/datasets:list`, { method: 'POST', body: '{}' });
  assert.equal(refused.status, 401);
  child.kill('SIGTERM');
  assert.equal(await exited, 0, stderr);
  assert.match(stderr, /Stopping LSTM Studio/);
});
