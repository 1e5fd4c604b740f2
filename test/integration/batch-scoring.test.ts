/**
 * Batch scoring as users run it: `lstm-studio score` on a copy of the demo fleet with bad rows (text
 * in a number, a ragged row, a repeated time) and bad entities (too short; an input with no value):
 * the batch finishes, reports each with its reason, skips them, stores the CSV linked to the
 * version, and writes --out. Through the API, a run is cancelled mid-way and leaves nothing.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { buildApi } from '../../shared/api';
import type { ScoringRun } from '../../shared/scoring/types';
import { createHandlers } from '../../electron/api/handlers';
import { inProcessTransport } from '../../electron/api/in-process-transport';
import { openAppContext } from '../../electron/app/context';
import { writeDemoCsv } from '../../electron/data/demo-seed';
import { projectRoot, tempDir, writeTemp } from '../helpers/fixtures';

const home = tempDir('lstm-score-');
const work = tempDir('lstm-score-files-');

function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [path.join(projectRoot(), 'bin', 'lstm-studio.js'), ...args, '--home', home], { maxBuffer: 16 << 20 }, (err, stdout, stderr) => {
      resolve({ code: err ? Number((err as { code?: unknown }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

/** The demo fleet's first 3,000 rows with three bad rows and two bad entities added. */
function badCopy(fleet: string): string {
  const [head, ...rows] = fs.readFileSync(fleet, 'utf8').trim().split('\n');
  const bad = rows.slice(0, 3000);
  const cells = bad[100].split(',');
  cells[2] = 'n/a?';
  bad[100] = cells.join(','); // file line 102: text in temperature_c
  bad[200] = bad[200].split(',').slice(0, 5).join(','); // line 202: a ragged row
  bad[300] = bad[299]; // line 302: the time of line 301 again
  bad[400] = bad[350]; // line 402: the time of line 352 again, out of order (found when the entity is sorted)
  bad.push('2025-01-01T00:00:00Z,PUMP-99,50,1,4,50,30,1400,0', '2025-01-01T01:00:00Z,PUMP-99,50,1,4,50,30,1400,0');
  for (let h = 0; h < 40; h++) bad.push(`2025-01-${String(1 + Math.floor(h / 24)).padStart(2, '0')}T${String(h % 24).padStart(2, '0')}:00:00Z,PUMP-98,,1,4,50,30,1400,0`);
  return writeTemp(work, 'bad-week.csv', [head, ...bad].join('\n') + '\n');
}

