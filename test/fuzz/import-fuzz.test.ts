/**
 * Hostile files through `datasets:import` (the path of the CLI's `import`, the app's import dialog
 * and browser mode): a hand-made corpus that must each be refused, then generated CSV and JSON
 * files (fast-check, seeded) that must be imported or refused cleanly, never half-stored.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { openApiSession } from '../helpers/api-session';
import { tempDir, writeTemp } from '../helpers/fixtures';
import { expectRefused, SEED, tally } from './hostile';

const s = openApiSession('lstm-fuzz-import-');
const dir = tempDir('lstm-fuzz-import-files-');
after(async () => {
  console.log(`import fuzz: ${tally.tried} hostile inputs, ${tally.refused} refused cleanly, ${tally.accepted} accepted as valid`);
  await s.close();
});

const importIt = (file: string) => s.api.datasets.import({ jobId: `fuzz-${Math.random()}`, path: file });
const refuse = (name: string, file: string, message?: RegExp) => async () => {
  const m = await expectRefused(s.ctx.db, s.ctx.home, name, () => importIt(file));
  if (message) assert.match(m, message, name);
};
const rows = (n: number, f: (i: number) => string) => Array.from({ length: n }, (_, i) => f(i)).join('\n');
const hours = (i: number) => new Date(Date.UTC(2024, 0, 1) + i * 3_600_000).toISOString().slice(0, 19).replace('T', ' ');

/** Files that must be refused, with the words the message must hold. */
const corpus: [string, string | Buffer, RegExp | undefined][] = [
  ['empty.csv', '', /empty/],
  ['blank.csv', '\n \n\t\n', /blank/],
  ['nul.csv', Buffer.from([0x74, 0x2c, 0x76, 0x0a, 0x31, 0x00, 0x32]), /binary/],
  ['png.csv', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]), /binary/],
  ['header-only.csv', 'time,temp,vib\n', /no data rows/],
  ['all-missing.csv', `a,b\n${rows(20, () => ',NA')}\n`, /no values/],
  ['ragged.csv', `time,a,b\n${rows(5, (i) => `${hours(i)},1,2`)}\n${hours(9)},3\n`, /Line 7 has 2 fields/],
  ['extra-field.csv', `time,a\n${hours(0)},1\n${hours(1)},2,3\n`, /Line 3 has 3 fields/],
  ['text-in-number.csv', `time,p\n${rows(50, (i) => `${hours(i)},${i}`)}\n${hours(60)},n/a?\n`, /Line 52, column `p`: 'n\/a\?' is not a number/],
  ['duplicate-time.csv', `time,p\n${hours(0)},1\n${hours(1)},2\n${hours(1)},3\n`, /appears twice/],
  ['duplicate-out-of-order.csv', `time,p\n${hours(0)},1\n${hours(5)},2\n${hours(2)},3\n${hours(5)},4\n`, /appears twice/],
  ['bad-date.csv', `time,p\n${rows(20, (i) => `${hours(i)},${i}`)}\n2024-13-45 00:00:00,2\n`, /Line 22, column `time`: '2024-13-45 00:00:00' is not a date/],
  ['year-1850.csv', `time,p\n${hours(0)},1\n1850-01-01 00:00:00,2\n`, /outside the years 1900-2200/],
  ['year-0001.csv', `time,p\n0001-01-01 00:00:00,1\n0001-01-01 01:00:00,2\n`, /outside the years 1900-2200/],
  ['year-9999.csv', `time,p\n${hours(0)},1\n9999-12-31 23:59:59,2\n`, /outside the years 1900-2200/],
  ['epoch-1e20.csv', `epoch,p\n1700000000,1\n1700003600,2\n100000000000000000000,3\n`, /outside the years 1900-2200/],
  ['epoch-ms-huge.csv', `timestamp,p\n1700000000000,1\n1700003600000,2\n99999999999999999,3\n`, /outside the years 1900-2200/],
  ['empty-time.csv', `time,p\n${hours(0)},1\n,2\n`, /the time is empty/],
  ['empty-entity.csv', `time,unit,p\n${hours(0)},A,1\n${hours(1)}, ,2\n`, /entity \(asset\) is empty/],
  ['unclosed-quote.csv', `time,p,note\n${hours(0)},1,"ok"\n${hours(1)},2,"never closed\n${hours(2)},3,x\n`, /quoted field is never closed/],
  ['json-object.json', '{"data": [{"t": 1, "v": 2}, {"t": 2, "v": 3}]}', /key `data`: the value is an array/],
  ['json-nested.json', '[{"t": 1, "v": 2}, {"t": 2, "v": {"x": [1]}}]', /key `v`: the value is an object/],
  ['json-string.json', '"hello"', undefined],
  ['json-array-of-numbers.json', '[1, 2, 3]', /must be a record/],
  ['json-array-of-arrays.json', '[[1, 2], [3, 4]]', /must be a record/],
  ['json-truncated.json', '[{"t": 1, "v": 2}, {"t": 2, "v"', /not closed/],
  ['json-trailing.json', '[{"t": 1, "v": 2}] [', /after the end/],
  ['json-empty-array.json', '[]', undefined],
  ['json-empty-records.json', '[{}, {}]', /no records with fields/],
  ['json-bad-syntax.json', '[{"t": 1, "v": 2}, {"t": 2, v: 3}]', /invalid JSON/],
  ['jsonl-array-line.jsonl', '{"t": 1, "v": 2}\n[1, 2]\n', /must be a record/],
  ['jsonl-bad-line.jsonl', '{"t": 1, "v": 2}\n{"t": 2, "v": \n', /invalid JSON/],
  ['jsonl-null-line.jsonl', '{"t": 1, "v": 2}\nnull\n', /must be a record/],
  ['json-proto.json', '[{"t": 1, "__proto__": {"polluted": 1}}]', /__proto__/],
  ['json-constructor.json', '[{"t": 1, "constructor": {"prototype": {"x": 1}}}]', /constructor|prototype/],
  ['no-values-tab.csv', 'a\tb\tc\n\t\t\nNA\t\tnull\n', /no values/],
  ['only-infinity.csv', `time,p\n${rows(10, (i) => `${hours(i)},Inf`)}\n`, /no values/],
  ['long-cell.csv', `time,p\n${hours(0)},1\n${hours(1)},${'9'.repeat(200_000)}x\n`, /not a number/],
  ['many-categories.csv', `time,c\n${rows(10_050, (i) => `${hours(i)},cat${i}`)}\n`, /more than 10,000 distinct text values/],
];

