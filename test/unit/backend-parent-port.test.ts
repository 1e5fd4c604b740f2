/**
 * The back end over Electron's utilityProcess parent port, which cannot run here (no Electron
 * binary): the real service on a real SQLite home, behind parentPortLink, driven through a fake
 * `process.parentPort` that records what the back end posts. And the front's side of the platform
 * hooks (the desktop app's PDF printer), with a back end played in memory.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CancelledError } from '../../shared/errors';
import { BackendClient, type BackendProcess } from '../../electron/api/backend-client';
import { parentPortLink, type ParentPortLike } from '../../electron/api/backend-links';
import type { FromBackend, ToBackend } from '../../electron/api/backend-protocol';
import { serveBackend } from '../../electron/api/backend-service';
import { tempDir } from '../helpers/fixtures';

/** A fake parent port: `deliver` plays the parent posting a message; `posted` holds what the back end sent. */
function fakeParentPort() {
  const listeners: ((event: { data: unknown }) => void)[] = [];
  const posted: FromBackend[] = [];
  const waiters: { match: (m: FromBackend) => boolean; resolve: (m: FromBackend) => void }[] = [];
  const port: ParentPortLike = {
    on: (_event, listener) => listeners.push(listener),
    postMessage(message) {
      // Electron's port structured-clones; so does this fake.
      const m = structuredClone(message) as FromBackend;
      posted.push(m);
      for (const w of waiters.filter((w) => w.match(m))) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(m);
      }
    },
  };
  return {
    port,
    posted,
    deliver: (message: ToBackend) => listeners.forEach((l) => l({ data: structuredClone(message) })),
    next: (match: (m: FromBackend) => boolean): Promise<FromBackend> => {
      const seen = posted.find(match);
      return seen ? Promise.resolve(seen) : new Promise((resolve) => waiters.push({ match, resolve }));
    },
  };
}

test('over a parent port the back end answers calls, pushes events, asks for hooks and exits when its parent dies', async () => {
  const home = tempDir('lstm-port-');
  const fake = fakeParentPort();
  let parentAlive = true;
  let exited: (code: number) => void = () => {};
  const exit = new Promise<number>((resolve) => (exited = resolve));
  serveBackend(parentPortLink(fake.port, () => parentAlive, 20), exited);
  fake.deliver({ type: 'start', options: { home, mode: 'desktop', hooks: ['showFile'] } });
  assert.deepEqual(await fake.next((m) => m.type === 'ready' || m.type === 'failed'), { type: 'ready' });

  fake.deliver({ type: 'call', id: 1, op: 'app:info', req: undefined });
  const info = await fake.next((m) => m.type === 'result' && m.id === 1);
  assert.ok(info.type === 'result' && info.outcome.ok);
  assert.deepEqual([(info.outcome.value as { mode: string }).mode, (info.outcome.value as { home: string }).home], ['desktop', home]);

  fake.deliver({ type: 'call', id: 2, op: 'datasets:get', req: { id: 'x' } });
  const bad = await fake.next((m) => m.type === 'result' && m.id === 2);
  assert.ok(bad.type === 'result' && !bad.outcome.ok);
  assert.equal(bad.outcome.error.kind, 'user');
  assert.match(bad.outcome.error.message, /The request of datasets:get: `id` must be a number/);
  fake.deliver({ type: 'call', id: 3, op: 'no:such', req: {} });
  const unknown = await fake.next((m) => m.type === 'result' && m.id === 3);
  assert.ok(unknown.type === 'result' && !unknown.outcome.ok && /Unknown operation "no:such"/.test(unknown.outcome.error.message));

  // An import's job events are pushed by name, before its result.
  const csv = path.join(home, 'small.csv');
  fs.writeFileSync(csv, 'time,value\n1,2\n2,3\n3,5\n4,4\n');
  fake.deliver({ type: 'call', id: 4, op: 'datasets:import', req: { jobId: 'import-1', path: csv } });
  const imported = await fake.next((m) => m.type === 'result' && m.id === 4);
  assert.ok(imported.type === 'result' && imported.outcome.ok, JSON.stringify(imported));
  const events = fake.posted.filter((m) => m.type === 'event');
  assert.ok(events.some((e) => e.type === 'event' && e.name === 'job:finished' && (e.payload as { jobId: string }).jobId === 'import-1'));
  assert.ok(fake.posted.indexOf(events.at(-1)!) < fake.posted.indexOf(imported));

  // reports:show needs the file manager, which only the parent has: the back end asks for it.
  fs.mkdirSync(path.join(home, 'reports'), { recursive: true });
  const report = path.join(home, 'reports', 'r.html');
  fs.writeFileSync(report, '<p>r</p>');
  fake.deliver({ type: 'call', id: 5, op: 'reports:show', req: { path: report } });
  const hook = await fake.next((m) => m.type === 'hook');
  assert.ok(hook.type === 'hook');
  assert.deepEqual([hook.name, hook.args], ['showFile', [report]]);
  fake.deliver({ type: 'hook-result', id: hook.id, outcome: { ok: true, value: null } });
  const shown = await fake.next((m) => m.type === 'result' && m.id === 5);
  assert.deepEqual(shown.type === 'result' && shown.outcome, { ok: true, value: { shown: true } });
  // A hook this front does not serve is absent, as in the CLI: the handler says so.
  fake.deliver({ type: 'call', id: 6, op: 'dialog:openFile', req: undefined });
  const noDialog = await fake.next((m) => m.type === 'result' && m.id === 6);
  assert.ok(noDialog.type === 'result' && !noDialog.outcome.ok && /There is no file dialog here/.test(noDialog.outcome.error.message));

  // The parent dies: the poll notices, the database is closed and the process exits.
  parentAlive = false;
  const keepAlive = setInterval(() => undefined, 1_000); // the link's poll is unref'd, as it must be in the back end
  try {
    assert.equal(await exit, 0);
  } finally {
    clearInterval(keepAlive);
  }
});

