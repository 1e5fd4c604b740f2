/**
 * The forecast presets with nothing but a target and a horizon set beat repeating the last value and
 * the best baseline (the linear window model) on a real sensor (NAB ambient temperature, hourly office
 * readings) on the held-out test split. Short
 * training (a few epochs, every other window) keeps it quick; the full measurement is
 * scripts/measure-forecast-targets.js.
 */
import { randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { dataFile } from '../helpers/fixtures';
import { openApiSession, type ApiSession } from '../helpers/api-session';

let s: ApiSession;
let datasetId: number;

before(async () => {
  s = openApiSession('lstm-forecast-presets-');
  datasetId = await s.importFile(dataFile('nab', 'ambient_temperature_system_failure.csv'));
});
after(() => s.close());

for (const preset of ['lightweight', 'standard']) {
  test(`the ${preset} preset with its defaults beats the last value on the test split`, async () => {
    const name = `ambient-${preset}`;
    const result = await s.api.training.start({
      runId: `run-${randomUUID()}`,
      datasetId,
      preset,
      name,
      config: { task: 'forecast', input: { targets: ['value'], horizon: 12, stride: 2 }, training: { epochs: 4 } },
    });
    assert.deepEqual([result.run.config.scaling.instanceNorm, result.run.config.scaling.predictDelta, result.run.config.training.loss], [true, true, 'huber']);
    assert.equal(result.run.split?.mode, 'chronological');
    const report = await s.api.evaluation.run({ model: name, datasetId });
    const reg = report.regression!;
    const last = reg.baselines.find((b) => b.key === 'last')!;
    const best = reg.baselines.reduce((a, b) => (b.mae < a.mae ? b : a));
    assert.equal(report.data.split, 'test');
    assert.ok(reg.model.mae < last.mae, `${preset}: model MAE ${reg.model.mae} vs last value ${last.mae}`);
    // The linear window model is the one to beat here (hourly readings with a daily cycle).
    assert.equal(best.key, 'linear');
    assert.ok(reg.model.mae < best.mae, `${preset}: model MAE ${reg.model.mae} vs ${best.label} ${best.mae}`);
    process.stderr.write(`ambient temperature, ${preset}: MAE ${reg.model.mae.toFixed(3)} vs last value ${last.mae.toFixed(3)}, ${best.label} ${best.mae.toFixed(3)}\n`);
  });
}
