/**
 * Serving and monitoring through the API on a real project: the serving worker answers with the
 * version production points at, switches to the new version when it is deployed (and back on a
 * rollback) in the same worker thread, and every request lands in the per-minute history with its
 * outcome, latency and memory; the history outlives the app.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { buildApi, type StudioApi } from '../../shared/api';
import type { AliasEvent } from '../../shared/registry/types';
import { createHandlers } from '../../electron/api/handlers';
import { inProcessTransport } from '../../electron/api/in-process-transport';
import { openAppContext, type AppContext } from '../../electron/app/context';
import { writeDemoCsv } from '../../electron/data/demo-seed';
import { tempDir } from '../helpers/fixtures';

const home = tempDir('lstm-serving-');
let ctx: AppContext;
let api: StudioApi;
let fleet: number;

function open(): void {
  ctx = openAppContext({ home, mode: 'cli' });
  api = buildApi(inProcessTransport(createHandlers(ctx), ctx.events));
}

before(async () => {
  open();
  const file = path.join(tempDir(), 'fleet.csv');
  writeDemoCsv(file);
  fleet = (await api.datasets.import({ jobId: 'import', path: file })).summary.id;
  const config = { task: 'forecast' as const, input: { targets: ['temperature_c'], features: ['temperature_c', 'vibration_mm_s'], window: 12 }, recurrent: { units: [32] }, training: { epochs: 1, batchSize: 256 } };
  for (const i of [1, 2]) await api.training.start({ runId: `serve-${i}`, datasetId: fleet, config: { ...config, training: { ...config.training, seed: i } }, name: 'pump' });
});
after(() => ctx.close());

test('the serving worker follows production across a deploy and a rollback without restarting', async () => {
  await assert.rejects(api.serving.predict({ model: 'pump', datasetId: fleet }), /pump has no alias production \(nothing is deployed yet\)/);
  await assert.rejects(api.serving.predict({ model: 'pump@1', datasetId: fleet }), /Serving answers with the version an alias points at, so it takes NAME:ALIAS/);
  const moves: AliasEvent[] = [];
  const stop = api.events.onAliasMoved((e) => moves.push(e));
  await api.models.deploy({ name: 'pump', version: 1, force: true, reason: 'first' });
  const first = await api.serving.predict({ model: 'pump', datasetId: fleet });
  assert.deepEqual(first.model, { name: 'pump', version: 1, alias: 'production' });
  assert.equal(first.rows.length, 8, 'the latest window of each of the 8 pumps');
  assert.deepEqual(first.columns, ['yhat_1']);
  assert.ok(first.rows.every((r) => Number.isFinite(r.values[0]) && r.values[0] > 20 && r.values[0] < 120), JSON.stringify(first.rows[0]));
  const thread = (await api.serving.status()).threadId;
  assert.ok(thread !== null);
  // No tensor outlives a request: the count after 50 more is the loaded model's weights alone.
  const tensors = (await api.serving.status()).memory!.tensors!;
  assert.ok(tensors > 0);
  for (let i = 0; i < 50; i++) await api.serving.predict({ model: 'pump', datasetId: fleet, entities: i % 2 ? ['PUMP-01'] : undefined });
  assert.equal((await api.serving.status()).memory!.tensors, tensors, 'tensors after 50 requests');

  await api.models.deploy({ name: 'pump', version: 2, force: true, reason: 'second' });
  const second = await api.serving.predict({ model: 'pump:production', datasetId: fleet, entities: ['PUMP-03'] });
  assert.equal(second.model.version, 2);
  assert.equal((await api.serving.status()).memory!.tensors, tensors, 'the version switched from was disposed (same architecture, same tensor count)');
  assert.deepEqual(second.rows.map((r) => r.entity), ['PUMP-03']);
  assert.notEqual(second.rows[0].values[0], first.rows.find((r) => r.entity === 'PUMP-03')!.values[0], 'another model answers');
  await api.models.rollback({ name: 'pump', reason: 'back' });
  assert.equal((await api.serving.predict({ model: 'pump', datasetId: fleet })).model.version, 1);
  stop();
  assert.deepEqual(moves.map((e) => [e.action, e.toVersion]), [['deploy', 1], ['deploy', 2], ['rollback', 1]]);

  const status = await api.serving.status();
  assert.equal(status.threadId, thread, 'the same worker thread served every version');
  assert.ok(status.switches >= 2, `${status.switches} switches`);
  assert.deepEqual(status.served.map((s) => [s.name, s.alias, s.version]), [['pump', 'production', 1]]);
  assert.ok(status.memory && status.memory.rssMb > 0 && status.memory.heapMb > 0);
});

test('every request is monitored per version: counts, success rate, latency, throughput and memory; the history survives a restart', async () => {
  await assert.rejects(api.serving.predict({ model: 'pump', datasetId: 9999 }), /There is no dataset with id 9999/);
  const history = await api.monitoring.history({ name: 'pump' });
  const v1 = history.filter((s) => s.version === 1);
  const v2 = history.filter((s) => s.version === 2);
  const sum = (list: typeof history, k: 'requests' | 'successes' | 'failures' | 'predictions') => list.reduce((a, s) => a + s[k], 0);
  assert.deepEqual([sum(v1, 'requests'), sum(v1, 'successes'), sum(v1, 'failures'), sum(v1, 'predictions')], [53, 52, 1, 241]); // with the 50 requests of the tensor check: 25 x 8 pumps + 25 x 1
  assert.deepEqual([sum(v2, 'requests'), sum(v2, 'successes'), sum(v2, 'predictions')], [1, 1, 1]);
  for (const s of history) {
    assert.match(s.minute, /^\d{4}-\d\d-\d\dT\d\d:\d\d:00Z$/);
    assert.ok(s.p50Ms > 0 && s.p95Ms >= s.p50Ms, JSON.stringify(s));
    assert.ok(s.throughput > 0 && s.memory.rssMb > 0);
  }
  const summary = await api.monitoring.summary();
  const prod = summary.find((m) => m.name === 'pump' && m.alias === 'production')!;
  assert.deepEqual([prod.version, prod.requests, prod.predictions], [1, 53, 241]);
  assert.ok(Math.abs(prod.successRate! - 52 / 53) < 1e-9);

  await ctx.close();
  open();
  assert.deepEqual(await api.monitoring.history({ name: 'pump' }), history);
  assert.equal((await api.serving.status()).running, false, 'a new app starts its worker on the first request');
});
