/**
 * Drift checks as users run them (`lstm-studio drift`) on real data: the UCR ItalyPowerDemand test
 * file is a held-back sample of the training file's distribution (no drift, by both tests), a
 * shifted copy drifts; a NAB forecaster sees a shifted copy drift in its inputs and predictions;
 * the dataset verdict follows the model's threshold, and a drifted check raises the production alert.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { buildApi } from '../../shared/api';
import type { DriftReport } from '../../shared/drift/types';
import { createHandlers } from '../../electron/api/handlers';
import { inProcessTransport } from '../../electron/api/in-process-transport';
import { openAppContext } from '../../electron/app/context';
import { dataFile, projectRoot, tempDir, writeTemp } from '../helpers/fixtures';

const home = tempDir('lstm-drift-');
const work = tempDir('lstm-drift-files-');
const ITALY = ['--no-header', '--format', 'wide', '--label', 'c1'];

function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [path.join(projectRoot(), 'bin', 'lstm-studio.js'), ...args, '--home', home], { maxBuffer: 16 << 20 }, (err, stdout, stderr) => {
      resolve({ code: err ? Number((err as { code?: unknown }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

async function ok(args: string[]): Promise<string> {
  const run = await cli(args);
  assert.equal(run.code, 0, `${args.join(' ')}: exit ${run.code}\n${run.stderr}`);
  return run.stdout;
}

async function drift(model: string, file: string, extra: string[] = []): Promise<DriftReport> {
  return JSON.parse(await ok(['drift', '--model', model, '--data', file, ...extra, '--json'])) as DriftReport;
}

/** A copy of a tab-separated UCR file with every value (not the label) changed by `f`. */
function ucrCopy(name: string, f: (v: number) => number, rows?: number): string {
  const lines = fs.readFileSync(dataFile('ucr-italy', 'ItalyPowerDemand_TEST.tsv'), 'utf8').trim().split('\n').slice(0, rows);
  return writeTemp(work, name, lines.map((l) => l.split('\t').map((v, i) => (i === 0 ? v : String(f(Number(v))))).join('\t')).join('\n') + '\n');
}

test('UCR ItalyPowerDemand: the held-back test file does not drift; a shifted copy does (Wasserstein and KS)', async () => {
  await ok(['train', '--data', dataFile('ucr-italy', 'ItalyPowerDemand_TRAIN.tsv'), ...ITALY, '--task', 'classify', '--preset', 'classifier', '--epochs', '2', '--set', 'recurrent.units=[32]', '--name', 'italy']);
  const same = await drift('italy', dataFile('ucr-italy', 'ItalyPowerDemand_TEST.tsv'), ITALY);
  assert.equal(same.drifted, false);
  assert.equal(same.features.length, 1);
  const f = same.features[0];
  assert.deepEqual(Object.keys(f).slice(0, 5), ['name', 'test', 'statistic', 'threshold', 'drifted']);
  assert.deepEqual([f.name, f.test, f.threshold, f.drifted], ['value', 'wasserstein', 0.1, false]);
  assert.ok(f.statistic < 0.1 && f.currentCount === 1029 * 24, JSON.stringify(f));
  assert.ok(same.performance && same.performance.metric === 'error rate' && same.performance.windows === 1029, 'the test file has labels: performance is checked');
  assert.match(same.method, /Kolmogorov-Smirnov .* p < 0\.05; otherwise the Wasserstein distance divided by the training standard deviation, drifted at 0\.1/);

  const small = await drift('italy', ucrCopy('slice.tsv', (v) => v, 30), ITALY);
  assert.equal(small.features[0].test, 'ks', '720 values: the KS test');
  assert.ok(!small.drifted && small.features[0].statistic > 0.05, `p ${small.features[0].statistic}`);

  const shifted = await drift('italy', ucrCopy('shifted.tsv', (v) => v + 0.5), ITALY);
  assert.equal(shifted.drifted, true);
  assert.ok(shifted.features[0].statistic > 0.4, `a shift of half a standard deviation: ${shifted.features[0].statistic}`);
  const shiftedSmall = await drift('italy', ucrCopy('shifted-slice.tsv', (v) => v + 0.5, 30), ITALY);
  assert.equal(shiftedSmall.features[0].test, 'ks');
  assert.ok(shiftedSmall.drifted && shiftedSmall.features[0].statistic < 1e-6, `p ${shiftedSmall.features[0].statistic}`);

  const text = await ok(['drift', '--model', 'italy', '--data', path.join(work, 'shifted.tsv'), ...ITALY]);
  assert.match(text, /^shifted against italy v1: DRIFTED \(100% of features drifted; the threshold is 50%\)\./);
  assert.match(text, /\nvalue +Wasserstein\/std +0\.5\d* +>= 0\.1 +DRIFTED/);
});

/**
 * The NAB ambient temperature file with a second sensor (the temperature 12 hours earlier), its
 * first `rows` rows, optionally shifted. (A later slice of this seasonal series does drift from the
 * training months, so the "same distribution" here is a slice of the training period.)
 */
function ambientCopy(name: string, shiftValue: number, shiftLagged: number, count?: number): string {
  const lines = fs.readFileSync(dataFile('nab', 'ambient_temperature_system_failure.csv'), 'utf8').trim().split('\n').slice(1, count === undefined ? undefined : count + 1);
  const values = lines.map((l) => Number(l.split(',')[1]));
  const rows = lines.map((l, i) => `${l.split(',')[0]},${(values[i] + shiftValue).toFixed(4)},${(values[Math.max(0, i - 12)] + shiftLagged).toFixed(4)}`);
  return writeTemp(work, name, ['timestamp,value,earlier', ...rows].join('\n') + '\n');
}

