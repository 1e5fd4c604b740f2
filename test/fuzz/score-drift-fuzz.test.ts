/**
 * Hostile scoring and drift requests against a real (tiny) trained model: wrong references, ids
 * and strides, data without the model's columns or values, and generated files read leniently as
 * `score` reads them (fast-check, seeded): each is scored, or refused as the user's error with no
 * scoring run, drift check or score file left behind.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { openApiSession } from '../helpers/api-session';
import { tempDir, writeTemp } from '../helpers/fixtures';
import { expectRefused, SEED, tally } from './hostile';

const s = openApiSession('lstm-fuzz-score-');
const dir = tempDir('lstm-fuzz-score-files-');
let data = 0;
const hours = (i: number) => new Date(Date.UTC(2024, 0, 1) + i * 3_600_000).toISOString();
const csv = (n: number, row: (i: number) => string, head = 'time,temp,vib') => [head, ...Array.from({ length: n }, (_, i) => row(i))].join('\n') + '\n';

before(async () => {
  data = await s.importFile(writeTemp(dir, 'data.csv', csv(300, (i) => `${hours(i)},${(20 + Math.sin(i / 5)).toFixed(3)},${(i % 7) / 10}`)));
  await s.train(data, { task: 'forecast', input: { targets: ['temp'], features: ['temp', 'vib'], window: 8 }, recurrent: { units: [32] }, training: { epochs: 1 } }, 'pump');
});
after(async () => {
  console.log(`score/drift fuzz: ${tally.tried} hostile inputs, ${tally.refused} refused cleanly, ${tally.accepted} accepted as valid`);
  await s.close();
});

const score = (req: Record<string, unknown>) => () => s.api.scoring.run({ model: 'pump', datasetId: data, ...req } as never);
const drift = (req: Record<string, unknown>) => () => s.api.drift.run({ model: 'pump', datasetId: data, ...req } as never);

const requests: [string, () => Promise<unknown>, RegExp | undefined][] = [
  ['an unknown model', score({ model: 'nope' }), /nope/],
  ['an empty model reference', score({ model: '' }), undefined],
  ['version 0', score({ model: 'pump@0' }), /pump/],
  ['version -1', score({ model: 'pump@-1' }), /pump/],
  ['version 99', score({ model: 'pump@99' }), /pump/],
  ['an alias nobody set', score({ model: 'pump:canary' }), /canary/],
  ['a reference of 5,000 characters', score({ model: 'x'.repeat(5000) }), undefined],
  ['a __proto__ model', score({ model: '__proto__' }), undefined],
  ['a model reference that is a number', score({ model: 42 }), undefined],
  ['dataset 0', score({ datasetId: 0 }), /dataset/i],
  ['dataset -1', score({ datasetId: -1 }), /dataset/i],
  ['dataset 1.5', score({ datasetId: 1.5 }), /dataset/i],
  ['dataset 1e308', score({ datasetId: 1e308 }), /dataset/i],
  ['dataset a string', score({ datasetId: '1; DROP TABLE models' }), /dataset/i],
  ['stride 0', score({ stride: 0 }), /stride/i],
  ['stride -3', score({ stride: -3 }), /stride/i],
  ['stride 1.5', score({ stride: 1.5 }), /stride/i],
  ['stride a string', score({ stride: 'every' }), /stride/i],
  ['drift: an unknown model', drift({ model: 'nope' }), /nope/],
  ['drift: dataset 0', drift({ datasetId: 0 }), /dataset/i],
  ['drift: dataset a list', drift({ datasetId: [1] }), /dataset/i],
  ['drift: an alias nobody set', drift({ model: 'pump:production' }), /production/],
];

for (const [name, attempt, message] of requests) {
  test(`refused: ${name}`, async () => {
    const m = await expectRefused(s.ctx.db, s.ctx.home, name, attempt);
    if (message) assert.match(m, message, name);
  });
}

test('refused: scoring and drift on data without the model\'s columns or values', async () => {
  const other = await s.importFile(writeTemp(dir, 'other.csv', csv(50, (i) => `${hours(i)},${i}`, 'time,pressure')));
  await expectRefused(s.ctx.db, s.ctx.home, 'score: no model columns', score({ datasetId: other }));
  assert.match(await expectRefused(s.ctx.db, s.ctx.home, 'drift: no model columns', drift({ datasetId: other })), /lacks `temp`/);
  const empty = await s.importFile(writeTemp(dir, 'no-values.csv', csv(50, (i) => `${hours(i)},,,${i}`, 'time,temp,vib,other')));
  assert.match(await expectRefused(s.ctx.db, s.ctx.home, 'drift: no values', drift({ datasetId: empty })), /Drift cannot be checked/);
  await expectRefused(s.ctx.db, s.ctx.home, 'score: no values', score({ datasetId: empty }));
});

test('generated files read as score reads them: scored, or refused as the user\'s error', async () => {
  let k = 0;
  const cell = fc.oneof(fc.constantFrom('', 'NA', 'Inf', '1e999', 'x', '"', ',', '2024-01-01T00:00:00Z', hours(3)), fc.double().map(String), fc.string({ maxLength: 6 }));
  await fc.assert(
    fc.asyncProperty(fc.array(fc.tuple(fc.nat(40), fc.nat(2), cell), { minLength: 1, maxLength: 6 }), async (edits) => {
      const lines = csv(40, (i) => `${hours(i)},${(20 + i / 10).toFixed(2)},${(i % 7) / 10}`).trim().split('\n');
      for (const [row, col, v] of edits) {
        const cells = lines[row + 1 > 40 ? 40 : row + 1].split(',');
        cells[col] = v;
        lines[row + 1 > 40 ? 40 : row + 1] = cells.join(',');
      }
      const file = writeTemp(dir, `gen-${k++}.csv`, lines.join('\n') + '\n');
      await expectRefused(
        s.ctx.db,
        s.ctx.home,
        `generated score file ${JSON.stringify(edits)}`,
        async () => {
          const id = (await s.api.datasets.import({ jobId: `g${k}`, path: file, options: { skipBadRows: true } })).summary.id;
          await s.api.scoring.run({ model: 'pump', datasetId: id });
        },
        { accept: true },
      );
    }),
    { seed: SEED, numRuns: 25 },
  );
});
