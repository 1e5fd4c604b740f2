/**
 * The plumbing of `lstm-studio bench` on a tiny workload (--quick): every part runs in its own process,
 * the reference runs when Python has torch/pandas (else a note says why not), and the JSON has the
 * documented shape. No timings are asserted: speed belongs in `npm run bench`, not in tests.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '../../..');
const BIN = path.join(ROOT, 'bin', 'lstm-studio.js');

function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { maxBuffer: 16 * 1024 * 1024 }, (err, stdout, stderr) => {
      resolve({ code: err ? Number((err as { code?: unknown }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

interface Row {
  name: string;
  ours: number | null;
  reference: number | null;
  unit: string;
  ratio: number | null;
}

test('bench --quick --json measures every figure for our engine and the reference (or says why not)', async () => {
  const run = await cli(['bench', '--quick', '--json']);
  assert.equal(run.code, 0, run.stderr);
  const report = JSON.parse(run.stdout) as { machine: { cores: number }; backend: string; results: Row[]; notes: string[] };
  assert.ok(report.machine.cores >= 1);
  assert.ok(['wasm', 'cpu', 'tensorflow'].includes(report.backend), report.backend);
  assert.deepEqual(
    report.results.map((r) => r.unit),
    ['samples/s', 'ms', 'samples/s', 'MB', 'MB/s', 'MB/s', 'MB', 'samples/s', 'samples/s'],
  );
  assert.match(report.results[7].name, /^training throughput, CNN-LSTM/);
  assert.match(report.results[8].name, /^training throughput, LSTM-FCN/);
  for (const r of report.results) {
    assert.ok(r.ours !== null && r.ours > 0, `${r.name}: ours ${r.ours}`);
    if (r.reference === null) assert.equal(r.ratio, null);
    else assert.ok(Math.abs((r.ratio ?? NaN) - r.ours / r.reference) < 1e-9, `${r.name}: ratio`);
  }
  const modelRef = report.results[0].reference !== null;
  const csvRef = report.results[4].reference !== null;
  if (!modelRef) assert.ok(report.notes.some((n) => n.includes('PyTorch reference skipped')), report.notes.join('\n'));
  if (!csvRef) assert.ok(report.notes.some((n) => n.includes('pandas reference skipped')), report.notes.join('\n'));
  assert.match(run.stderr, /bench: model: our engine/);
});

test('bench prints a table with ratios; --parts and --no-reference choose what runs', async () => {
  const run = await cli(['bench', '--quick', '--parts', 'model', '--no-reference']);
  assert.equal(run.code, 0, run.stderr);
  assert.match(run.stdout, /figure\s+ours\s+reference\s+unit\s+ours\/ref\s+better/);
  assert.match(run.stdout, /training throughput\s+[\d,]+\s+-\s+samples\/s\s+-\s+higher/);
  assert.doesNotMatch(run.stdout, /CSV import/);
  const bad = await cli(['bench', '--parts', 'gpu']);
  assert.equal(bad.code, 1);
  assert.match(bad.stderr, /--parts must list model, layers, csv/);
  const layers = await cli(['bench', '--quick', '--parts', 'layers', '--no-reference']);
  assert.equal(layers.code, 0, layers.stderr);
  assert.match(layers.stdout, /training throughput, CNN-LSTM \(12 x 8, batch 32\)\s+[\d,]+\s+-/);
  assert.match(layers.stdout, /training throughput, LSTM-FCN \(12 x 1, batch 32\)\s+[\d,]+\s+-/);
  assert.doesNotMatch(layers.stdout, /single-sequence latency/);
});
