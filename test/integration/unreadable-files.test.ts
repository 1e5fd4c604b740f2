/**
 * Files the user may not read, as a user without the permission meets them: the CLI run as `nobody`
 * (tests run as root, where chmod 000 does not stop reads) on a data file, a config and a model
 * export with mode 000. Each exits 1 naming the file and what to do, never 2 with a stack. Skipped
 * where there is no root or no `nobody` to switch to (the mapping itself is unit-tested).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { BIN } from '../helpers/cli-run';
import { tempDir, writeTemp } from '../helpers/fixtures';

const NOBODY = 65534;

function canSwitchUser(): boolean {
  if (process.getuid?.() !== 0) return false;
  try {
    execFileSync('setpriv', [`--reuid=${NOBODY}`, `--regid=${NOBODY}`, '--clear-groups', process.execPath, '-e', '0']);
    return true;
  } catch {
    return false;
  }
}

/** Runs the CLI as nobody. */
function cliAsNobody(args: string[]): Promise<{ code: number; stderr: string }> {
  return new Promise((resolve) => {
    execFile('setpriv', [`--reuid=${NOBODY}`, `--regid=${NOBODY}`, '--clear-groups', process.execPath, BIN, ...args], (err, _stdout, stderr) => {
      resolve({ code: err ? Number((err as { code?: unknown }).code ?? 1) : 0, stderr });
    });
  });
}

test('a data file, a config and a model export without read permission: exit 1 and "No permission to read FILE"', { skip: !canSwitchUser() && 'needs root and setpriv to run as nobody' }, async () => {
  const dir = tempDir('lstm-unreadable-');
  fs.chmodSync(dir, 0o777);
  const home = path.join(dir, 'home');
  fs.mkdirSync(home, { mode: 0o777 });
  fs.chmodSync(home, 0o777);
  const data = writeTemp(dir, 'secret.csv', 'time,v\n2024-01-01,1\n2024-01-02,2\n');
  const config = writeTemp(dir, 'secret.yaml', 'task: forecast\n');
  const model = writeTemp(dir, 'secret.lsmodel', 'LSTM-STUDIO-MODEL\n');
  for (const f of [data, config, model]) fs.chmodSync(f, 0o000);
  for (const [args, file] of [
    [['import', data], data],
    [['train', '--task', 'forecast', '--config', config, '--data', data], config],
    [['models', 'import', model], model],
  ] as const) {
    const run = await cliAsNobody([...args, '--home', home]);
    assert.equal(run.code, 1, run.stderr);
    assert.equal(run.stderr, `Error: No permission to read ${file}. Check the file's permissions (or copy it somewhere you can read) and try again.\n`);
  }
});
