/**
 * A sample of the hostile corpus through the real CLI (a child process per case, as a user runs
 * it): exit 1, never 2, one short message on stderr naming the problem, no stack, and nothing
 * stored. The other fuzz tests call the same operations in-process, which is much faster.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import * as path from 'node:path';
import { runCli } from '../helpers/cli-run';
import { tempDir, writeTemp } from '../helpers/fixtures';
import { assertGoodMessage, snapshot, tally } from './hostile';

const home = tempDir('lstm-fuzz-cli-');
const dir = tempDir('lstm-fuzz-cli-files-');
after(() => console.log(`CLI sample: ${tally.tried} hostile commands, ${tally.refused} exited 1 with a short message`));

const cases: [string, () => string[], RegExp][] = [
  ['import an all-empty file', () => ['import', writeTemp(dir, 'empty-values.csv', 'a,b\n,\n,\n')], /no values/],
  ['import Inf-only values', () => ['import', writeTemp(dir, 'inf.csv', 'time,v\n2024-01-01,Inf\n2024-01-02,-Inf\n')], /no values/],
  ['import an epoch of 1e20', () => ['import', writeTemp(dir, 'epoch.csv', 'epoch,v\n1700000000,1\n1700003600,2\n100000000000000000000,3\n')], /outside the years 1900-2200/],
  ['import {"data": [...]}', () => ['import', writeTemp(dir, 'wrapped.json', '{"data": [{"t": 1}]}')], /key `data`/],
  ['import a missing file', () => ['import', path.join(dir, 'nope.csv')], /not found/i],
  ['train with --set __proto__', () => ['train', '--data', writeTemp(dir, 'd.csv', 'time,v\n2024-01-01,1\n2024-01-02,2\n'), '--task', 'forecast', '--target', 'v', '--set', '__proto__.polluted=1'], /__proto__/],
  ['train with a --set that is not YAML', () => ['train', '--data', path.join(dir, 'd.csv'), '--task', 'forecast', '--target', 'v', '--set', 'training.epochs=[1, 2'], /not valid YAML/],
  ['train with units of 100,000,000', () => ['train', '--data', path.join(dir, 'd.csv'), '--task', 'forecast', '--target', 'v', '--set', 'recurrent.units=[100000000]'], /recurrent\.units/],
  ['train with a broken config file', () => ['train', '--data', path.join(dir, 'd.csv'), '--task', 'forecast', '--target', 'v', '--config', writeTemp(dir, 'bad.yaml', 'recurrent: [units: 64\n')], /bad\.yaml/],
  ['models import of a CSV', () => ['models', 'import', path.join(dir, 'd.csv')], /model export/],
  ['score with an unknown model', () => ['score', '--model', 'ghost', '--data', path.join(dir, 'd.csv')], /ghost/],
  ['drift with an unknown model', () => ['drift', '--model', 'ghost', '--data', path.join(dir, 'd.csv')], /ghost/],
];

for (const [what, args, message] of cases) {
  test(`CLI exits 1: ${what}`, async () => {
    tally.tried++;
    const db = new Database(path.join(home, 'studio.sqlite'), { fileMustExist: false });
    const before = snapshot(db, home);
    db.close();
    const run = await runCli(home, args());
    assert.equal(run.code, 1, `${what}: exit ${run.code}\n${run.stderr}`);
    const lines = run.stderr.trim().split('\n').filter((l) => !/^(Importing|Reading|Training|Checking|Scoring)\b/.test(l) && !/\r/.test(l));
    const message0 = lines.join('\n').replace(/^Error: /, '');
    assertGoodMessage(message0, what);
    assert.match(message0, message, what);
    const after = new Database(path.join(home, 'studio.sqlite'));
    try {
      assert.equal(after.pragma('integrity_check', { simple: true }), 'ok');
      const now = snapshot(after, home);
      // The first command creates the database and its tables; after that nothing new appears.
      if (Object.keys(before.tables).length > 0) assert.deepEqual(now, before, `${what}: nothing new stored`);
    } finally {
      after.close();
    }
    tally.refused++;
  });
}
