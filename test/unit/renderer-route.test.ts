/** The renderer's routes: every page survives a trip through its URL hash, and a bad hash opens the datasets list. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { modelsRoute, parseHash, routeHash, type Route } from '../../renderer/src/common/route';

const ROUTES: Route[] = [
  { page: 'datasets' },
  { page: 'dataset', id: 3 },
  { page: 'configure', datasetId: null },
  { page: 'configure', datasetId: 7 },
  { page: 'training', runId: 'run-1f2e' },
  { page: 'runs' },
  { page: 'run', id: 'b9c4-0a' },
  { page: 'monitoring' },
  modelsRoute(),
  modelsRoute('pumps'),
  modelsRoute('pump fleet/α', 2),
  { page: 'models', name: 'pumps', version: null, compare: { a: 1, b: 3 } },
  { page: 'analysis', view: 'evaluate', model: null, datasetId: null },
  { page: 'analysis', view: 'forecast', model: 'pumps@1', datasetId: 3 },
  { page: 'analysis', view: 'risk', model: 'a&b=c@2', datasetId: null },
  { page: 'analysis', view: 'explain', model: null, datasetId: 12 },
  { page: 'analysis', view: 'drift', model: 'pumps@production', datasetId: 4 },
  { page: 'analysis', view: 'score', model: 'pumps@1', datasetId: 5 },
];

test('every route is read back from its hash unchanged', () => {
  for (const route of ROUTES) assert.deepEqual(parseHash(routeHash(route)), route, routeHash(route));
});

test('hashes read as the pages they name', () => {
  assert.deepEqual(parseHash('#/datasets/42'), { page: 'dataset', id: 42 });
  assert.deepEqual(parseHash('#/train'), { page: 'configure', datasetId: null });
  assert.deepEqual(parseHash('#/models/pumps/v3'), modelsRoute('pumps', 3));
  assert.deepEqual(parseHash('#/forecast?model=pumps%401&data=3'), { page: 'analysis', view: 'forecast', model: 'pumps@1', datasetId: 3 });
  assert.equal(routeHash(modelsRoute('a b')), '#/models/a%20b');
});

test('an unknown or malformed hash opens the datasets list', () => {
  for (const hash of ['', '#', '#/', '#/nowhere', '#/datasets/abc', '#/datasets/3/x', '#/models/%E0%A4%A', '#/runs/', '#/training/a b']) {
    assert.deepEqual(parseHash(hash), { page: 'datasets' }, hash);
  }
});

test('an analysis hash drops a dataset id that is not a positive whole number', () => {
  for (const data of ['0', '-2', '1.5', 'x', '']) {
    assert.deepEqual(parseHash(`#/evaluate?data=${data}`), { page: 'analysis', view: 'evaluate', model: null, datasetId: null }, data);
  }
});
