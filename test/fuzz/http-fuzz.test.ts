/**
 * Hostile HTTP requests to browser mode (a real server on 127.0.0.1): no or wrong token, a foreign
 * Host or Origin, bodies that are not JSON objects, too large or nested, unknown operations,
 * requests of the wrong shape, paths outside the project, and generated requests to every
 * operation (fast-check, seeded). Each gets a 4xx with a short message and no stack; nothing new
 * is stored and the database passes integrity_check.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { OPERATION_NAMES } from '../../shared/api';
import { op, request, startInProcessServer, type Answer } from '../helpers/server-session';
import { assertGoodMessage, SEED, snapshot, tally } from './hostile';

let server: Awaited<ReturnType<typeof startInProcessServer>>;
before(async () => {
  server = await startInProcessServer();
  // The folders browser mode may use are made on first use: made here, so that is not counted as "new".
  for (const f of ['uploads', 'reports', 'exports']) fs.mkdirSync(path.join(server.home, f), { recursive: true });
});
after(() => console.log(`HTTP fuzz: ${tally.tried} hostile requests, ${tally.refused} refused with a 4xx, ${tally.accepted} answered 200`));

/** Sends a request and checks the answer: a 4xx (or 200 when `accept`), a short message, no stack, nothing stored. */
async function expect4xx(what: string, send: () => Promise<Answer>, accept = false, max?: number): Promise<Answer> {
  tally.tried++;
  const before = snapshot(server.ctx.db, server.home);
  const a = await send();
  assert.doesNotMatch(a.body, /"stack"|\n\s+at /, `${what}: no stack in the answer`);
  assert.equal(server.ctx.db.pragma('integrity_check', { simple: true }), 'ok', what);
  if (a.status === 200 && accept) {
    tally.accepted++;
    return a;
  }
  assert.ok(a.status >= 400 && a.status < 500, `${what}: status ${a.status}: ${a.body.slice(0, 300)}`);
  let message = a.body;
  try {
    message = (JSON.parse(a.body) as { error?: { message?: string } }).error?.message ?? a.body;
  } catch {
    // a plain-text refusal
  }
  assertGoodMessage(message, what, false, max);
  assert.deepEqual(snapshot(server.ctx.db, server.home), before, `${what}: nothing new stored`);
  tally.refused++;
  return a;
}

const post = (path: string, body: string | Buffer, headers: Record<string, string> = {}) => () =>
  request(server.server.port, { method: 'POST', path, headers: { 'X-Studio-Token': server.server.token, 'Content-Type': 'application/json', ...headers }, body });

test('requests without the right token, host or origin are refused', async () => {
  const port = server.server.port;
  await expect4xx('no token', () => request(port, { method: 'POST', path: '/api/op/datasets:list', body: '{}' }));
  await expect4xx('a wrong token', () => request(port, { method: 'POST', path: '/api/op/datasets:list', headers: { 'X-Studio-Token': 'x'.repeat(64) }, body: '{}' }));
  await expect4xx('a token in another case', () => request(port, { method: 'POST', path: '/api/op/datasets:list', headers: { 'X-Studio-Token': server.server.token.toUpperCase() }, body: '{}' }));
  await expect4xx('a foreign Host', () => request(port, { method: 'POST', path: '/api/op/datasets:list', headers: { 'X-Studio-Token': server.server.token, Host: 'evil.example:80' }, body: '{}' }));
  await expect4xx('a foreign Origin', () => request(port, { method: 'POST', path: '/api/op/datasets:list', headers: { 'X-Studio-Token': server.server.token, Origin: 'http://evil.example' }, body: '{}' }));
  await expect4xx('events without a token', () => request(port, { path: '/api/events' }));
  await expect4xx('a report without a token', () => request(port, { path: '/api/reports/x.html' }));
});

