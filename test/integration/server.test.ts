/** Browser mode's HTTP server on a temp home, relaying to a forked back end: access control, routes, uploads and events. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as path from 'node:path';
import { CancelledError, UserError } from '../../shared/errors';
import { CONTENT_SECURITY_POLICY } from '../../electron/server/http-io';
import { op, openEvents, request, startInProcessServer, startServer, type Answer } from '../helpers/server-session';

const ROOT = path.resolve(__dirname, '../../..');
const NAB = path.resolve(ROOT, '..', 'shared', 'data', 'nab', 'machine_temperature_system_failure.csv');

test('listens on 127.0.0.1 only and prints a link with a fresh 256-bit token', async () => {
  const { server } = await startServer();
  const address = server.server.address();
  assert.ok(address && typeof address === 'object');
  assert.equal(address.address, '127.0.0.1');
  assert.equal(address.port, server.port);
  assert.match(server.url, /^http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]{43}$/);
  const other = await startServer();
  assert.notEqual(other.server.token, server.token);
});

test('requests without the token get 401', async () => {
  const { server, home } = await startServer();
  const port = server.port;
  const answers = await Promise.all([
    request(port, { path: '/' }),
    request(port, { path: '/assets/app.js' }),
    request(port, { method: 'POST', path: '/api/op/datasets:list', body: '{"req":null}' }),
    request(port, { path: '/api/events' }),
    request(port, { method: 'POST', path: '/api/upload?name=x.csv', body: 'a,b\n1,2\n' }),
    request(port, { path: '/?token=wrong' }),
    request(port, { method: 'POST', path: '/api/op/app:info', headers: { 'X-Studio-Token': server.token.slice(1) } }),
    request(port, { path: '/', headers: { Cookie: `studio_token=${server.token}x` } }),
  ]);
  for (const a of answers) {
    assert.equal(a.status, 401);
    assert.match(a.body, /Unauthorized: open the link printed by `lstm-studio serve`/);
  }
  assert.ok(!fs.existsSync(path.join(home, 'uploads')), 'nothing was uploaded');
});

test('a foreign Host (DNS rebinding) or Origin gets 403, even with the token', async () => {
  const { server } = await startServer();
  const withToken = { 'X-Studio-Token': server.token };
  const rebound = await request(server.port, { path: '/', headers: { ...withToken, Host: `evil.example:${server.port}` } });
  assert.equal(rebound.status, 403);
  const otherPort = await request(server.port, { path: '/', headers: { ...withToken, Host: `127.0.0.1:${server.port + 1}` } });
  assert.equal(otherPort.status, 403);
  const crossSite = await request(server.port, { method: 'POST', path: '/api/op/app:info', headers: { ...withToken, Origin: 'http://evil.example' } });
  assert.equal(crossSite.status, 403);
  const localhost = await request(server.port, { path: '/', headers: { ...withToken, Host: `localhost:${server.port}` } });
  assert.equal(localhost.status, 200);
});

test('GET /?token= serves index.html with the security headers and a cookie for the assets', async () => {
  const { server } = await startServer();
  const page = await request(server.port, { path: `/?token=${server.token}` });
  assert.equal(page.status, 200);
  assert.match(page.headers['content-type'] ?? '', /^text\/html/);
  assert.match(page.body, /<title>LSTM Studio<\/title>/);
  assert.deepEqual(page.headers['set-cookie'], [`studio_token=${server.token}; HttpOnly; SameSite=Strict; Path=/`]);
  assert.equal(page.headers['content-security-policy'], CONTENT_SECURITY_POLICY);
  assert.match(CONTENT_SECURITY_POLICY, /frame-ancestors 'none'/);
  assert.equal(page.headers['x-content-type-options'], 'nosniff');
  assert.equal(page.headers['referrer-policy'], 'no-referrer');

  const cookie = { Cookie: `other=1; studio_token=${server.token}` };
  const script = await request(server.port, { path: '/assets/app.js', headers: cookie });
  assert.equal(script.status, 200);
  assert.equal(script.headers['content-type'], 'text/javascript; charset=utf-8');
  assert.equal(script.body, 'console.log("app");');
  assert.equal(script.headers['set-cookie'], undefined);
  assert.equal((await request(server.port, { path: '/assets/missing.js', headers: cookie })).status, 404);
  for (const sneaky of ['/../package.json', '/..%2f..%2fpackage.json', '/%2e%2e/%2e%2e/studio.sqlite', '/assets/..%5c..%5cstudio.sqlite', '/%00']) {
    const a = await request(server.port, { path: sneaky, headers: cookie });
    assert.equal(a.status, 404, `${sneaky} -> ${a.status}`);
  }
  assert.equal((await request(server.port, { method: 'DELETE', path: '/', headers: cookie })).status, 405);
});

test('operations: app:info works; unknown ops, the file dialog and bad bodies are refused', async () => {
  const { server, home } = await startServer();
  const info = await op(server, 'app:info');
  assert.equal(info.status, 200);
  const body = JSON.parse(info.body);
  assert.equal(body.ok, true);
  assert.equal(body.value.mode, 'browser');
  assert.equal(body.value.home, home);

  for (const name of ['nope:never', 'dialog:openFile', 'dialog:openModelFile', 'constructor', '__proto__']) {
    const a = await op(server, name);
    assert.equal(a.status, 404, name);
    assert.equal(JSON.parse(a.body).ok, false);
  }
  const headers = { 'X-Studio-Token': server.token };
  const badJson = await request(server.port, { method: 'POST', path: '/api/op/datasets:list', headers, body: '{"req":' });
  assert.equal(badJson.status, 400);
  assert.match(JSON.parse(badJson.body).error.message, /not valid JSON/);
  const huge = await request(server.port, { method: 'POST', path: '/api/op/datasets:list', headers, body: JSON.stringify({ req: 'x'.repeat(1_100_000) }) });
  assert.equal(huge.status, 413);
  const get = await request(server.port, { path: '/api/op/datasets:list', headers });
  assert.equal(get.status, 405);
  const emptyList = await op(server, 'datasets:list');
  assert.deepEqual(JSON.parse(emptyList.body), { ok: true, value: [] });
});

test('errors map to 400 (user), 409 (cancelled) and 500 (internal: a generic message and an id that is logged), never with a stack', async () => {
  const { server } = await startInProcessServer({
    'files:recent': async () => {
      throw new UserError('Row 3, column `x`: fix it.');
    },
    'jobs:cancel': async () => {
      throw new CancelledError();
    },
    'datasets:list': async () => {
      throw new Error('boom');
    },
  });
  const user = await op(server, 'files:recent');
  assert.equal(user.status, 400);
  assert.deepEqual(JSON.parse(user.body), { ok: false, error: { name: 'UserError', kind: 'user', message: 'Row 3, column `x`: fix it.' } });
  const cancelled = await op(server, 'jobs:cancel', { jobId: 'x' });
  assert.equal(cancelled.status, 409);
  assert.equal(JSON.parse(cancelled.body).error.kind, 'cancelled');
  const logged: string[] = [];
  const write = process.stderr.write;
  process.stderr.write = ((chunk: string) => (logged.push(String(chunk)), true)) as typeof process.stderr.write;
  let internal: Answer;
  try {
    internal = await op(server, 'datasets:list');
  } finally {
    process.stderr.write = write;
  }
  assert.equal(internal.status, 500);
  const error = JSON.parse(internal.body).error;
  assert.equal(error.kind, 'internal');
  assert.equal(error.stack, undefined);
  assert.doesNotMatch(internal.body, /boom|server\.test|\\n\s+at /);
  const id = /error id ([0-9a-f]{8})/.exec(error.message)?.[1];
  assert.ok(id, error.message);
  const line = logged.find((l) => l.includes(id));
  assert.ok(line, 'the error is logged under its id');
  assert.match(line, /boom[\s\S]*server\.test/);
});

test('upload the NAB file, import it, and watch job:progress arrive on the event stream', async () => {
  const { server, home } = await startServer();
  const stream = await openEvents(server);
  assert.equal(stream.status, 200);

  const upload = await request(server.port, {
    method: 'POST',
    path: `/api/upload?name=${encodeURIComponent('machine temp/../../evil name.csv')}`,
    headers: { 'X-Studio-Token': server.token, 'Content-Type': 'application/octet-stream' },
    body: fs.readFileSync(NAB),
  });
  assert.equal(upload.status, 200, upload.body);
  const picked = JSON.parse(upload.body).value;
  assert.equal(picked.name, 'evil name.csv');
  assert.equal(path.dirname(path.dirname(picked.path)), path.join(home, 'uploads'));
  assert.match(path.basename(path.dirname(picked.path)), /^[0-9a-f]{16}$/);
  assert.equal(path.basename(picked.path), 'evil_name.csv');
  assert.ok(fs.readFileSync(picked.path).equals(fs.readFileSync(NAB)), 'the stored file is byte-identical');

  const jobId = 'browser-import-1';
  const imported = await op(server, 'datasets:import', { jobId, path: picked.path, options: { name: 'Machine temperature' } });
  assert.equal(imported.status, 200, imported.body);
  const detail = JSON.parse(imported.body).value;
  assert.equal(detail.summary.rows, 22695);
  assert.equal(detail.summary.name, 'Machine temperature');

  const deadline = Date.now() + 5000;
  while (!stream.events.some((e) => e.event === 'job:finished') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  const progress = stream.events.filter((e) => e.event === 'job:progress');
  assert.ok(progress.length >= 1, 'at least one job:progress event');
  for (const p of progress) {
    assert.equal(p.data.jobId, jobId);
    assert.equal(p.data.kind, 'import');
    assert.equal(typeof p.data.rows, 'number');
  }
  const finished = stream.events.find((e) => e.event === 'job:finished');
  assert.deepEqual(finished?.data, { jobId, kind: 'import', ok: true });
  assert.deepEqual(fs.readdirSync(path.dirname(picked.path)), [path.basename(picked.path)], 'no partial files left');

  await server.close();
  await stream.ended; // closing the server ends open event streams
});

test('an upload cut off half-way leaves nothing behind', async () => {
  const { server, home } = await startServer();
  await new Promise<void>((resolve) => {
    const req = http.request({
      host: '127.0.0.1',
      port: server.port,
      method: 'POST',
      path: '/api/upload?name=big.csv',
      headers: { 'X-Studio-Token': server.token, 'Content-Length': 10_000_000 },
    });
    req.on('error', () => resolve());
    req.write(Buffer.alloc(256 * 1024, 0x31), () => setTimeout(() => req.destroy(), 100));
  });
  const uploads = path.join(home, 'uploads');
  const deadline = Date.now() + 3000;
  while (fs.existsSync(uploads) && fs.readdirSync(uploads).length > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  assert.deepEqual(fs.existsSync(uploads) ? fs.readdirSync(uploads) : [], []);
  const noName = await request(server.port, { method: 'POST', path: '/api/upload', headers: { 'X-Studio-Token': server.token }, body: 'x' });
  assert.equal(noName.status, 400);
  assert.match(JSON.parse(noName.body).error.message, /\?name=/);
});