test('NAB forecaster: a shifted copy drifts in its inputs and predictions; the verdict follows the model threshold; the alert shows', async () => {
  const original = ambientCopy('ambient2.csv', 0, 0);
  await ok(['train', '--data', original, '--task', 'forecast', '--target', 'value', '--features', 'value,earlier', '--window', '12', '--epochs', '1', '--set', 'recurrent.units=[32]', '--name', 'amb']);
  const same = await drift('amb', ambientCopy('ambient-start.csv', 0, 0, 4000));
  assert.equal(same.drifted, false, `a slice of the training period: ${JSON.stringify(same.features.map((f) => f.statistic))}`);
  const both = await drift('amb', ambientCopy('ambient-plus10.csv', 10, 10));
  assert.equal(both.drifted, true);
  assert.deepEqual(both.features.map((f) => [f.name, f.drifted]), [['value', true], ['earlier', true]]);
  assert.ok(both.predictions?.drifted, 'the predictions move with the inputs');
  assert.match(both.predictions!.name, /^predicted value \(1 step ahead\)$/);
  assert.ok(both.performance && both.performance.metric === 'mae' && both.performance.windows > 5000);

  // One of two features drifts: drifted at the default share (half), not at 0.75.
  const one = path.basename(ambientCopy('ambient-earlier-plus10.csv', 0, 10, 4000));
  const half = await drift('amb', path.join(work, one));
  assert.deepEqual([half.share, half.shareThreshold, half.drifted], [0.5, 0.5, true]);
  await ok(['models', 'policy', 'amb', '--drift-share', '0.75']);
  const stricter = await drift('amb', path.join(work, one));
  assert.deepEqual([stricter.share, stricter.shareThreshold, stricter.drifted], [0.5, 0.75, false]);

  // The alert is on the version in production: raised by a drifted check, cleared by a clean one.
  await ok(['models', 'deploy', 'amb@1', '--force', '--reason', 'drift test']);
  await drift('amb:production', path.join(work, 'ambient-plus10.csv'));
  const ctx = openAppContext({ home, mode: 'cli' });
  try {
    const api = buildApi(inProcessTransport(createHandlers(ctx), ctx.events));
    const alert = (await api.models.registry()).find((m) => m.name === 'amb')!.driftAlert;
    assert.ok(alert && alert.version === 1 && alert.share === 1 && alert.threshold === 0.75, JSON.stringify(alert));
    const history = await api.drift.history({ name: 'amb' });
    assert.equal(history.length, 5);
    assert.equal(history.filter((h) => h.drifted).length, 3);
    assert.deepEqual(history[0].driftedFeatures, ['value', 'earlier']);
    assert.equal((await api.drift.get({ id: history[0].id })).features.length, 2);
    await api.drift.run({ model: 'amb:production', datasetId: (await api.datasets.list()).find((d) => d.name === 'ambient-start')!.id });
    assert.equal((await api.models.registry()).find((m) => m.name === 'amb')!.driftAlert, null);
  } finally {
    await ctx.close();
  }
});

test('a feature with no values is not tested, and with none the check is refused, naming why (CLI text, JSON, exit 1)', async () => {
  const lines = fs.readFileSync(path.join(work, 'ambient-start.csv'), 'utf8').trim().split('\n');
  const noEarlier = writeTemp(work, 'no-earlier.csv', [lines[0], ...lines.slice(1, 500).map((l) => l.replace(/,[^,]*$/, ','))].join('\n') + '\n');
  const partial = await drift('amb@1', noEarlier);
  const earlier = partial.features.find((f) => f.name === 'earlier')!;
  assert.equal(earlier.untested, 'the new data has no value of `earlier` (all 499 are missing)');
  assert.equal(earlier.drifted, false);
  assert.equal(earlier.statistic, null, 'no p-value (NaN in JSON)');
  assert.ok(partial.features.find((f) => f.name === 'value')!.untested === undefined);
  assert.equal(partial.share, partial.features.find((f) => f.name === 'value')!.drifted ? 1 : 0, 'the share counts the tested feature only');
  const text = await ok(['drift', '--model', 'amb@1', '--data', noEarlier]);
  assert.match(text, /of the 1 tested features drifted/);
  assert.match(text, /\nNot tested: earlier: the new data has no value of `earlier`/);
  assert.match(text, /\nearlier +- +- +- +NOT TESTED/);

  // Fewer rows than the model's window: the features are tested, the predictions and the error cannot be.
  const short = await drift('amb@1', writeTemp(work, 'five-rows.csv', lines.slice(0, 6).join('\n') + '\n'));
  assert.equal(short.features.length, 2);
  assert.equal(short.predictions, null);
  assert.equal(short.performance, null);
  assert.match(short.unchecked!.predictions!, /^the model could not score this data: .*window/);
  assert.match(short.unchecked!.performance!, /^the model could not score this data/);
  const shortText = await ok(['drift', '--model', 'amb@1', '--data', path.join(work, 'five-rows.csv')]);
  assert.match(shortText, /\nPrediction drift cannot be checked: the model could not score this data: /);
  assert.match(shortText, /\nPerformance drift cannot be checked: /);

  // (A file with no value at all is refused by the import; this one has a column the model does not read.)
  const none = writeTemp(work, 'no-values.csv', [`${lines[0]},other`, ...lines.slice(1, 500).map((l, i) => `${l.split(',')[0]},,,${i}`)].join('\n') + '\n');
  const run = await cli(['drift', '--model', 'amb@1', '--data', none]);
  assert.equal(run.code, 1, run.stderr);
  assert.match(run.stderr, /Drift cannot be checked: no-values has no value in any of the columns the model reads \(`value`, `earlier`\)/);
  assert.doesNotMatch(run.stdout, /no drift/);
});
