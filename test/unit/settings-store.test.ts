import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { MAX_RECENT_FILES, addRecent, openSettings } from '../../electron/settings/settings-store';

const temps: string[] = [];
after(() => temps.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

function tempHome(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lstm-settings-'));
  temps.push(dir);
  return dir;
}

function touch(dir: string, name: string): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, 'time,value\n');
  return file;
}

test('settings live in <home>/settings.json and survive reopening', () => {
  const home = tempHome();
  const s = openSettings(home);
  assert.equal(s.path, path.join(home, 'settings.json'));
  assert.deepEqual(s.recentFiles(), []);
  assert.equal(s.windowState(), null);

  const a = touch(home, 'a.csv');
  s.addRecentFile(a);
  s.setWindowState({ x: 10, y: 20, width: 1024, height: 768, maximized: true });
  assert.ok(fs.existsSync(path.join(home, 'settings.json')));

  const again = openSettings(home);
  assert.deepEqual(again.recentFiles().map((f) => [f.path, f.name]), [[a, 'a.csv']]);
  assert.ok(!Number.isNaN(Date.parse(again.recentFiles()[0].openedAt)));
  assert.deepEqual(again.windowState(), { x: 10, y: 20, width: 1024, height: 768, maximized: true });
});

test('recent files are newest first, de-duplicated, capped and only existing files', () => {
  const home = tempHome();
  const s = openSettings(home);
  const files = Array.from({ length: 12 }, (_, i) => touch(home, `f${i}.csv`));
  for (const f of files) s.addRecentFile(f);
  s.addRecentFile(files[5]);
  const names = s.recentFiles().map((f) => f.name);
  assert.equal(names.length, MAX_RECENT_FILES);
  assert.deepEqual(names, ['f5.csv', 'f11.csv', 'f10.csv', 'f9.csv', 'f8.csv', 'f7.csv', 'f6.csv', 'f4.csv', 'f3.csv', 'f2.csv']);

  fs.unlinkSync(files[11]);
  assert.deepEqual(s.recentFiles().slice(0, 3).map((f) => f.name), ['f5.csv', 'f10.csv', 'f9.csv']);

  // A relative path and the same file via `..` count as one entry.
  const rel = path.relative(process.cwd(), files[3]);
  s.addRecentFile(rel);
  s.addRecentFile(path.join(home, 'sub', '..', 'f3.csv'));
  const list = s.recentFiles();
  assert.equal(list.filter((f) => f.name === 'f3.csv').length, 1);
  assert.equal(list[0].path, files[3]);
});

test('addRecent is pure: moves an existing path to the top and caps the list', () => {
  const now = new Date('2025-01-02T03:04:05Z');
  const old = [
    { path: path.resolve('/d/a.csv'), name: 'a.csv', openedAt: '2024-01-01T00:00:00.000Z' },
    { path: path.resolve('/d/b.csv'), name: 'b.csv', openedAt: '2024-01-01T00:00:00.000Z' },
  ];
  assert.deepEqual(addRecent(old, '/d/b.csv', now), [
    { path: path.resolve('/d/b.csv'), name: 'b.csv', openedAt: '2025-01-02T03:04:05.000Z' },
    old[0],
  ]);
  const many = Array.from({ length: 15 }, (_, i) => ({ path: `/m/${i}`, name: String(i), openedAt: '' }));
  assert.equal(addRecent(many, '/m/new', now).length, MAX_RECENT_FILES);
});

test('an invalid window state is refused and a damaged settings file is set aside', () => {
  const home = tempHome();
  const s = openSettings(home);
  assert.throws(() => s.setWindowState({ x: 0, y: 0, width: Number.NaN, height: 10, maximized: false }), /Not a window state/);

  fs.writeFileSync(path.join(home, 'settings.json'), '{"recentFiles": "not a list", "windowState": {"x": "left"}}');
  const warnings: string[] = [];
  const originalWarn = console.warn;
  console.warn = (msg: string) => warnings.push(msg);
  let reopened;
  try {
    reopened = openSettings(home);
  } finally {
    console.warn = originalWarn;
  }
  assert.deepEqual(reopened.recentFiles(), []);
  assert.equal(reopened.windowState(), null);
  assert.equal(warnings.length, 1);
  assert.match(warnings[0], /could not be read .* moved to .*settings\.json\.broken-/);
  assert.equal(fs.readdirSync(home).filter((f) => f.startsWith('settings.json.broken-')).length, 1);

  // Invalid JSON (a crash mid-write by another tool) is cleared by conf itself.
  fs.writeFileSync(path.join(home, 'settings.json'), '{"recentFiles": [');
  assert.deepEqual(openSettings(home).recentFiles(), []);
});

test('settings.json is created 0600 (only its owner reads it), whatever the umask', () => {
  const before = process.umask(0);
  try {
    const home = tempHome();
    openSettings(home).setWindowState({ x: 0, y: 0, width: 800, height: 600, maximized: false });
    assert.equal(fs.statSync(path.join(home, 'settings.json')).mode & 0o777, 0o600);
  } finally {
    process.umask(before);
  }
});

test('the upload limit of browser mode defaults to 2 GiB and is kept in the settings', () => {
  const home = tempHome();
  assert.equal(openSettings(home).uploadLimitBytes(), 2 * 1024 ** 3);
  openSettings(home).setUploadLimitBytes(1024);
  assert.equal(openSettings(home).uploadLimitBytes(), 1024);
  assert.throws(() => openSettings(home).setUploadLimitBytes(0), /Not an upload limit/);
});