for (const [name, content, message] of corpus) {
  test(`refused: ${name}`, refuse(name, writeTemp(dir, name, content), message));
}

test('refused: paths that are not a readable file', async () => {
  await refuse('missing', path.join(dir, 'does-not-exist.csv'), /not found/i)();
  await refuse('a folder', dir, /folder/i)();
});

test('refused: a FIFO, /dev/zero and a symbolic link loop', async () => {
  const fifo = path.join(dir, 'pipe.csv');
  fs.rmSync(fifo, { force: true });
  execFileSync('mkfifo', [fifo]);
  await refuse('fifo', fifo, /not a regular file|FIFO|pipe/i)();
  await refuse('/dev/zero', '/dev/zero', /not a regular file|device/i)();
  const loop = path.join(dir, 'loop.csv');
  fs.rmSync(loop, { force: true });
  fs.symlinkSync(loop, loop);
  await refuse('symlink loop', loop, /link/i)();
});

test('refused: a JSON file nested 100,000 levels', async () => {
  await refuse('deep.json', writeTemp(dir, 'deep.json', `[{"t": 1, "v": ${'['.repeat(100_000)}${']'.repeat(100_000)}}]`), /nested|deep/i)();
});

test('refused: 20,000 columns', async () => {
  const header = Array.from({ length: 20_000 }, (_, i) => `c${i}`).join(',');
  const line = Array.from({ length: 20_000 }, (_, i) => String(i % 10)).join(',');
  await refuse('wide.csv', writeTemp(dir, 'wide.csv', `${header}\n${line}\n${line}\n`), /columns/i)();
});

/** A valid sensor CSV's cells, then mutated: odd tokens, deleted or doubled delimiters and quotes, stray bytes. */
const hostileCell = fc.oneof(
  fc.constantFrom('', 'NA', 'Inf', '-inf', '1e999', '-1e400', 'NaN', 'null', '"', '""', '"a,b"', ',', ';', '\t', '\r', '\u0000', '\uFEFF', '\uFFFD', '0x1F', '1,5', '--1', '+', '.', 'e5', '12abc', '2024-02-30', '1850-01-01', 'abc'),
  fc.double({ noNaN: false }).map(String),
  fc.string({ maxLength: 12 }),
  fc.integer().map(String),
);

test('generated CSV files: imported, or refused as the user\'s error with nothing stored', async () => {
  let k = 0;
  await fc.assert(
    fc.asyncProperty(fc.array(fc.tuple(fc.nat(30), fc.nat(2), hostileCell), { minLength: 1, maxLength: 4 }), fc.boolean(), async (edits, header) => {
      const lines = [`time,temp,vib`, ...Array.from({ length: 30 }, (_, i) => `${hours(i)},${(20 + i / 3).toFixed(2)},${(i % 7) / 10}`)];
      for (const [row, col, cell] of edits) {
        const cells = lines[row].split(',');
        cells[col] = cell;
        lines[row] = cells.join(',');
      }
      const file = writeTemp(dir, `gen-${k++}.csv`, (header ? lines : lines.slice(1)).join('\n') + '\n');
      await expectRefused(s.ctx.db, s.ctx.home, `generated CSV ${JSON.stringify(edits)}`, () => importIt(file), { accept: true });
    }),
    { seed: SEED, numRuns: 60 },
  );
});

test('generated JSON files: imported, or refused as the user\'s error with nothing stored', async () => {
  let k = 0;
  const record = fc.dictionary(fc.constantFrom('t', 'v', 'w', 'time', 'unit', ''), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 });
  await fc.assert(
    fc.asyncProperty(fc.oneof(fc.array(record, { maxLength: 6 }), fc.jsonValue({ maxDepth: 3 })), fc.boolean(), async (value, lines) => {
      const text = lines && Array.isArray(value) ? value.map((v) => JSON.stringify(v)).join('\n') : JSON.stringify(value);
      const file = writeTemp(dir, `gen-${k++}.${lines ? 'jsonl' : 'json'}`, text ?? '');
      await expectRefused(s.ctx.db, s.ctx.home, `generated JSON ${text?.slice(0, 200)}`, () => importIt(file), { accept: true });
    }),
    { seed: SEED, numRuns: 40 },
  );
});
