/**
 * The `rul` task's defaults on a multi-regime run-to-failure fleet (C-MAPSS-like, generated): split
 * by unit, with the operating settings given as condition columns, the model beats both RUL
 * baselines (the training mean and the linear regression on the last step) on the units it never
 * saw. Few epochs keep it short; the demo fleet's figures are in the README.
 */
import { randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { tempDir, writeTemp } from '../helpers/fixtures';
import { openApiSession, type ApiSession } from '../helpers/api-session';
import { turbofanCsv } from '../helpers/turbofan-fleet';

let s: ApiSession;
let datasetId: number;

before(async () => {
  s = openApiSession('lstm-rul-defaults-');
  const file = writeTemp(tempDir(), 'turbofan.csv', turbofanCsv({ units: 30, life: [120, 220], seed: 7 }));
  datasetId = await s.importFile(file, { entityColumn: 'unit', timeColumn: 'cycle' });
});
after(() => s.close());

test('rul defaults with condition-wise normalisation beat the constant and linear baselines on unseen units', async () => {
  const name = 'turbofan-rul';
  const result = await s.api.training.start({
    runId: `run-${randomUUID()}`,
    datasetId,
    name,
    config: { task: 'rul', scaling: { conditions: { columns: ['setting_1', 'setting_2', 'setting_3'] } }, training: { epochs: 8 } },
  });
  assert.equal(result.run.split?.mode, 'entity');
  const report = await s.api.evaluation.run({ model: name, datasetId });
  assert.equal(report.data.split, 'test');
  const rul = report.rul!;
  const baselines = Object.fromEntries((rul.baselines ?? []).map((b) => [b.key, b.rmse]));
  assert.deepEqual(Object.keys(baselines).sort(), ['last-linear', 'mean']);
  for (const [key, rmse] of Object.entries(baselines)) assert.ok(rul.rmse < rmse, `model RMSE ${rul.rmse} vs ${key} ${rmse}`);
  process.stderr.write(`turbofan-like fleet, rul defaults: RMSE ${rul.rmse.toFixed(1)} vs ${JSON.stringify(baselines)}\n`);
});
