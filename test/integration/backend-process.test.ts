/**
 * The back end in its own process, as browser mode and the desktop app run it: the real entry
 * forked with child_process, real SQLite and real imports. Request and response, errors, events,
 * cancel, platform hooks, a crash (the calls fail with a clear message and the process is restarted)
 * and the parent's death (the back end exits).
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { JobFinished } from '../../shared/api';
import { BackendClient } from '../../electron/api/backend-client';
import { processAlive } from '../../electron/api/backend-links';
import { forkBackendProcess } from '../../electron/api/fork-backend';
import type { PlatformHooks } from '../../electron/api/handlers';
import { dataFile, projectRoot, tempDir } from '../helpers/fixtures';

const NAB = dataFile('nab', 'machine_temperature_system_failure.csv');
let bigCsv: string;
const clients: BackendClient[] = [];

before(() => {
  // Large enough that its import is still running when the test cancels it or kills the process.
  bigCsv = path.join(tempDir('lstm-backend-data-'), 'sensors.csv');
  execFileSync(process.execPath, [path.join(projectRoot(), 'scripts', 'make-sensor-csv.js'), bigCsv, '20', '20']);
});
after(() => Promise.all(clients.map((c) => c.close())));

/** Forks a back end on a fresh home; `pids` collects the pid of every process it starts. */
async function startBackend(options: { maxRestarts?: number; hooks?: PlatformHooks } = {}) {
  const home = tempDir('lstm-backend-');
  const pids: number[] = [];
  const logged: string[] = [];
  const client = await BackendClient.start({
    spawn: () => {
      const proc = forkBackendProcess();
      pids.push(proc.pid!);
      return proc;
    },
    options: { home, mode: 'browser' },
    hooks: options.hooks,
    maxRestarts: options.maxRestarts,
    log: (line) => logged.push(line),
  });
  clients.push(client);
  return { client, home, pids, logged };
}

test('calls return values and errors with their kind, and events arrive by name before the result', async () => {
  const { client, home, pids } = await startBackend();
  assert.notEqual(pids[0], process.pid);
  const info = (await client.call('app:info', undefined)) as { mode: string; home: string };
  assert.deepEqual([info.mode, info.home], ['browser', home]);
  await assert.rejects(client.call('datasets:get', { id: 'x' }), (err: Error & { kind?: string }) => {
    assert.equal(err.kind, 'user');
    assert.match(err.message, /The request of datasets:get: `id` must be a number/);
    return true;
  });
  await assert.rejects(client.call('no:such', {}), /Unknown operation "no:such"/);

  const progress: number[] = [];
  const finished: JobFinished[] = [];
  client.events.on('job:progress', (p) => p.jobId === 'nab' && progress.push(p.fraction ?? 0));
  client.events.on('job:finished', (f) => f.jobId === 'nab' && finished.push(f));
  const detail = (await client.call('datasets:import', { jobId: 'nab', path: NAB })) as { summary: { rows: number } };
  assert.equal(detail.summary.rows, 22695);
  assert.ok(progress.length >= 1, 'job:progress came through');
  assert.deepEqual(finished.map((f) => f.ok), [true], 'job:finished came before the result');
  const series = (await client.call('datasets:series', { datasetId: 1, entity: 0, columns: ['value'], maxPoints: 100 })) as { totalPoints: number; traces: unknown[] };
  assert.deepEqual([series.totalPoints, series.traces.length], [22695, 1]);
});

test('aborting a call cancels the job it started: the import stops and stores nothing', async () => {
  const { client } = await startBackend();
  const abort = new AbortController();
  const running = client.call('datasets:import', { jobId: 'big', path: bigCsv }, abort.signal);
  abort.abort();
  await assert.rejects(running, (err: Error & { kind?: string }) => err.kind === 'cancelled');
  assert.deepEqual(await client.call('datasets:list', undefined), []);
});

test('the back end asks its parent for the platform hooks it serves (here the file dialog)', async () => {
  const csv = path.join(tempDir('lstm-picked-'), 'picked.csv');
  fs.writeFileSync(csv, 'time,value\n1,2\n2,3\n');
  const { client } = await startBackend({ hooks: { pickFile: async () => ({ path: csv, name: 'picked.csv' }) } });
  assert.deepEqual(await client.call('dialog:openFile', undefined), { path: csv, name: 'picked.csv' });
  await assert.rejects(client.call('dialog:openModelFile', undefined), /There is no file dialog here/);
});

