import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

const ROOT = findRoot(__dirname);

function findRoot(dir: string): string {
  while (!fs.existsSync(path.join(dir, 'package.json'))) dir = path.dirname(dir);
  return dir;
}

test('electron-builder.yml packages the app with better-sqlite3 unpacked and the Electron fuses flipped (stub Electron, offline)', { timeout: 600_000 }, () => {
  const result = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'package-smoke.js')], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 600_000,
  });
  const output = `${result.stdout}\n${result.stderr}`;
  assert.equal(result.error, undefined, `could not run scripts/package-smoke.js: ${result.error?.message}`);
  assert.equal(result.status, 0, `package smoke check failed (exit ${result.status}):\n${output.slice(-4000)}`);
  assert.match(output, /ok {3}resources\/app\.asar\n/);
  assert.match(output, /unpacked native module: app\.asar\.unpacked\/node_modules\/better-sqlite3\/build\/Release\/better_sqlite3\.node/);
  for (const [fuse, state] of [['RunAsNode', 'off'], ['EnableNodeOptionsEnvironmentVariable', 'off'], ['EnableNodeCliInspectArguments', 'off'], ['EnableEmbeddedAsarIntegrityValidation', 'on'], ['OnlyLoadAppFromAsar', 'on']]) {
    assert.match(output, new RegExp(`ok {3}packaged binary fuse ${fuse} ${state}\n`), `${fuse} ${state}`);
  }
  assert.match(output, /Package smoke check passed\./);
});
