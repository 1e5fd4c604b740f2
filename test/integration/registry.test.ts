/**
 * The model registry through the API contract on a real project database, with real tiny models
 * trained on the NAB ambient temperature file: gates, deploy, forced override, rollback, aliases,
 * history across a restart, compare, compatibility, policies and delete; then the CLI on the same home.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { buildApi, type StudioApi } from '../../shared/api';
import type { PartialVariant } from '../../shared/model/variant';
import { createHandlers } from '../../electron/api/handlers';
import { inProcessTransport } from '../../electron/api/in-process-transport';
import { openAppContext, type AppContext } from '../../electron/app/context';
import { dataFile, projectRoot, tempDir, writeTemp } from '../helpers/fixtures';

const AMBIENT = dataFile('nab', 'ambient_temperature_system_failure.csv');
/** One LSTM of 32 over a day (24 steps), 6 hours ahead: it beats repeating the last value within 2 epochs. */
const GOOD: PartialVariant = { task: 'forecast', input: { targets: ['value'], window: 24, horizon: 6 }, recurrent: { units: [32] }, training: { epochs: 2, batchSize: 128 } };
/** The same predicting raw values for one epoch: clearly worse than the baseline. */
const BAD: PartialVariant = { ...GOOD, scaling: { predictDelta: false }, training: { epochs: 1, batchSize: 128 } };

let home: string;
let ctx: AppContext;
let api: StudioApi;
let datasetId: number;

function open(): void {
  ctx = openAppContext({ home, mode: 'cli' });
  api = buildApi(inProcessTransport(createHandlers(ctx), ctx.events));
}

before(async () => {
  home = tempDir('lstm-registry-');
  open();
  datasetId = (await api.datasets.import({ jobId: 'import', path: AMBIENT })).summary.id;
  // v3 trains longer than v1 (restoring its best epoch on the same validation split), so it is no worse than v1.
  for (const [i, config] of [GOOD, BAD, { ...GOOD, training: { ...GOOD.training, seed: 7, epochs: 6 } }].entries()) {
    await api.training.start({ runId: `reg-${i + 1}`, datasetId, config, name: 'amb' });
  }
});
after(() => ctx.close());

test('three versions of one name, each with its lineage', async () => {
  const reg = await api.models.registry();
  assert.equal(reg.length, 1);
  assert.equal(reg[0].name, 'amb');
  assert.deepEqual(reg[0].versions.map((v) => v.version), [3, 2, 1]);
  assert.deepEqual(reg[0].aliases, {});
  const v2 = await api.models.get({ ref: 'amb@2' });
  assert.equal(v2.lineage.source, 'trained');
  assert.equal(v2.lineage.runId, 'reg-2');
  assert.equal(v2.lineage.runInProject, true);
  assert.equal(v2.lineage.datasetId, datasetId);
  assert.match(v2.lineage.fingerprint, /^[0-9a-f]{64}$/);
  assert.equal(v2.lineage.config.scaling.predictDelta, false);
  assert.equal(v2.lineage.history.length, 1);
  assert.deepEqual(v2.featureNames, ['value']);
  assert.equal(v2.horizon, 6);
  // The training rows' period comes from the reference stored with the version (datetime, 2013-2014).
  assert.equal(v2.dataPeriod?.kind, 'datetime');
  assert.ok(v2.dataPeriod!.start < v2.dataPeriod!.end && new Date(v2.dataPeriod!.end).getUTCFullYear() === 2014);
  assert.equal((await api.models.get({ ref: 'amb' })).version, 3, 'a bare name is the latest version');
  await assert.rejects(api.models.get({ ref: 'amb:production' }), /amb has no alias production \(nothing is deployed yet\)/);
  await assert.rejects(api.models.get({ ref: 'nope@1' }), /There is no model named nope/);
});

test('tags and notes are kept with a version', async () => {
  const d = await api.models.update({ name: 'amb', version: 1, tags: ['summer', ' baseline ', 'summer'], notes: 'First good one.' });
  assert.deepEqual(d.tags, ['summer', 'baseline']);
  assert.equal(d.notes, 'First good one.');
  await assert.rejects(api.models.update({ name: 'amb', version: 1, tags: ['a,b'] }), /The tag "a,b" cannot be used/);
});