test('a file with bad rows and bad entities is scored; each is reported with its reason and skipped', async () => {
  const fleet = path.join(work, 'fleet.csv');
  writeDemoCsv(fleet);
  const train = await cli(['train', '--data', fleet, '--task', 'forecast', '--target', 'temperature_c', '--features', 'temperature_c,vibration_mm_s', '--window', '12', '--epochs', '1', '--set', 'recurrent.units=[32]', '--name', 'pump']);
  assert.equal(train.code, 0, train.stderr);
  // The strict import refuses the file; scoring reads it leniently.
  const strict = await cli(['import', badCopy(fleet)]);
  assert.equal(strict.code, 1);
  assert.match(strict.stderr, /Line 102, column `temperature_c`: 'n\/a\?' is not a number/);

  const out = path.join(work, 'scores.csv');
  const run = await cli(['score', '--model', 'pump', '--data', path.join(work, 'bad-week.csv'), '--out', out, '--json']);
  assert.equal(run.code, 0, run.stderr);
  const r = JSON.parse(run.stdout) as ScoringRun;
  assert.deepEqual(r.model, { name: 'pump', version: 1 });
  assert.equal(r.skippedRows.count, 4);
  assert.deepEqual(r.skippedRows.examples.map((e) => /^Skipped line (\d+)/.exec(e)?.[1]), ['102', '202', '302', '402']);
  assert.match(r.skippedRows.examples[0], /column `temperature_c`: 'n\/a\?' is not a number/);
  assert.match(r.skippedRows.examples[1], /has 5 fields but the file has 9 columns/);
  assert.match(r.skippedRows.examples[2], /appears twice for entity `PUMP-01`/);
  assert.match(r.skippedRows.examples[3], /appears twice for entity `PUMP-01` \(lines 352 and 402\)/);
  assert.deepEqual(
    r.skippedEntities.map((e) => [e.entity, e.reason]),
    [
      ['PUMP-99', "2 rows, fewer than the model's window of 12"],
      ['PUMP-98', 'input `temperature_c` has no value at all'],
    ],
  );
  assert.equal(r.entities, 2, 'PUMP-01 and PUMP-02 are scored');
  assert.ok(r.windows > 2900, `${r.windows} windows`);
  assert.equal(r.reliability.ok + r.reliability.caution + r.reliability.unreliable, r.windows);

  const csv = fs.readFileSync(out, 'utf8').trim().split('\n');
  assert.equal(csv[0], 'entity,time,yhat_1,reliability');
  assert.equal(csv.length, r.windows + 1);
  assert.ok(!csv.some((l) => l.startsWith('PUMP-98') || l.startsWith('PUMP-99')), 'skipped entities give no rows');
  assert.ok(csv.slice(1).every((l) => /^PUMP-0[12],\d{4}-\d\d-\d\dT[\d:.]+Z,-?[\d.e+-]+,(ok|caution|unreliable)$/.test(l)), csv[1]);
  assert.equal(fs.readFileSync(r.file, 'utf8'), fs.readFileSync(out, 'utf8'), 'the stored results are the --out file');
  assert.ok(r.file.startsWith(path.join(home, 'scores')));

  const text = await cli(['score', '--model', 'pump@1', '--data', String(r.dataset.id)]);
  assert.equal(text.code, 0, text.stderr);
  assert.match(text.stdout, /^Scored [\d,]+ windows of bad-week \(2 entities\) with pump v1 in [\d.]+ s\.\n/);
  assert.match(text.stdout, /\nSkipped 4 bad rows of the file:\n {2}Skipped line 102, column `temperature_c`/);
  assert.match(text.stdout, /\nSkipped 2 entities:\n {2}PUMP-99: 2 rows, fewer than the model's window of 12\n {2}PUMP-98: input `temperature_c` has no value at all\n/);

  // A missing folder, a folder and JSON nested 100,000 levels: exit 1 and a message, never a stack.
  for (const [args, message] of [
    [['--data', String(r.dataset.id), '--out', '/nonexistent/x.csv'], /^Error: Cannot write \/nonexistent\/x\.csv: the folder \/nonexistent does not exist\. Create it first, or give --out a path in an existing folder\.\n$/],
    [['--data', String(r.dataset.id), '--out', work], /^Error: .*lstm-score-files-\w+ is a folder: give --out a file name in it/],
    [['--data', writeTemp(work, 'deep.json', `[{"time": 1, "temperature_c": ${'['.repeat(100_000)}${']'.repeat(100_000)}}]`)], /^Error: Line 1: the record nests objects or arrays more than 64 levels deep/],
  ] as const) {
    const bad = await cli(['score', '--model', 'pump', ...args]);
    assert.equal(bad.code, 1, bad.stderr);
    assert.match(bad.stderr, message);
    assert.doesNotMatch(bad.stderr, /\n\s+at /, 'no stack');
  }
});

test('the runs are recorded with the version; a cancelled run leaves no file and no record', async () => {
  const ctx = openAppContext({ home, mode: 'cli' });
  try {
    const api = buildApi(inProcessTransport(createHandlers(ctx), ctx.events));
    const runs = await api.scoring.list({ name: 'pump' });
    assert.equal(runs.length, 2);
    assert.ok(runs.every((x) => x.model.version === 1 && fs.existsSync(x.file)));
    const one = await api.scoring.get({ id: runs[0].id });
    assert.equal(one.preview.length, 20);
    assert.deepEqual(one.columns, ['entity', 'time', 'yhat_1', 'reliability']);

    // Cancelled as soon as it reports (while the model and the data load): the next step stops it.
    const fleetId = (await api.datasets.list()).find((d) => d.name === 'fleet')!.id;
    const jobId = 'score-cancel';
    const stop = api.events.onJobProgress((p) => {
      if (p.jobId === jobId) void api.jobs.cancel({ jobId });
    });
    await assert.rejects(api.scoring.run({ jobId, model: 'pump', datasetId: fleetId }), (err: Error & { kind?: string }) => err.kind === 'cancelled');
    stop();
    assert.equal((await api.scoring.list({ name: 'pump' })).length, 2, 'nothing recorded');
    assert.deepEqual(fs.readdirSync(path.join(home, 'scores')).filter((f) => f.endsWith('.part')), [], 'no partial file');
    assert.equal(fs.readdirSync(path.join(home, 'scores')).length, 2);
  } finally {
    await ctx.close();
  }
});
