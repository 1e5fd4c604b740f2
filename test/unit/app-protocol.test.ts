/**
 * The desktop window's remaining decisions, as pure functions (the Electron binary cannot run here):
 * the app:// protocol serving only the renderer's build folder with the CSP, frame navigation, and
 * web links opened only after the user confirms them.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { APP_INDEX_URL, APP_SCHEME_REGISTRATION, appFileFor, appResponse, resolveAppPath } from '../../electron/shell/app-protocol';
import { CONTENT_SECURITY_POLICY } from '../../electron/shell/csp';
import { isTrustedSender, isTrustedUrl } from '../../electron/shell/trusted-sender';
import { decideFrameNavigation, decideNavigation, openExternalConfirmed } from '../../electron/shell/window-security';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'lstm-app-protocol-'));
after(() => fs.rmSync(root, { recursive: true, force: true }));
const dist = path.join(root, 'renderer');
fs.mkdirSync(path.join(dist, 'assets'), { recursive: true });
fs.writeFileSync(path.join(dist, 'index.html'), '<!doctype html><title>LSTM Studio</title>');
fs.writeFileSync(path.join(dist, 'assets', 'app.js'), 'console.log(1)');
fs.writeFileSync(path.join(root, 'secret.txt'), 'secret');

test('app:// is a standard, secure scheme and the window loads app://studio/index.html', () => {
  assert.equal(APP_INDEX_URL, 'app://studio/index.html');
  assert.deepEqual(APP_SCHEME_REGISTRATION, { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } });
});

test('app:// URLs map only to files inside the renderer folder', () => {
  assert.equal(resolveAppPath('app://studio/index.html', dist), path.join(dist, 'index.html'));
  assert.equal(resolveAppPath('app://studio/', dist), path.join(dist, 'index.html'));
  assert.equal(resolveAppPath('app://studio/assets/app.js?v=1#x', dist), path.join(dist, 'assets', 'app.js'));
  for (const bad of [
    'app://studio/../secret.txt',
    'app://studio/%2e%2e/secret.txt',
    'app://studio/assets/..%2f..%2fsecret.txt',
    'app://studio/..%5csecret.txt',
    'app://studio/index.html%00.js',
    'app://other/index.html',
    'file:///etc/passwd',
    'https://studio/index.html',
    'app://studio/%E0%A4%A',
    'not a url',
  ]) {
    const file = resolveAppPath(bad, dist);
    assert.ok(file === null || file.startsWith(dist + path.sep), `${bad} -> ${file}`);
    if (file) assert.equal(fs.existsSync(file), false, `${bad} names no real file outside`);
  }
  assert.equal(resolveAppPath('app://studio/..%2fsecret.txt', dist), null, 'encoded slashes are refused');
});

test('a link inside the renderer folder cannot serve a file outside it; folders are not served', async () => {
  fs.symlinkSync(path.join(root, 'secret.txt'), path.join(dist, 'assets', 'leak.js'));
  assert.equal(appFileFor('app://studio/assets/leak.js', dist), null);
  assert.equal(appFileFor('app://studio/assets', dist), null);
  assert.equal((await appResponse('app://studio/assets/leak.js', dist)).status, 404);
  const index = await appResponse('app://studio/index.html', dist);
  assert.equal(index.status, 200);
  assert.equal(index.headers.get('content-type'), 'text/html; charset=utf-8');
  assert.equal(index.headers.get('content-security-policy'), CONTENT_SECURITY_POLICY);
  assert.match(await index.text(), /<title>LSTM Studio<\/title>/);
  const script = await appResponse('app://studio/assets/app.js', dist);
  assert.equal(script.headers.get('content-type'), 'text/javascript; charset=utf-8');
});

test('only app://studio/index.html is trusted (as a sender and a place to navigate)', () => {
  assert.ok(isTrustedUrl('app://studio/index.html#/models/amb', APP_INDEX_URL, 'linux'));
  assert.ok(isTrustedSender({ senderFrame: { url: 'app://studio/index.html' } }, APP_INDEX_URL, 'linux'));
  for (const bad of ['app://studio/other.html', 'app://evil/index.html', 'file:///index.html', 'https://studio/index.html', 'app://studio/assets/app.js']) {
    assert.equal(isTrustedUrl(bad, APP_INDEX_URL, 'linux'), false, bad);
  }
  assert.equal(decideNavigation('app://studio/index.html#/x', APP_INDEX_URL, 'linux'), 'allow');
  assert.equal(decideNavigation('app://studio/assets/app.js', APP_INDEX_URL, 'linux'), 'deny');
});

test('frames may show only the index page and never open links; the main frame follows will-navigate', () => {
  assert.equal(decideFrameNavigation('https://example.com/', false, APP_INDEX_URL, 'linux'), 'deny');
  assert.equal(decideFrameNavigation('file:///etc/passwd', false, APP_INDEX_URL, 'linux'), 'deny');
  assert.equal(decideFrameNavigation('data:text/html,x', false, APP_INDEX_URL, 'linux'), 'deny');
  assert.equal(decideFrameNavigation('app://studio/index.html', false, APP_INDEX_URL, 'linux'), 'allow');
  assert.equal(decideFrameNavigation('https://example.com/', true, APP_INDEX_URL, 'linux'), 'open-external');
});

test('web links open only when http(s) and only after the user confirms a dialog showing the URL', async () => {
  const asked: { detail: string; buttons: string[]; cancelId: number; defaultId: number }[] = [];
  const opened: string[] = [];
  const open = async (u: string) => void opened.push(u);
  const answer = (response: number) => async (p: (typeof asked)[number]) => (asked.push(p), { response });
  assert.equal(await openExternalConfirmed('file:///etc/passwd', answer(0), open), false);
  assert.equal(await openExternalConfirmed('smb://host/share', answer(0), open), false);
  assert.equal(asked.length, 0, 'other schemes are refused without asking');
  assert.equal(await openExternalConfirmed('https://example.com/docs?q=1', answer(1), open), false);
  assert.deepEqual(opened, [], 'Cancel opens nothing');
  assert.equal(await openExternalConfirmed('https://example.com/docs?q=1', answer(0), open), true);
  assert.deepEqual(opened, ['https://example.com/docs?q=1']);
  assert.equal(asked[0].detail, 'https://example.com/docs?q=1', 'the dialog shows the whole URL');
  assert.deepEqual([asked[0].buttons, asked[0].defaultId, asked[0].cancelId], [['Open in browser', 'Cancel'], 1, 1]);
});
