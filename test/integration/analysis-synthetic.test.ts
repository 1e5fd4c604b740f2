/**
 * Explanations and intervals of real trained models on synthetic data whose answer is known:
 * permutation importance finds the one informative input, an attention model looks at the steps
 * that matter, and conformal intervals cover close to their nominal share of new data.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createRng, gaussian } from '../../shared/random';
import { tempDir, writeTemp } from '../helpers/fixtures';
import { openApiSession, type ApiSession } from '../helpers/api-session';

let s: ApiSession;
before(() => {
  s = openApiSession('lstm-synthetic-');
});
after(() => s.close());

/** A CSV with a step column and the given columns, `rows` long. */
function csv(name: string, columns: Record<string, number[]>): string {
  const names = Object.keys(columns);
  const rows = columns[names[0]].length;
  const lines = [['step', ...names].join(',')];
  for (let r = 0; r < rows; r++) lines.push([r, ...names.map((n) => columns[n][r].toFixed(5))].join(','));
  return writeTemp(tempDir(), name, lines.join('\n') + '\n');
}

const noise = (rng: () => number, n: number) => Array.from({ length: n }, () => gaussian(rng));

test('permutation importance ranks first the only input that carries the signal', async () => {
  const rng = createRng(21);
  const n = 3000;
  const [x0, x1, x2] = [noise(rng, n), noise(rng, n), noise(rng, n)];
  const y = x0.map((v, i) => 2 * v + 0.5 * x0[Math.max(0, i - 1)] + 0.05 * gaussian(rng));
  const id = await s.importFile(csv('importance.csv', { x0, x1, x2, y }));
  await s.train(id, { task: 'regress', input: { features: ['x0', 'x1', 'x2'], targets: ['y'], window: 4 }, recurrent: { units: [32] }, training: { epochs: 8, batchSize: 64, learningRate: 0.005 } }, 'importance');
  const e = await s.api.explain.run({ model: 'importance', datasetId: id, repeats: 4 });
  const [first, ...rest] = e.importance.features;
  assert.equal(first.feature, 'x0', JSON.stringify(e.importance.features));
  for (const f of rest) assert.ok(first.low > f.high, `${first.feature} ${first.low}..${first.high} vs ${f.feature} ${f.low}..${f.high}`);
});

test('an attention model trained where only the last steps matter puts its weight there', async () => {
  const rng = createRng(5);
  const n = 4000;
  const x = noise(rng, n);
  const other = noise(rng, n);
  const y = x.map((v, i) => v + x[Math.max(0, i - 1)]);
  const id = await s.importFile(csv('attention.csv', { x, other, y }));
  const W = 16;
  await s.train(id, { task: 'regress', input: { features: ['x', 'other'], targets: ['y'], window: W }, recurrent: { units: [32] }, attention: { enabled: true }, training: { epochs: 10, batchSize: 64, learningRate: 0.005 } }, 'attention');
  const e = await s.api.explain.run({ model: 'attention', datasetId: id, repeats: 1 });
  const avg = e.attention!.average;
  assert.equal(avg.length, W);
  const last2 = avg[W - 1] + avg[W - 2];
  assert.ok(last2 > 0.5, `weight on the last two steps ${last2.toFixed(3)} (uniform would be ${(2 / W).toFixed(3)}): ${avg.map((a) => a.toFixed(3)).join(' ')}`);
  assert.ok(Math.abs(avg.reduce((a, b) => a + b, 0) - 1) < 1e-4);
  const steps = e.saliency!.perStep;
  assert.ok(steps[W - 1] + steps[W - 2] > 0.5, `saliency on the last two steps: ${steps.map((v) => v.toFixed(3)).join(' ')}`);
});

test('conformal intervals of a trained forecaster cover close to nominal on the held-out test split', async () => {
  const rng = createRng(8);
  const n = 6000;
  const v = [0];
  for (let i = 1; i < n; i++) v.push(0.9 * v[i - 1] + gaussian(rng));
  const id = await s.importFile(csv('ar1.csv', { v }));
  await s.train(id, { task: 'forecast', input: { targets: ['v'], window: 12, horizon: 3 }, recurrent: { units: [32] }, training: { epochs: 4, batchSize: 128 } }, 'ar1');
  const r = await s.api.evaluation.run({ model: 'ar1', datasetId: id, coverage: 0.9 });
  const c = r.intervals!;
  assert.ok(Math.abs(c.measured - 0.9) <= 0.05, `measured coverage ${c.measured}`);
  for (const step of c.perStep) assert.ok(Math.abs(step.coverage - 0.9) <= 0.05, `step ${step.step}: ${step.coverage}`);
  // The AR(1) forecast beats repeating the last value (the linear window model is the optimal
  // forecaster of an AR(1) process, so it is not the bar here).
  const last = r.regression!.baselines.find((b) => b.key === 'last')!;
  assert.ok(r.regression!.model.mae < last.mae, r.summary.join(' '));
});