test('a crash fails the running call with a clear message and the back end is restarted', async () => {
  const { client, pids, logged } = await startBackend();
  const running = client.call('datasets:import', { jobId: 'doomed', path: bigCsv });
  process.kill(pids[0]!, 'SIGKILL');
  await assert.rejects(running, (err: Error & { kind?: string }) => {
    assert.equal(err.kind, 'user');
    assert.equal(err.message, 'The back end stopped unexpectedly (signal SIGKILL) while running datasets:import; what it was doing is lost. It has been restarted: try again.');
    return true;
  });
  assert.match(logged.join('\n'), /the back end stopped unexpectedly \(signal SIGKILL\)\. It has been restarted/);
  const info = (await client.call('app:info', undefined)) as { mode: string };
  assert.equal(info.mode, 'browser');
  assert.equal(pids.length, 2, 'a new process answers');
  assert.deepEqual(await client.call('datasets:list', undefined), [], 'the killed import left nothing behind');
});

test('a back end that keeps crashing is not restarted forever: calls say to restart the app', async () => {
  const { client, pids } = await startBackend({ maxRestarts: 0 });
  const running = client.call('datasets:list', undefined).catch((err: Error) => err);
  process.kill(pids[0]!, 'SIGKILL');
  await running;
  await assert.rejects(client.call('app:info', undefined), /stopped too often within a minute and was not restarted: save your work and restart LSTM Studio/);
  assert.equal(pids.length, 1);
});

test('when its parent dies, the back end exits', async () => {
  const home = tempDir('lstm-orphan-');
  const dist = path.join(projectRoot(), 'dist', 'electron', 'api');
  const script = path.join(home, 'parent.js');
  fs.writeFileSync(
    script,
    `const { BackendClient } = require(${JSON.stringify(path.join(dist, 'backend-client.js'))});
const { forkBackendProcess } = require(${JSON.stringify(path.join(dist, 'fork-backend.js'))});
let pid;
BackendClient.start({ spawn: () => { const p = forkBackendProcess(); pid = p.pid; return p; }, options: { home: ${JSON.stringify(path.join(home, 'h'))}, mode: 'browser' } })
  .then(() => console.log('back end ' + pid));
setInterval(() => {}, 1000);
`,
  );
  const parent = spawn(process.execPath, [script], { stdio: ['ignore', 'pipe', 'inherit'] });
  const pid = await new Promise<number>((resolve, reject) => {
    let out = '';
    parent.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /back end (\d+)/.exec(out);
      if (m) resolve(Number(m[1]));
    });
    parent.once('exit', (code) => reject(new Error(`the parent exited early (${code}): ${out}`)));
  });
  assert.ok(processAlive(pid));
  parent.kill('SIGKILL');
  const until = Date.now() + 15_000;
  while (processAlive(pid) && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
  assert.equal(processAlive(pid), false, 'the orphaned back end exited');
});

test('the front does not load the back end: Electron main loads neither the handlers nor TensorFlow.js', async () => {
  const mainJs = path.join(projectRoot(), 'dist', 'electron', 'main.js');
  // main.js under a minimal Electron whose app never becomes ready: only what main imports is loaded.
  const probe = `
const Module = require('node:module');
const os = require('node:os');
const electron = {
  app: { getPath: () => os.tmpdir(), setPath() {}, enableSandbox() {}, setAppUserModelId() {}, requestSingleInstanceLock: () => true, on() {}, whenReady: () => new Promise(() => {}) },
  protocol: { registerSchemesAsPrivileged() {} },
};
const load = Module._load;
Module._load = function (request, ...rest) { return request === 'electron' ? electron : load.call(this, request, ...rest); };
process.argv.push('--home', os.tmpdir());
require(${JSON.stringify(mainJs)});
const loaded = Object.keys(require.cache);
console.log(JSON.stringify({ tfjs: loaded.some((f) => f.includes('@tensorflow')), handlers: loaded.some((f) => f.endsWith('handlers.js')), sqlite: loaded.some((f) => f.includes('better-sqlite3')), client: loaded.some((f) => f.endsWith('backend-client.js')) }));
process.exit(0);
`;
  const out = execFileSync(process.execPath, ['-e', probe], { encoding: 'utf8' });
  assert.deepEqual(JSON.parse(out.trim().split('\n').at(-1)!), { tfjs: false, handlers: false, sqlite: false, client: true });
});
