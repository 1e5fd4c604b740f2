import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { describe, it } from 'node:test';
import { writeDemoCsv } from '../../electron/data/demo-seed';
import { querySeries } from '../../electron/data/series-query';
import { dataFile, tempDir } from '../helpers/fixtures';
import { freshDb, importFile } from '../helpers/store';

describe('importing the real data sets', () => {
  it('imports NAB machine temperature: 22,695 rows at 5-minute steps, its repeated hour kept with a warning', async () => {
    const db = freshDb();
    const d = await importFile(db, dataFile('nab', 'machine_temperature_system_failure.csv'));
    assert.equal(d.summary.rows, 22_695);
    assert.equal(d.summary.entities, 1);
    assert.equal(d.summary.timeColumn, 'timestamp');
    assert.equal(d.summary.timeKind, 'datetime');
    assert.equal(d.interval, 5 * 60_000);
    assert.match(d.summary.fingerprint, /^[0-9a-f]{64}$/);
    const value = d.columns.find((c) => c.name === 'value')!;
    assert.equal(value.type, 'number');
    assert.equal(value.count, 22_695);
    assert.ok(value.min! > 2 && value.min! < 2.1 && value.max! > 108 && value.max! < 109, `${value.min}..${value.max}`);
    assert.ok(Math.abs(value.mean! - 85.93) < 0.01, String(value.mean));
    assert.match(d.warnings.join('\n'), /Line 10,151: the clock goes back/);
    const s = querySeries(db, { datasetId: d.summary.id, entity: 0, columns: ['value'], maxPoints: 1000 });
    assert.equal(s.totalPoints, 22_695);
    assert.ok(s.downsampled && s.traces[0].x.length <= 1000);
    assert.equal(Math.max(...(s.traces[0].y.filter((v) => v !== null) as number[])), value.max, 'the peak survives downsampling');
  });

  it('imports the ItalyPowerDemand train file as 67 labelled sequences of 24 values', async () => {
    const db = freshDb();
    const d = await importFile(db, dataFile('ucr-italy', 'ItalyPowerDemand_TRAIN.tsv'), { format: 'wide', labelColumn: 'c1', header: false });
    assert.equal(d.summary.format, 'wide');
    assert.equal(d.summary.entities, 67);
    assert.equal(d.summary.rows, 67);
    assert.ok(d.entities.every((e) => e.length === 24));
    assert.deepEqual([...new Set(d.entities.map((e) => e.label))].sort(), ['1', '2']);
    assert.equal(d.columns[0].count, 67 * 24);
  });

  it('detects the UCR layout without being told', async () => {
    const d = await importFile(freshDb(), dataFile('ucr-italy', 'ItalyPowerDemand_TEST.tsv'));
    assert.equal(d.summary.format, 'wide');
    assert.equal(d.summary.labelColumn, 'c1');
    assert.equal(d.summary.entities, 1029);
  });

  it('imports the generated demo fleet with its asset column detected', async () => {
    const dir = tempDir();
    const file = `${dir}/demo.csv`;
    writeDemoCsv(file);
    const d = await importFile(freshDb(), file);
    assert.equal(d.summary.entityColumn, 'asset_id');
    assert.equal(d.summary.entities, 8);
    assert.equal(d.interval, 3_600_000);
    assert.ok(d.gapCount >= 1, 'the outage shows as a gap');
    assert.equal(d.largestGaps[0].entity, d.entities.find((e) => e.gaps > 0)!.name);
    assert.equal(d.summary.rows, fs.readFileSync(file, 'utf8').trim().split('\n').length - 1);
  });
});
