import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { describe, it } from 'node:test';
import { CancelledError, UserError } from '../../shared/errors';
import { tempDir, writeTemp } from '../helpers/fixtures';
import { assertEmptyStore, freshDb, importFile } from '../helpers/store';

const dir = tempDir();

/** Imports a bad file, expects a user error matching `message`, and checks nothing was stored. */
async function expectRefused(name: string, content: string | Buffer, message: RegExp): Promise<void> {
  const db = freshDb();
  await assert.rejects(importFile(db, writeTemp(dir, name, content)), (err: Error) => {
    assert.ok(err instanceof UserError, `a UserError, got ${err.name}: ${err.message}`);
    assert.match(err.message, message);
    return true;
  });
  assertEmptyStore(db);
}

/** A CSV of `rows` rows, large enough to be read in several chunks. */
function bigCsv(rows: number): string {
  const out = ['time,asset_id,temp,vib'];
  for (let i = 0; i < rows; i++) out.push(`${1_700_000_000 + i * 60},A${i % 4},${(20 + (i % 100) / 10).toFixed(2)},${(i % 37) / 10}`);
  return out.join('\n') + '\n';
}

describe('bad input is refused with a clear message and nothing is stored', () => {
  it('an empty file', () => expectRefused('empty.csv', '', /empty \(0 bytes\)/));
  it('a binary file', () => expectRefused('image.csv', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]), /binary file .* NUL byte/));
  it('a ragged row', () => expectRefused('ragged.csv', 'time,a,b\n2024-01-01,1,2\n2024-01-02,3\n', /Line 3 has 2 fields but the file has 3 columns \(time, a, b\)/));
  it('text in a numeric column', () =>
    expectRefused('text.csv', 'time,pressure\n2024-01-01,1\n2024-01-02,2\n2024-01-03,n/a\n', /Line 4, column `pressure`: 'n\/a' is not a number/));
  it('an unparseable timestamp', () =>
    expectRefused('badtime.csv', 'time,v\n2024-01-01 00:00:00,1\n2024-01-01 00:05:00,2\n2024-13-45 00:00:00,3\n', /Line 4, column `time`: '2024-13-45 00:00:00' is not a date\/time/));
  it('a duplicated timestamp within an entity', () =>
    expectRefused('dup.csv', 'time,unit,v\n2024-01-01,U1,1\n2024-01-02,U1,2\n2024-01-02,U1,3\n', /the time 2024-01-02 00:00:00 appears twice for entity `U1` \(lines 3 and 4\)/));
  it('a duplicated timestamp in unordered rows', () =>
    expectRefused('dup2.csv', 'step,v\n3,1\n1,2\n3,3\n', /the time 3 appears twice/));
  it('a file that is missing', async () => {
    await assert.rejects(importFile(freshDb(), `${dir}/nope.csv`), /File not found: .*nope\.csv/);
  });
  it('a header without data rows', () => expectRefused('header.csv', 'time,v\n', /no data rows/));
  it('a truncated JSON array', () => expectRefused('cut.json', '[{"t": 1, "v": 2}, {"t": 2, "v"', /not closed/));
  it('a file whose every value is missing', () => expectRefused('all-empty.csv', 'a,b\n,\nNA,\n', /^all-empty\.csv has no values: every field of its 2 rows is empty/));
  it('a file with times but no values', () => expectRefused('times-only.csv', 'time,v\n2024-01-01,\n2024-01-02,Inf\n', /has no values: .* besides the time/));
  it('a JSON object wrapping the records', () =>
    expectRefused('wrapped.json', '{"data": [{"t": 1, "v": 2}, {"t": 2, "v": 3}]}', /^Line 1, key `data`: the value is an array, not a number, text or date\. Records must be flat/));
  it('a JSON record with a nested object', () => expectRefused('nested.json', '[{"t": 1, "v": 2},\n {"t": 2, "v": {"x": 1}}]', /^Line 2, key `v`: the value is an object/));
  it('a date before 1900 (and one read as year 1, not 1901)', async () => {
    await expectRefused('old.csv', 'time,v\n2024-01-01 00:00:00,1\n1899-12-31 23:00:00,2\n', /^Line 3, column `time`: '1899-12-31 23:00:00' is outside the years 1900-2200/);
    await expectRefused('year1.csv', 'time,v\n0001-01-01 00:00:00,1\n0001-01-01 01:00:00,2\n', /^Line 2, column `time`: '0001-01-01 00:00:00' is outside the years 1900-2200/);
  });
  it('an epoch time beyond 2200', () =>
    expectRefused('epoch.csv', 'epoch,v\n1700000000,1\n1700003600,2\n100000000000000000000,3\n', /^Line 4, column `epoch`: '100000000000000000000' \(read as epoch seconds\) is outside the years 1900-2200/));

  it('accepts the same time in different entities', async () => {
    const d = await importFile(freshDb(), writeTemp(dir, 'ok.csv', 'time,unit,v\n2024-01-01,U1,1\n2024-01-01,U2,2\n'));
    assert.equal(d.summary.entities, 2);
  });

  it('a file that disappears mid-read', async () => {
    const db = freshDb();
    const file = writeTemp(dir, 'vanish.csv', bigCsv(150_000));
    let removed = false;
    const onProgress = () => {
      if (removed) return;
      fs.unlinkSync(file);
      removed = true;
    };
    await assert.rejects(importFile(db, file, {}, { onProgress }), /disappeared while it was being read/);
    assertEmptyStore(db);
  });

  it('a file that is cut short mid-read', async () => {
    const db = freshDb();
    const file = writeTemp(dir, 'shrink.csv', bigCsv(150_000));
    let cut = false;
    const onProgress = () => {
      if (cut) return;
      fs.truncateSync(file, 2_000_000);
      cut = true;
    };
    await assert.rejects(importFile(db, file, {}, { onProgress }), /changed while it was being read/);
    assertEmptyStore(db);
  });

  it('a cancelled import', async () => {
    const db = freshDb();
    const controller = new AbortController();
    const file = writeTemp(dir, 'cancel.csv', bigCsv(150_000));
    await assert.rejects(importFile(db, file, {}, { signal: controller.signal, onProgress: () => controller.abort() }), CancelledError);
    assertEmptyStore(db);
  });
});
