import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { querySeries } from '../../electron/data/series-query';
import { tempDir, writeTemp } from '../helpers/fixtures';
import { freshDb, importFile } from '../helpers/store';

const dir = tempDir();

describe('importing odd formats', () => {
  it('reads semicolons, decimal commas, quoted fields and a byte-order mark', async () => {
    const file = writeTemp(dir, 'eu.csv', '\uFEFF"Zeit";"Temp";"Note"\n2024-01-01 00:00:00;1,5;"a;b"\n2024-01-01 00:10:00;2,25;c\n');
    const d = await importFile(freshDb(), file);
    assert.deepEqual(d.columns.map((c) => [c.name, c.type]), [['Zeit', 'datetime'], ['Temp', 'number'], ['Note', 'category']]);
    const temp = d.columns[1];
    assert.equal(temp.min, 1.5);
    assert.equal(temp.max, 2.25);
    assert.deepEqual(d.columns[2].categories, ['a;b', 'c']);
    assert.equal(d.interval, 600_000);
  });

  it('reads C-MAPSS style whitespace files without a header: unit id as entity, cycle as time', async () => {
    const lines = [];
    for (const unit of [1, 2]) for (let cycle = 1; cycle <= 8; cycle++) lines.push(`${unit} ${cycle}  -0.00${cycle} 518.67 ${640 + unit + cycle / 10}  `);
    const d = await importFile(freshDb(), writeTemp(dir, 'train_FD001.txt', lines.join('\n') + '\n'));
    assert.equal(d.summary.entityColumn, 'c1');
    assert.equal(d.summary.timeColumn, 'c2');
    assert.equal(d.summary.timeKind, 'index');
    assert.deepEqual(d.entities.map((e) => [e.name, e.length]), [['1', 8], ['2', 8]]);
    assert.deepEqual(d.columns.map((c) => c.name), ['c2', 'c3', 'c4', 'c5']);
  });

  it('renames columns of a headerless file', async () => {
    const file = writeTemp(dir, 'nohead.csv', '1,10.5\n2,11.5\n3,12.5\n');
    const d = await importFile(freshDb(), file, { header: false, columns: ['step', 'pressure'], timeColumn: 'step' });
    assert.deepEqual(d.columns.map((c) => c.name), ['step', 'pressure']);
    assert.equal(d.summary.timeKind, 'index');
  });

  it('reads JSON arrays with epoch seconds and JSON Lines with epoch milliseconds, same values', async () => {
    const t0 = 1_700_000_000;
    const recs = [0, 1, 2].map((i) => ({ time: t0 + 60 * i, machine: 'M1', temp: 20 + i }));
    const a = await importFile(freshDb(), writeTemp(dir, 'a.json', JSON.stringify(recs, null, 2)));
    const jl = recs.map((r) => JSON.stringify({ ...r, time: r.time * 1000 })).join('\n');
    const b = await importFile(freshDb(), writeTemp(dir, 'b.jsonl', jl));
    for (const d of [a, b]) {
      assert.equal(d.summary.timeKind, 'datetime');
      assert.equal(d.summary.entityColumn, 'machine');
      assert.equal(d.entities[0].start, t0 * 1000);
      assert.equal(d.interval, 60_000);
      assert.equal(d.columns.find((c) => c.name === 'temp')!.max, 22);
    }
  });

  it('reads ISO 8601 timestamps with offsets and sorts rows that arrive out of order', async () => {
    const file = writeTemp(dir, 'iso.csv', 'ts,v\n2024-03-01T10:10:00+01:00,3\n2024-03-01T09:00:00Z,1\n2024-03-01T10:05:00+01:00,2\n');
    const db = freshDb();
    const d = await importFile(db, file);
    const s = querySeries(db, { datasetId: d.summary.id, entity: 0, columns: ['v'] });
    assert.deepEqual(s.traces[0].x, [Date.UTC(2024, 2, 1, 9), Date.UTC(2024, 2, 1, 9, 5), Date.UTC(2024, 2, 1, 9, 10)]);
    assert.deepEqual(s.traces[0].y, [1, 2, 3]);
  });

  it('keeps many assets in one file apart, each its own series', async () => {
    const rows = ['time,asset_id,vib'];
    for (let h = 0; h < 5; h++) for (const a of ['P1', 'P2', 'P3']) rows.push(`2024-01-01 0${h}:00:00,${a},${h + a.charCodeAt(1) / 100}`);
    const db = freshDb();
    const d = await importFile(db, writeTemp(dir, 'fleet.csv', rows.join('\n')));
    assert.deepEqual(d.entities.map((e) => [e.name, e.length]), [['P1', 5], ['P2', 5], ['P3', 5]]);
    const p2 = querySeries(db, { datasetId: d.summary.id, entity: 1, columns: ['vib'] });
    assert.deepEqual(p2.traces[0].y, [0.5, 1.5, 2.5, 3.5, 4.5]);
  });

  it('imports a file without a time column in row order, and missing values as gaps in the line', async () => {
    const db = freshDb();
    const d = await importFile(db, writeTemp(dir, 'plain.csv', 'a,b\n1,2\n,3\nNA,4\n5,\n'));
    assert.equal(d.summary.timeKind, 'row');
    assert.equal(d.columns[0].missing, 2);
    assert.ok(Math.abs(d.columns[0].missingPct - 50) < 1e-9);
    const s = querySeries(db, { datasetId: d.summary.id, entity: 0, columns: ['a'] });
    assert.deepEqual(s.traces[0].y, [1, null, null, 5]);
  });
});
