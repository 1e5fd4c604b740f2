/**
 * "Does not beat the baseline", end to end with real training: on a random walk the last value is
 * the best forecast there is, so a model (here one that predicts raw scaled values after one epoch)
 * cannot beat it; training's output, the run record and the evaluation findings must say so plainly.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { openDatabase } from '../../electron/store/database';
import { listRuns } from '../../electron/store/runs-repo';

const ROOT = path.resolve(__dirname, '../../..');
const BIN = path.join(ROOT, 'bin', 'lstm-studio.js');
let home: string;
let csv: string;

function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const env = { ...process.env };
  delete env.LSTM_STUDIO_HOME;
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args, '--home', home], { env, maxBuffer: 16 * 1024 * 1024 }, (err, stdout, stderr) => {
      resolve({ code: err ? Number((err as { code?: unknown }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

/** A Gaussian random walk of `n` steps (seeded). */
function randomWalk(n: number, seed: number): number[] {
  let s = seed;
  const uniform = () => ((s = (s * 48271) % 2147483647) + 0.5) / 2147483647;
  const out = [100];
  for (let i = 1; i < n; i++) out.push(out[i - 1] + Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform()));
  return out;
}

before(() => {
  home = fs.mkdtempSync(path.join(os.tmpdir(), 'lstm-verdict-'));
  csv = path.join(home, 'random-walk.csv');
  fs.writeFileSync(csv, ['step,level', ...randomWalk(3000, 11).map((v, i) => `${i},${v.toFixed(4)}`)].join('\n'));
});
after(() => fs.rmSync(home, { recursive: true, force: true }));

test('on a random walk, training says the model does not beat the best baseline, records it, and evaluation says so too', async () => {
  const train = await cli(['train', '--data', csv, '--task', 'forecast', '--target', 'level', '--window', '24', '--horizon', '1', '--epochs', '1', '--set', 'recurrent.units=[32]', '--set', 'scaling.predictDelta=false', '--name', 'walk']);
  assert.equal(train.code, 0, train.stderr);
  assert.match(train.stdout, /\nThis model is [\d.]+% worse than (repeating the last value|a linear model of the input window|the moving average of the window) on validation \(MAE [\d.]+ against [\d.]+\): do not use it for decisions\.\nNext: try the `robust` preset .*Evaluate\.\n/);

  const db = openDatabase(path.join(home, 'studio.sqlite'));
  try {
    const [run] = listRuns(db);
    const m = run.metrics;
    // The run record keeps the last value as before, beside every baseline fitted on the training split.
    assert.equal(m.baseline_mae, m.baseline_last_mae);
    assert.ok(m.mae > Math.min(m.baseline_last_mae, m.baseline_linear_mae, m.baseline_moving_mae));
    // On a random walk the least-squares window model learns to repeat the last value: within 2% of it.
    assert.ok(Math.abs(m.baseline_linear_mae - m.baseline_last_mae) < 0.02 * m.baseline_last_mae, `linear ${m.baseline_linear_mae}, last ${m.baseline_last_mae}`);
    assert.ok(m.baseline_moving_mae > m.baseline_last_mae, 'the mean of the window lags a random walk');
  } finally {
    db.close();
  }

  const evaluated = await cli(['evaluate', '--model', 'walk', '--data', '1']);
  assert.equal(evaluated.code, 0, evaluated.stderr);
  assert.match(evaluated.stdout, /This model is [\d.]+% worse than .+ on the held-out test split \(MAE [\d.]+ against [\d.]+\): do not use it for decisions\./);
  assert.match(evaluated.stdout, /\nlinear \(window\) +[\d.]+ /);
});