test('by default a deploy must beat the best baseline; the policy can ask for the naive one instead', async () => {
  const v1 = await api.models.get({ ref: 'amb@1' });
  // On this hourly temperature series the least-squares window model is the best baseline by far.
  assert.ok(v1.metrics.baseline_linear_mae < 0.9 * v1.metrics.baseline_last_mae, JSON.stringify(v1.metrics));
  const best = (await api.models.gates({ name: 'amb', version: 1 })).gates.find((g) => g.gate === 'baseline')!;
  assert.equal(best.title, 'Beats the best baseline');
  assert.equal(best.status, v1.metrics.mae < v1.metrics.baseline_linear_mae ? 'pass' : 'fail');
  assert.match(best.detail, /^mae [\d.]+ against [\d.]+ for a linear model of the input window, the best baseline \([\d.]+% (better|worse)\)/);
  await assert.rejects(api.models.setPolicy({ name: 'amb', policy: { baselineGate: 'last' as 'naive' } }), /The baseline gate must be "best" .* or "naive"/);
  // The tiny test models beat the last value (the naive baseline), which the deploy flows below rely on.
  assert.equal((await api.models.setPolicy({ name: 'amb', policy: { baselineGate: 'naive' } })).baselineGate, 'naive');
  const naive = (await api.models.gates({ name: 'amb', version: 1 })).gates.find((g) => g.gate === 'baseline')!;
  assert.deepEqual([naive.title, naive.status], ['Beats the naive baseline', 'pass']);
});

test('a gate blocks a model that loses to the baseline, and nothing is recorded', async () => {
  const v2 = await api.models.get({ ref: 'amb@2' });
  assert.ok(v2.metrics.mae > v2.metrics.baseline_mae, `v2 mae ${v2.metrics.mae} vs baseline ${v2.metrics.baseline_mae}`);
  const report = await api.models.gates({ name: 'amb', version: 2 });
  assert.equal(report.passed, false);
  assert.equal(report.gates.find((g) => g.gate === 'baseline')?.status, 'fail');
  await assert.rejects(api.models.deploy({ name: 'amb', version: 2 }), (err: Error & { kind?: string }) => {
    assert.equal(err.kind, 'user');
    assert.match(err.message, /^amb v2 was not deployed as production: Beats the naive baseline: mae [\d.]+ against [\d.]+ for repeating the last value \([\d.]+% worse\)/);
    assert.match(err.message, /override the gates with a reason \(CLI: --force --reason "why"\)/);
    return true;
  });
  // Scored on the held-out test split (beside the baselines of the evaluation report), it still loses.
  const onTest = await api.models.gates({ name: 'amb', version: 2, evaluate: true });
  assert.equal(onTest.basis, 'test');
  const baseline = onTest.gates.find((g) => g.gate === 'baseline')!;
  assert.equal(baseline.status, 'fail');
  assert.match(baseline.detail, /^mae [\d.]+ against [\d.]+ for repeating the last value \([\d.]+% worse\)/);
  await assert.rejects(api.models.deploy({ name: 'amb', version: 2, evaluate: true }), /amb v2 was not deployed as production: Beats the naive baseline/);
  assert.deepEqual(await api.models.history({ name: 'amb' }), []);
});

