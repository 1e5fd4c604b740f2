/**
 * `lstm-studio evaluate|predict|forecast|explain|risk` as a user runs them: child processes on a
 * tiny model trained on the real NAB file in a temp home. Checks the JSON shapes, the CSV of
 * predict, the reuse of an imported file, and the messages and exit codes of mistakes.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ok, runCli, type CliRun } from '../helpers/cli-run';
import { dataFile, tempDir } from '../helpers/fixtures';

const AMBIENT = dataFile('nab', 'ambient_temperature_system_failure.csv');
const home = tempDir('lstm-analysis-cli-');
const MODEL = 'ambient_temperature_system_failure-forecast';

function cli(...args: string[]): Promise<CliRun> {
  return runCli(home, args);
}

before(async () => {
  ok(await cli('train', '--data', AMBIENT, '--task', 'forecast', '--target', 'value', '--window', '12', '--horizon', '3', '--epochs', '2', '--set', 'recurrent.units=[32]'));
});
after(() => undefined);

test('evaluate --json prints the report; the same file is not imported twice', async () => {
  const run = ok(await cli('evaluate', '--model', MODEL, '--data', AMBIENT, '--json'));
  assert.match(run.stderr, /Using dataset 1 \(ambient_temperature_system_failure\), imported from this file before\./);
  const r = JSON.parse(run.stdout);
  assert.deepEqual(Object.keys(r).slice(0, 2), ['model', 'data']);
  assert.equal(r.model.name, MODEL);
  assert.equal(r.data.split, 'test');
  assert.equal(r.regression.baselines[0].key, 'last');
  assert.ok(typeof r.regression.improvement.percent === 'number');
  const text = ok(await cli('evaluate', '--model', `${MODEL}@1`, '--data', '1'));
  assert.match(text.stdout, /forecast +MAE +RMSE +MAPE % +sMAPE % +MASE +R² +within 5%/);
  assert.match(text.stdout, /\nlast value +[\d.]+/);
  assert.match(text.stdout, /The model's MAE is [\d.]+ against [\d.]+ for the best baseline/);
});

test('predict --out writes one CSV row per window with yhat columns and a reliability flag', async () => {
  const out = path.join(tempDir(), 'pred.csv');
  const run = ok(await cli('predict', '--model', MODEL, '--data', '1', '--out', out));
  assert.match(run.stdout, /Scored 7,256 windows/);
  const lines = fs.readFileSync(out, 'utf8').trim().split('\n');
  assert.equal(lines[0], 'time,yhat_1,yhat_2,yhat_3,reliability');
  assert.equal(lines.length, 1 + 7256);
  assert.match(lines[1], /^2013-07-04T\d\d:00:00\.000Z,[\d.]+,[\d.]+,[\d.]+,(ok|caution|unreliable)$/);
});

test('forecast, risk and explain print their results, as text and as JSON', async () => {
  const f = JSON.parse(ok(await cli('forecast', '--model', MODEL, '--data', '1', '--horizon', '2', '--json')).stdout);
  assert.equal(f.targets[0].forecast.point.length, 2);
  assert.ok(f.targets[0].forecast.lower[0] < f.targets[0].forecast.upper[0]);
  const text = ok(await cli('forecast', '--model', MODEL, '--data', '1'));
  assert.match(text.stdout, /step +time +forecast +lower +upper\n +1 +2014-05-28 16:00/);
  const risk = ok(await cli('risk', '--model', MODEL, '--data', '1', '--limit', 'value>0', '--json'));
  assert.equal(JSON.parse(risk.stdout).rows[0].level, 'high');
  const riskText = ok(await cli('risk', '--model', MODEL, '--data', '1', '--limit', 'value>0'));
  assert.match(riskText.stdout, /rank +entity +risk +level +steps to failure/);
  const e = JSON.parse(ok(await cli('explain', '--model', MODEL, '--data', '1', '--repeats', '2', '--json')).stdout);
  assert.equal(e.importance.features[0].feature, 'value');
});

test('mistakes exit 1 with a message that says what to do', async () => {
  const noModel = await cli('evaluate', '--model', 'nope', '--data', '1');
  assert.equal(noModel.code, 1);
  assert.match(noModel.stderr, /Error: There is no model named nope\. Run `lstm-studio models list`/);
  const noData = await cli('evaluate', '--model', MODEL);
  assert.equal(noData.code, 1);
  assert.match(noData.stderr, /needs --data FILE or --data DATASET_ID/);
  const badLimit = await cli('risk', '--model', MODEL, '--data', '1', '--limit', 'value=3');
  assert.equal(badLimit.code, 1);
  assert.match(badLimit.stderr, /--limit "value=3" is not a limit: write COLUMN>VALUE/);
  const wrongColumn = await cli('risk', '--model', MODEL, '--data', '1', '--limit', 'pressure>3');
  assert.equal(wrongColumn.code, 1);
  assert.match(wrongColumn.stderr, /Alarm limit on `pressure`: the model does not forecast that column\. It forecasts: value\./);
  const badOut = await cli('predict', '--model', MODEL, '--data', '1', '--out', path.join(tempDir(), 'missing-folder', 'p.csv'));
  assert.equal(badOut.code, 1);
  assert.match(badOut.stderr, /Cannot write .*p\.csv: .*Check that its folder exists/);
});
