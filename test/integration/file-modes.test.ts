/**
 * File modes: under a private umask (077) nothing the app writes in its home or as an export is
 * readable by others: the settings, the project database, model files, reports, tables, scores
 * and model exports. The settings file is 0600 whatever the umask.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ok, runCli } from '../helpers/cli-run';
import { dataFile, tempDir } from '../helpers/fixtures';

const AMBIENT = dataFile('nab', 'ambient_temperature_system_failure.csv');

/** Every file and folder below `dir` whose mode gives group or others any access, with its mode. */
function openToOthers(dir: string): string[] {
  const found: string[] = [];
  for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: false }) as string[]) {
    const full = path.join(dir, entry);
    const mode = fs.lstatSync(full).mode & 0o777;
    if (mode & 0o077) found.push(`${entry} ${mode.toString(8)}`);
  }
  return found;
}

test('under umask 077 the home, model files, reports, tables, scores and exports are private to the user', async () => {
  const before = process.umask(0o077); // inherited by the CLI child processes
  try {
    const home = path.join(tempDir('lstm-modes-'), 'home');
    const out = tempDir('lstm-modes-out-');
    const cli = (...args: string[]) => runCli(home, args);
    ok(await cli('train', '--data', AMBIENT, '--task', 'forecast', '--target', 'value', '--window', '6', '--horizon', '2', '--epochs', '1', '--set', 'recurrent.units=[32]', '--name', 'amb'));
    ok(await cli('models', 'export', 'amb@1', '--out', path.join(out, 'amb.lsmodel')));
    ok(await cli('report', '--model', 'amb', '--data', '1', '--out', path.join(out, 'amb.html'), '--tables', path.join(out, 'tables')));
    ok(await cli('score', '--model', 'amb', '--data', '1', '--out', path.join(out, 'scores.csv')));
    ok(await cli('predict', '--model', 'amb', '--data', '1', '--out', path.join(out, 'predict.csv')));
    for (const folder of ['models', 'scores']) assert.ok(fs.existsSync(path.join(home, folder)), `${folder} was written`);
    assert.deepEqual(openToOthers(home), [], 'in the home folder');
    assert.deepEqual(openToOthers(out), [], 'in the output folder');
    assert.equal(fs.statSync(path.join(home, 'settings.json')).mode & 0o777, 0o600);
  } finally {
    process.umask(before);
  }
});
