/** The renderer's query cache: keys group by namespace, and each back-end event marks the right reads stale. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { JobKind } from '../../shared/api';
import { invalidationFor, isAboutDataset, operationKey } from '../../renderer/src/common/query-keys';

test('a key is the namespace, the method and the request (null for none)', () => {
  assert.deepEqual(operationKey('datasets:get', { id: 3 }), ['datasets', 'get', { id: 3 }]);
  assert.deepEqual(operationKey('datasets:list', undefined), ['datasets', 'list', null]);
  assert.deepEqual(operationKey('models:history', { name: 'pumps' }), ['models', 'history', { name: 'pumps' }]);
});

test('a finished job marks stale what it wrote; progress marks nothing', () => {
  const finished = (kind: JobKind) => invalidationFor('job:finished', { jobId: 'j', kind, ok: true });
  assert.deepEqual(finished('import'), ['datasets', 'files']);
  assert.deepEqual(finished('train'), ['runs', 'models']);
  assert.ok((finished('analysis') as string[]).includes('drift'));
  assert.ok((finished('analysis') as string[]).includes('scoring'));
  assert.deepEqual(finished('report'), []);
  assert.deepEqual(finished('estimate'), []);
  const progress = { jobId: 'j', kind: 'import', phase: 'Reading rows', fraction: 0.5, rows: 10, bytes: 5, totalBytes: 10 } as const;
  assert.deepEqual(invalidationFor('job:progress', progress), []);
});

test('a job of a kind added later marks everything stale rather than leaving a page out of date', () => {
  assert.equal(invalidationFor('job:finished', { jobId: 'j', kind: 'tune' as JobKind, ok: true }), 'all');
  assert.equal(invalidationFor('job:finished', { jobId: 'j', kind: 'toString' as JobKind, ok: true }), 'all');
});

test('an alias move reloads the registry and what serves it', () => {
  const moved = invalidationFor('models:aliasMoved', {} as never);
  assert.deepEqual(moved, ['models', 'monitoring', 'serving']);
});

test('the queries about one dataset are told apart from lists and other datasets', () => {
  assert.equal(isAboutDataset(operationKey('datasets:get', { id: 3 }), 3), true);
  assert.equal(isAboutDataset(operationKey('datasets:series', { datasetId: 3, entity: 0, columns: ['a'], maxPoints: 10 }), 3), true);
  assert.equal(isAboutDataset(operationKey('datasets:get', { id: 4 }), 3), false);
  assert.equal(isAboutDataset(operationKey('datasets:list', undefined), 3), false);
  assert.equal(isAboutDataset(operationKey('runs:list', { datasetId: 3 }), 3), false);
});