test('deploy, a forced override with its reason, then rollback; all of it survives a restart', async () => {
  const first = await api.models.deploy({ name: 'amb', version: 1, reason: 'first release' });
  assert.equal(first.report.passed, true, JSON.stringify(first.report.gates));
  assert.deepEqual([first.event.action, first.event.fromVersion, first.event.toVersion, first.event.forced], ['deploy', null, 1, false]);
  await assert.rejects(api.models.deploy({ name: 'amb', version: 1 }), /amb v1 is already production/);
  await assert.rejects(api.models.deploy({ name: 'amb', version: 2, force: true }), /Overriding the gates needs a reason/);
  const forced = await api.models.deploy({ name: 'amb', version: 2, force: true, reason: 'trying raw values' });
  assert.equal(forced.event.forced, true);
  assert.equal(forced.event.fromVersion, 1);
  assert.ok(forced.event.gates.some((g) => g.gate === 'baseline' && g.status === 'fail'), 'the failed gates are recorded with the override');
  assert.equal((await api.models.get({ ref: 'amb:production' })).version, 2);
  const back = await api.models.rollback({ name: 'amb', reason: 'v2 disappoints' });
  assert.deepEqual([back.action, back.fromVersion, back.toVersion, back.reason], ['rollback', 2, 1, 'v2 disappoints']);
  const candidate = await api.models.deploy({ name: 'amb', version: 3, alias: 'candidate' });
  assert.equal(candidate.event.alias, 'candidate');

  // Restart: a new app context on the same home folder sees the same aliases and history.
  await ctx.close();
  open();
  const reg = await api.models.registry();
  assert.deepEqual(reg[0].aliases, { candidate: 3, production: 1 });
  assert.deepEqual(reg[0].versions.find((v) => v.version === 1)?.aliases, ['production']);
  assert.equal((await api.models.get({ ref: 'amb:production' })).version, 1);
  assert.equal((await api.models.get({ ref: 'amb:candidate' })).version, 3);
  const history = await api.models.history({ name: 'amb' });
  assert.deepEqual(
    history.map((e) => [e.alias, e.action, e.fromVersion, e.toVersion, e.forced, e.reason]),
    [
      ['production', 'deploy', null, 1, false, 'first release'],
      ['production', 'deploy', 1, 2, true, 'trying raw values'],
      ['production', 'rollback', 2, 1, false, 'v2 disappoints'],
      ['candidate', 'deploy', null, 3, false, ''],
    ],
  );
  assert.ok(history.every((e) => !Number.isNaN(Date.parse(e.at))));
  assert.equal((await api.models.history({ name: 'amb', alias: 'candidate' })).length, 1);
  // v1 was the first deployed: there is nothing earlier to roll back to.
  await assert.rejects(api.models.rollback({ name: 'amb' }), /amb production has no earlier version to roll back to \(v1 is the first deployed/);
  await assert.rejects(api.models.rollback({ name: 'amb', alias: 'staging' }), /amb has no staging version to roll back/);
});

test('compare: config differences, metrics with the better side, and both curves', async () => {
  const c = await api.models.compare({ a: 'amb@1', b: 'amb@2' });
  assert.deepEqual(c.differences.map((d) => d.path), ['scaling.predictDelta', 'training.epochs']);
  assert.deepEqual(c.differences[0], { path: 'scaling.predictDelta', a: true, b: false });
  assert.equal(c.sameData, true);
  const mae = c.metrics.find((m) => m.name === 'mae')!;
  assert.equal(mae.better, 'a');
  assert.equal(mae.a, c.a.metrics.mae);
  assert.deepEqual([c.a.lineage.history.length, c.b.lineage.history.length], [2, 1]);
});

test('policies: thresholds and age limits become gates', async () => {
  const policy = await api.models.setPolicy({ name: 'amb', policy: { thresholds: [{ metric: 'mae', op: '<=', value: 0.01 }], maxDataAgeDays: 30 } });
  assert.equal(policy.driftShare, 0.5);
  const report = await api.models.gates({ name: 'amb', version: 3 });
  const status = Object.fromEntries(report.gates.map((g) => [g.gate, g.status]));
  assert.equal(status.thresholds, 'fail');
  assert.equal(status.freshness, 'fail', 'the 2013-2014 training data is older than 30 days');
  await assert.rejects(api.models.setPolicy({ name: 'amb', policy: { driftShare: 2 } }), /drift alert threshold must be a share of features between 0 and 1/);
  await api.models.setPolicy({ name: 'amb', policy: { thresholds: [], maxDataAgeDays: null } });
  assert.deepEqual((await api.models.policy({ name: 'amb' })).thresholds, []);
});

test('compatibility with a chosen dataset: the training data fits, renamed or rescaled columns do not', async () => {
  const ok = await api.models.gates({ name: 'amb', version: 3, alias: 'candidate', datasetId });
  assert.equal(ok.gates.find((g) => g.gate === 'compatibility')?.status, 'pass');
  const lines = fs.readFileSync(AMBIENT, 'utf8').trim().split('\n').slice(0, 500);
  const dir = tempDir();
  const renamed = writeTemp(dir, 'renamed.csv', ['timestamp,temperature', ...lines.slice(1)].join('\n'));
  const celsius = writeTemp(dir, 'celsius.csv', ['timestamp,value', ...lines.slice(1).map((l) => `${l.split(',')[0]},${((Number(l.split(',')[1]) - 32) / 1.8).toFixed(3)}`)].join('\n'));
  for (const [file, pattern] of [[renamed, /column `value` is missing/], [celsius, /`value` ranges .* \(training: .*\): other units or another sensor\?/]] as const) {
    const id = (await api.datasets.import({ jobId: `import-${path.basename(file)}`, path: file })).summary.id;
    const report = await api.models.gates({ name: 'amb', version: 3, alias: 'candidate', datasetId: id });
    const gate = report.gates.find((g) => g.gate === 'compatibility')!;
    assert.equal(gate.status, 'fail');
    assert.match(gate.detail, pattern);
    assert.equal(report.passed, false);
  }
});

test('delete refuses the version in service and removes another with its files', async () => {
  await assert.rejects(api.models.delete({ name: 'amb', version: 1 }), /amb v1 cannot be deleted: it is production\. Deploy another version as production/);
  const v2 = await api.models.get({ ref: 'amb@2' });
  assert.deepEqual(await api.models.delete({ name: 'amb', version: 2 }), { deleted: true });
  assert.equal(fs.existsSync(v2.path), false);
  assert.deepEqual((await api.models.registry())[0].versions.map((v) => v.version), [3, 1]);
  await assert.rejects(api.models.get({ ref: 'amb@2' }), /There is no model amb version 2/);
  // The history still tells what happened to v2.
  assert.ok((await api.models.history({ name: 'amb' })).some((e) => e.toVersion === 2));
});

function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [path.join(projectRoot(), 'bin', 'lstm-studio.js'), ...args, '--home', home], (err, stdout, stderr) => {
      resolve({ code: err ? Number((err as { code?: unknown }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

test('the CLI: show, deploy and rollback with --json, and delete needs --yes', async () => {
  const show = await cli(['models', 'show', 'amb:production', '--json']);
  assert.equal(show.code, 0, show.stderr);
  const shown = JSON.parse(show.stdout);
  assert.equal(shown.model.version, 1);
  assert.equal(shown.aliasHistory.length, 4);
  // The gates on the held-out test split: both versions are scored there first.
  const gates = await cli(['models', 'gates', 'amb@3', '--json']);
  assert.equal(gates.code, 0, gates.stderr);
  const report = JSON.parse(gates.stdout);
  assert.deepEqual([report.basis, report.inService, report.alias], ['test', 1, 'production']);
  assert.match(report.gates.find((g: { gate: string }) => g.gate === 'in-service').detail, /^mae [\d.]+ against [\d.]+ for v1 \(in service as production\) on the same test split\.$/);
  const deploy = await cli(['models', 'deploy', 'amb:candidate', '--reason', 'promote', '--no-evaluate', '--json']);
  assert.equal(deploy.code, 0, deploy.stderr);
  const result = JSON.parse(deploy.stdout);
  assert.deepEqual([result.event.alias, result.event.fromVersion, result.event.toVersion, result.event.reason], ['production', 1, 3, 'promote']);
  assert.equal(result.report.passed, true);
  const rollback = await cli(['models', 'rollback', 'amb']);
  assert.equal(rollback.code, 0, rollback.stderr);
  assert.equal(rollback.stdout, 'Rolled back: amb production is v1 again (was v3).\n');
  const inService = await cli(['models', 'delete', 'amb@3', '--yes']);
  assert.equal(inService.code, 1);
  assert.match(inService.stderr, /amb v3 cannot be deleted: it is candidate/);
  const move = await cli(['models', 'deploy', 'amb@1', '--alias', 'candidate', '--force', '--reason', 'free v3']);
  assert.equal(move.code, 0, move.stderr);
  assert.match(move.stdout, /^Deployed.*: amb v1 is now candidate \(was v3\)\.\nGates \(on the held-out test split\):\nstatus +gate +detail\n/);
  const noYes = await cli(['models', 'delete', 'amb@3']);
  assert.equal(noYes.code, 1);
  assert.match(noYes.stderr, /removes amb v3 and its files for good: add --yes to confirm/);
  const yes = await cli(['models', 'delete', 'amb@3', '--yes', '--json']);
  assert.deepEqual(JSON.parse(yes.stdout), { deleted: true, model: { name: 'amb', version: 3 } });
  const stray = await cli(['models', 'rollback', 'amb', '--yes']);
  assert.equal(stray.code, 1);
  assert.match(stray.stderr, /--yes does not apply to lstm-studio models rollback/);
  const list = await cli(['models', 'list']);
  assert.match(list.stdout, /amb +1 .*candidate, production\n/);
});
