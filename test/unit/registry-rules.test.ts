/** The registry's pure rules: references, thresholds, config diffs, column checks, gates and the alias stack. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ColumnProfile } from '../../shared/dataset';
import { checkColumns, compatibilityGate } from '../../shared/registry/compatibility';
import { diffConfigs } from '../../shared/registry/config-diff';
import { runGates, type GateInput, type GateSubject } from '../../shared/registry/gates';
import { betterSide } from '../../shared/registry/metric-direction';
import { parseModelRef, refCandidates } from '../../shared/registry/model-ref';
import { parseThresholds } from '../../shared/registry/thresholds';
import { DEFAULT_POLICY, type AliasEvent } from '../../shared/registry/types';
import { deployStack, rollbackTarget } from '../../shared/registry/alias-stack';

test('model references: NAME, NAME@VERSION, NAME:ALIAS; the whole text is tried as a name first', () => {
  assert.deepEqual(parseModelRef('pump'), { name: 'pump' });
  assert.deepEqual(parseModelRef('pump@12'), { name: 'pump', version: 12 });
  assert.deepEqual(parseModelRef('pump:production'), { name: 'pump', alias: 'production' });
  assert.deepEqual(parseModelRef('a@b@3'), { name: 'a@b', version: 3 });
  assert.deepEqual(parseModelRef('plant:7:candidate'), { name: 'plant:7', alias: 'candidate' });
  assert.deepEqual(parseModelRef('x:Not An Alias'), { name: 'x:Not An Alias' });
  assert.deepEqual(refCandidates('pump@2'), [{ name: 'pump@2' }, { name: 'pump', version: 2 }]);
  assert.deepEqual(refCandidates('pump'), [{ name: 'pump' }]);
  assert.throws(() => parseModelRef('  '), /empty: give NAME, NAME@VERSION or NAME:ALIAS/);
});

test('thresholds parse from text; a bad one is named', () => {
  assert.deepEqual(parseThresholds('mae<=2.5, accuracy >= 0.9,rmse<3e1'), [
    { metric: 'mae', op: '<=', value: 2.5 },
    { metric: 'accuracy', op: '>=', value: 0.9 },
    { metric: 'rmse', op: '<', value: 30 },
  ]);
  assert.throws(() => parseThresholds('mae=2'), /The threshold "mae=2" cannot be read: write METRIC<=VALUE/);
});

test('metric direction: errors lower, accuracy higher', () => {
  assert.equal(betterSide('mae', 1, 2), 'a');
  assert.equal(betterSide('accuracy', 0.8, 0.9), 'b');
  assert.equal(betterSide('rmse', 1, 1), 'same');
  assert.equal(betterSide('mae', 1, null), null);
});

test('config diff lists differing leaves by dotted path; lists compare whole', () => {
  const a = { task: 'forecast', input: { window: 12, features: ['a', 'b'] }, recurrent: { units: [32] } };
  const b = { task: 'forecast', input: { window: 24, features: ['a', 'b'] }, recurrent: { units: [64, 32] }, extra: true };
  assert.deepEqual(diffConfigs(a, b), [
    { path: 'extra', a: undefined, b: true },
    { path: 'input.window', a: 12, b: 24 },
    { path: 'recurrent.units', a: [32], b: [64, 32] },
  ]);
  assert.deepEqual(diffConfigs(a, structuredClone(a)), []);
});

function column(name: string, over: Partial<ColumnProfile> = {}): ColumnProfile {
  return { name, role: 'feature', type: 'number', count: 100, missing: 0, missingPct: 0, min: 60, max: 80, mean: 70, std: 3, ...over };
}

test('column checks: missing and text columns fail, other units fail, a far mean warns', () => {
  const ref = { min: 60, max: 80, mean: 70 };
  const checks = checkColumns(
    [
      { name: 'ok', reference: ref },
      { name: 'gone', reference: ref },
      { name: 'text', reference: ref },
      { name: 'celsius', reference: ref },
      { name: 'skewed', reference: ref },
    ],
    [column('ok'), column('text', { type: 'category' }), column('celsius', { min: 15, max: 27, mean: 21 }), column('skewed', { min: 50, max: 200, mean: 105 })],
  );
  assert.deepEqual(checks.map((c) => c.status), ['pass', 'fail', 'fail', 'fail', 'warn']);
  assert.match(checks[1].detail, /column `gone` is missing/);
  assert.match(checks[3].detail, /15 to 27 \(training: 60 to 80\): other units/);
  const gate = compatibilityGate('plant B', checks);
  assert.equal(gate.status, 'fail');
  assert.match(gate.detail, /^plant B: column `gone` is missing; column `text` holds category values/);
  assert.equal(compatibilityGate('plant A', checks.slice(0, 1)).status, 'pass');
  assert.equal(compatibilityGate('plant A', [checks[0], checks[4]]).status, 'warn');
});

const NOW = Date.parse('2025-06-01T00:00:00Z');

function version(v: number, metrics: Record<string, number>, over: Partial<GateSubject> = {}): GateSubject {
  return { name: 'pump', version: v, task: 'forecast', metrics, createdAt: '2025-05-30T00:00:00Z', fingerprint: 'f1', dataEnd: Date.parse('2025-05-01T00:00:00Z'), ...over };
}

function gates(over: Partial<GateInput>) {
  const input: GateInput = { candidate: version(2, { mae: 1, baseline_mae: 1.5 }), alias: 'production', inService: null, policy: DEFAULT_POLICY, basis: 'validation', compatibility: null, datasetId: null, now: NOW, ...over };
  const report = runGates(input);
  return { report, status: Object.fromEntries(report.gates.map((g) => [g.gate, g.status])), detail: Object.fromEntries(report.gates.map((g) => [g.gate, g.detail])) };
}

test('gates: a model that loses to the baseline fails; one that beats it passes', () => {
  const good = gates({});
  assert.equal(good.report.passed, true);
  assert.equal(good.status.baseline, 'pass');
  assert.match(good.detail.baseline, /mae 1 against 1\.5 for repeating the last value, the best baseline \(33\.3% better\)/);
  const bad = gates({ candidate: version(2, { mae: 2, baseline_mae: 1.5 }) });
  assert.equal(bad.report.passed, false);
  assert.equal(bad.status.baseline, 'fail');
  assert.match(bad.detail.baseline, /33\.3% worse.*does not beat it: do not use it for decisions/);
  // The best of several baselines decides: the model beats the last value but not the linear window model...
  const metrics = { mae: 1, baseline_mae: 1.5, baseline_last_mae: 1.5, baseline_linear_mae: 0.9 };
  const linear = gates({ candidate: version(2, metrics) });
  assert.equal(linear.status.baseline, 'fail');
  assert.match(linear.detail.baseline, /^mae 1 against 0\.9 for a linear model of the input window, the best baseline \(11\.1% worse\)/);
  // ...unless the policy asks for the naive baseline.
  const naive = gates({ candidate: version(2, metrics), policy: { ...DEFAULT_POLICY, baselineGate: 'naive' } });
  assert.equal(naive.status.baseline, 'pass');
  assert.equal(naive.report.gates[0].title, 'Beats the naive baseline');
  assert.match(naive.detail.baseline, /^mae 1 against 1\.5 for repeating the last value \(33\.3% better\)/);
  // Without a stored baseline (classify) the gate is skipped, saying why.
  const cls = gates({ candidate: version(2, { accuracy: 0.9 }, { task: 'classify' }) });
  assert.equal(cls.status.baseline, 'skip');
  assert.equal(cls.report.passed, true);
});

test('gates: thresholds, the version in service, and freshness limits', () => {
  const policy = { ...DEFAULT_POLICY, thresholds: [{ metric: 'mae', op: '<=' as const, value: 0.8 }, { metric: 'r2', op: '>=' as const, value: 0.5 }] };
  const t = gates({ policy });
  assert.equal(t.status.thresholds, 'fail');
  assert.equal(t.detail.thresholds, 'mae 1 misses mae <= 0.8; r2 is not measured for this model (it has mae, baseline_mae).');
  assert.equal(gates({ policy: { ...policy, thresholds: [policy.thresholds[0]].map((x) => ({ ...x, value: 1 })) } }).status.thresholds, 'pass');

  const worse = gates({ inService: version(1, { mae: 0.9, baseline_mae: 1.5 }) });
  assert.equal(worse.status['in-service'], 'fail');
  assert.match(worse.detail['in-service'], /mae 1 against 0\.9 for v1 \(in service as production\) on the same validation split/);
  assert.equal(gates({ inService: version(1, { mae: 1.2, baseline_mae: 1.5 }) }).status['in-service'], 'pass');
  // Trained on other data: the stored validation metrics are not comparable, so it only warns.
  const other = gates({ inService: version(1, { mae: 0.5 }, { fingerprint: 'f0' }) });
  assert.equal(other.status['in-service'], 'warn');
  assert.equal(other.report.passed, true);

  const fresh = gates({ policy: { ...DEFAULT_POLICY, maxModelAgeDays: 30, maxDataAgeDays: 20 } });
  assert.equal(fresh.status.freshness, 'fail');
  assert.equal(fresh.detail.freshness, 'The model was trained 2 days ago (limit 30 days); its training data ends 31 days ago, more than the 20 days allowed.');
  assert.equal(gates({ policy: { ...DEFAULT_POLICY, maxDataAgeDays: 40 } }).status.freshness, 'pass');
});

function event(action: AliasEvent['action'], from: number | null, to: number): AliasEvent {
  return { id: 0, name: 'pump', alias: 'production', action, fromVersion: from, toVersion: to, at: '', reason: '', forced: false, gates: [] };
}

test('the deploy stack: deploys push, rollbacks pop back', () => {
  assert.deepEqual(deployStack([event('deploy', null, 1), event('deploy', 1, 2), event('deploy', 2, 3)]), [1, 2, 3]);
  assert.deepEqual(deployStack([event('deploy', null, 1), event('deploy', 1, 2), event('deploy', 2, 3), event('rollback', 3, 2)]), [1, 2]);
  assert.deepEqual(deployStack([event('deploy', null, 1), event('deploy', 1, 2), event('rollback', 2, 1), event('deploy', 1, 3)]), [1, 3]);
  // A rollback that skipped a deleted version pops down to where it went.
  assert.deepEqual(deployStack([event('deploy', null, 1), event('deploy', 1, 2), event('deploy', 2, 3), event('rollback', 3, 1)]), [1]);
});

test('the rollback target: the version below the top that still exists, of that alias only', () => {
  const events = [event('deploy', null, 1), event('deploy', 1, 2), event('deploy', 2, 3), { ...event('deploy', null, 9), alias: 'candidate' }];
  assert.equal(rollbackTarget(events, 'production', () => true), 2);
  assert.equal(rollbackTarget(events, 'production', (v) => v !== 2), 1, 'a deleted version is skipped');
  assert.equal(rollbackTarget(events, 'candidate', () => true), null, 'nothing before the first deploy');
  assert.equal(rollbackTarget(events, 'staging', () => true), null);
});