test('shutdown closes the database and says so; a home that cannot be opened fails naming it', async () => {
  const home = tempDir('lstm-port-');
  const fake = fakeParentPort();
  let exited: (code: number) => void = () => {};
  const exit = new Promise<number>((resolve) => (exited = resolve));
  serveBackend(parentPortLink(fake.port, () => true), exited);
  fake.deliver({ type: 'start', options: { home, mode: 'desktop', hooks: [] } });
  await fake.next((m) => m.type === 'ready');
  fake.deliver({ type: 'shutdown' });
  assert.equal(await exit, 0);
  assert.deepEqual(fake.posted.at(-1), { type: 'closed' });

  const notAFolder = path.join(tempDir('lstm-port-'), 'file');
  fs.writeFileSync(notAFolder, '');
  const failing = fakeParentPort();
  let failedExit: (code: number) => void = () => {};
  const failed = new Promise<number>((resolve) => (failedExit = resolve));
  serveBackend(parentPortLink(failing.port, () => true), failedExit);
  failing.deliver({ type: 'start', options: { home: notAFolder, mode: 'desktop', hooks: [] } });
  const answer = await failing.next((m) => m.type === 'failed');
  assert.ok(answer.type === 'failed');
  assert.ok(answer.error.message.includes(notAFolder), answer.error.message);
  assert.equal(await failed, 1);
});

test('the front serves the PDF printer for the back end, and a withdrawn print is cancelled', async () => {
  // A back-end process played in memory: the test sends what the back end would.
  const toFront: ((m: FromBackend) => void)[] = [];
  const sent: ToBackend[] = [];
  const proc: BackendProcess = {
    send: (m) => {
      sent.push(m);
      if (m.type === 'start') queueMicrotask(() => toFront.forEach((l) => l({ type: 'ready' })));
    },
    onMessage: (l) => void toFront.push(l),
    onClose: () => undefined,
    kill: () => undefined,
  };
  const printed: string[] = [];
  let aborted = false;
  await BackendClient.start({
    spawn: () => proc,
    options: { home: '/nowhere', mode: 'desktop' },
    hooks: {
      printPdf: (html, pdf, signal) =>
        new Promise<void>((resolve, reject) => {
          printed.push(`${html} -> ${pdf}`);
          if (html.endsWith('quick.html')) return resolve();
          signal.addEventListener('abort', () => {
            aborted = true;
            reject(new CancelledError('The report was cancelled.'));
          });
        }),
    },
  });
  const start = sent.find((m) => m.type === 'start');
  assert.deepEqual(start?.type === 'start' && start.options.hooks, ['printPdf'], 'the back end learns which hooks the front serves');
  const answer = (id: number) =>
    new Promise<ToBackend>((resolve) => {
      const poll = () => {
        const found = sent.find((m) => m.type === 'hook-result' && m.id === id);
        if (found) resolve(found);
        else setTimeout(poll, 5);
      };
      poll();
    });
  toFront.forEach((l) => l({ type: 'hook', id: 1, name: 'printPdf', args: ['/r/quick.html', '/r/quick.pdf'] }));
  assert.deepEqual(await answer(1), { type: 'hook-result', id: 1, outcome: { ok: true, value: null } });
  toFront.forEach((l) => l({ type: 'hook', id: 2, name: 'printPdf', args: ['/r/slow.html', '/r/slow.pdf'] }));
  toFront.forEach((l) => l({ type: 'hook-cancel', id: 2 }));
  const cancelled = await answer(2);
  assert.ok(cancelled.type === 'hook-result' && !cancelled.outcome.ok);
  assert.equal(cancelled.outcome.error.kind, 'cancelled');
  assert.ok(aborted);
  toFront.forEach((l) => l({ type: 'hook', id: 3, name: 'showFile', args: ['/r/x.html'] }));
  const refused = await answer(3);
  assert.ok(refused.type === 'hook-result' && !refused.outcome.ok && /does not provide showFile/.test(refused.outcome.error.message));
  assert.deepEqual(printed, ['/r/quick.html -> /r/quick.pdf', '/r/slow.html -> /r/slow.pdf']);
});