test('malformed operation requests are refused', async () => {
  const cases: [string, () => Promise<Answer>][] = [
    ['an unknown operation', post('/api/op/datasets:explode', '{}')],
    ['an operation name with a path', post('/api/op/..%2F..%2Fetc%2Fpasswd', '{}')],
    ['a dialog operation over HTTP', post('/api/op/dialog:openFile', '{}')],
    ['a body that is not JSON', post('/api/op/datasets:get', '{"req": {"id": 1')],
    ['a body that is a list', post('/api/op/datasets:get', '[1, 2]')],
    ['a body that is a string', post('/api/op/datasets:get', '"hello"')],
    ['a body that is null', post('/api/op/datasets:get', 'null')],
    ['a body of 2 MB', post('/api/op/datasets:list', `{"req": null, "pad": "${'x'.repeat(2 * 1024 * 1024)}"}`)],
    ['a body in UTF-16', post('/api/op/datasets:get', Buffer.from('{"req": {"id": 1}}', 'utf16le'))],
    ['a __proto__ key in the body', post('/api/op/datasets:get', '{"req": {"id": 1, "__proto__": {"polluted": true}}}')],
    ['a constructor key in the request', post('/api/op/models:setPolicy', '{"req": {"name": "x", "policy": {"constructor": {"prototype": {"a": 1}}}}}')],
    ['datasets:get of a string id', post('/api/op/datasets:get', '{"req": {"id": "1 OR 1=1"}}')],
    ['datasets:get of a missing id', post('/api/op/datasets:get', '{"req": {"id": 424242}}')],
    ['datasets:get without a request', post('/api/op/datasets:get', '{}')],
    ['datasets:delete of a negative id', post('/api/op/datasets:delete', '{"req": {"id": -1}}')],
    ['datasets:rename to nothing', post('/api/op/datasets:rename', '{"req": {"id": 1, "name": ""}}')],
    ['datasets:series of nonsense', post('/api/op/datasets:series', '{"req": {"datasetId": 1, "entity": 5, "columns": "all", "maxPoints": -1}}')],
    ['models:get of garbage', post('/api/op/models:get', '{"req": {"ref": "@@@"}}')],
    ['models:delete of a missing model', post('/api/op/models:delete', '{"req": {"name": "ghost", "version": 1}}')],
    ['models:deploy of a missing model', post('/api/op/models:deploy', '{"req": {"name": "ghost", "version": 1, "force": true, "reason": "x"}}')],
    ['training:start of an empty config', post('/api/op/training:start', '{"req": {"runId": "r", "datasetId": 1, "config": {}}}')],
    ['jobs:cancel of a list', post('/api/op/jobs:cancel', '{"req": {"jobId": [1, 2]}}')],
    ['models:get without a reference', post('/api/op/models:get', '{"req": {}}')],
    ['models:compare of numbers', post('/api/op/models:compare', '{"req": {"a": 1, "b": 2}}')],
    ['drift:history without a name', post('/api/op/drift:history', '{"req": {}}')],
    ['datasets:preview without a path', post('/api/op/datasets:preview', '{"req": {}}')],
    ['reports:create of nonsense', post('/api/op/reports:create', '{"req": {"kind": "poem"}}')],
    ['scoring:get of a missing run', post('/api/op/scoring:get', '{"req": {"id": "../../studio.sqlite"}}')],
    ['monitoring:history since garbage', post('/api/op/monitoring:history', '{"req": {"since": {"$gt": 0}}}')],
  ];
  for (const [what, send] of cases) await expect4xx(what, send);
  assert.equal(({} as Record<string, unknown>).polluted, undefined, 'Object.prototype untouched');
});

test('paths outside the project are refused in browser mode', async () => {
  // The refusal lists the three folders browser mode may use, absolute: a long temporary home makes it ~330 characters.
  const scoped = (what: string, send: () => Promise<Answer>) => expect4xx(what, send, false, 400);
  await scoped('preview /etc/passwd', post('/api/op/datasets:preview', '{"req": {"path": "/etc/passwd"}}'));
  await scoped('import /etc/passwd', post('/api/op/datasets:import', '{"req": {"jobId": "j", "path": "/etc/passwd"}}'));
  await scoped('import the database itself', post('/api/op/datasets:import', JSON.stringify({ req: { jobId: 'j2', path: `${server.home}/studio.sqlite` } })));
  await scoped('export a model to /tmp', post('/api/op/models:export', '{"req": {"ref": "ghost@1", "path": "/tmp/x.lsmodel"}}'));
  await expect4xx('a report path with ..', () => request(server.server.port, { path: `/api/reports/..%2Fstudio.sqlite?token=${server.server.token}` }));
  await expect4xx('a report path that is absolute', () => request(server.server.port, { path: `/api/reports/%2Fetc%2Fpasswd?token=${server.server.token}` }));
});

test('a body nested 100,000 levels is refused', async () => {
  await expect4xx('deep body', post('/api/op/datasets:get', `{"req": ${'['.repeat(100_000)}${']'.repeat(100_000)}}`));
});

test('generated requests to every operation: answered, or refused with a 4xx and no stack', async () => {
  const ops = OPERATION_NAMES.filter((n) => !['serving:predict', 'training:start', 'reports:create', 'reports:show', 'datasets:import', 'models:importKeras', 'models:import'].includes(n));
  await fc.assert(
    fc.asyncProperty(fc.constantFrom(...ops), fc.oneof(fc.jsonValue({ maxDepth: 3 }), fc.record({ id: fc.jsonValue({ maxDepth: 1 }), name: fc.string({ maxLength: 8 }), ref: fc.string({ maxLength: 8 }), datasetId: fc.integer() }, { requiredKeys: [] })), async (name, req) => {
      await expect4xx(`${name} ${JSON.stringify(req).slice(0, 120)}`, () => op(server.server, name, req), true);
    }),
    { seed: SEED, numRuns: 60 },
  );
});
