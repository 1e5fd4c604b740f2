/**
 * The claim users care about most, on real data: on NAB's machine temperature (22,695 readings at
 * 5-minute steps, ending in a known failure) a small LSTM beats repeating the last value on the
 * held-out test split, and the report says by how much.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { EvaluationReport } from '../../shared/evaluation/analysis-types';
import { dataFile } from '../helpers/fixtures';
import { openApiSession, type ApiSession } from '../helpers/api-session';

let s: ApiSession;
let report: EvaluationReport;

before(async () => {
  s = openApiSession('lstm-machine-temp-');
  const id = await s.importFile(dataFile('nab', 'machine_temperature_system_failure.csv'));
  // The robust sensor forecaster: each window normalised by its own statistics (RevIN-style), the
  // change from the last value predicted, trained on absolute error (the failure's outliers would
  // dominate a squared loss).
  await s.train(
    id,
    {
      task: 'forecast',
      input: { targets: ['value'], window: 48, horizon: 6, stride: 2 },
      scaling: { instanceNorm: true, predictDelta: true },
      recurrent: { units: [32] },
      training: { epochs: 4, learningRate: 0.003, loss: 'mae' },
    },
    'machine-temperature',
  );
  report = await s.api.evaluation.run({ model: 'machine-temperature', datasetId: id });
});
after(() => s.close());

test('the model beats the last-value baseline on the test split, at every horizon step', () => {
  const reg = report.regression!;
  const last = reg.baselines.find((b) => b.key === 'last')!;
  assert.equal(report.data.split, 'test');
  assert.ok(reg.model.mae < last.mae, `model MAE ${reg.model.mae} vs last value ${last.mae}`);
  reg.model.perHorizon.forEach((step, h) => assert.ok(step.mae < last.perHorizon[h].mae, `step ${step.step}: ${step.mae} vs ${last.perHorizon[h].mae}`));
  const percent = (100 * (last.mae - reg.model.mae)) / last.mae;
  assert.equal(reg.improvement!.baseline, 'Last value');
  assert.ok(Math.abs(reg.improvement!.percent - percent) < 1e-9);
  const sentence = report.summary.find((line) => line.startsWith("The model's MAE"))!;
  assert.match(sentence, new RegExp(`${percent.toFixed(1)}% lower\\.$`));
  process.stderr.write(`machine temperature: ${sentence}\n`);
});
