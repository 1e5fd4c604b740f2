import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { mergeVariant, DEFAULT_VARIANT } from '../../shared/model/variant';
import { calendarColumns, calendarNames } from '../../shared/training/calendar-features';
import { engineerColumn, engineeredNames, type EngineeringSpec } from '../../shared/training/feature-engineering';
import { fillMissing } from '../../shared/training/fill-missing';
import { prepareTrainingData } from '../../electron/training/prepare-data';
import { tempDir, writeTemp } from '../helpers/fixtures';
import { freshDb, importFile } from '../helpers/store';

const HOUR = 3_600_000;
const T0 = Date.UTC(2024, 0, 1); // Monday 2024-01-01 00:00 UTC
const X = [1, 2, 4, 7, 11, 16, 22, 29, 37, 46];
const spec: EngineeringSpec = { calendar: [], lags: [2], differences: true, rolling: [3], rollingStats: ['mean', 'std'] };
const near = (a: number, b: number, tol = 1e-12) => assert.ok(Math.abs(a - b) < tol, `${a} vs ${b}`);

describe('feature engineering (past values only)', () => {
  it('computes lags, first differences and trailing rolling mean/std with their names', () => {
    assert.deepEqual(engineeredNames('temp', spec), ['temp_lag2', 'temp_diff1', 'temp_roll3_mean', 'temp_roll3_std']);
    const [lag2, diff1, mean3, std3] = engineerColumn(Float64Array.from(X), spec);
    assert.deepEqual([...lag2], [1, 1, 1, 2, 4, 7, 11, 16, 22, 29], 'x[t-2], the first value repeated before the start');
    assert.deepEqual([...diff1], [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    near(mean3[3], (2 + 4 + 7) / 3);
    assert.equal(mean3[0], 1, 'a partial window at the start uses the rows so far');
    assert.equal(mean3[1], 1.5);
    const m = (11 + 16 + 22) / 3; // rows 4..6
    near(std3[6], Math.sqrt(((11 - m) ** 2 + (16 - m) ** 2 + (22 - m) ** 2) / 3));
    assert.equal(std3[0], 0);
  });

  it('changing a later value never changes an earlier engineered value (no look-ahead)', () => {
    const a = engineerColumn(Float64Array.from(X), spec);
    const later = Float64Array.from(X);
    later[7] = 1000;
    const b = engineerColumn(later, spec);
    for (let c = 0; c < a.length; c++) assert.deepEqual([...a[c].subarray(0, 7)], [...b[c].subarray(0, 7)]);
  });

  it('gives calendar sin/cos pairs in UTC: 06:00 has hour_sin 1, Sunday has dayOfWeek 0, 1 January dayOfYear 0', () => {
    assert.deepEqual(calendarNames(['hour', 'dayOfWeek', 'dayOfYear']), ['hour_sin', 'hour_cos', 'dayOfWeek_sin', 'dayOfWeek_cos', 'dayOfYear_sin', 'dayOfYear_cos']);
    const time = Float64Array.from([T0, T0 + 6 * HOUR, T0 + 18 * HOUR, T0 - 24 * HOUR]);
    const [hourSin, hourCos, dowSin, dowCos, doySin, doyCos] = calendarColumns(time, ['hour', 'dayOfWeek', 'dayOfYear']);
    assert.ok(Math.abs(hourSin[1] - 1) < 1e-12 && Math.abs(hourCos[1]) < 1e-12, 'hour_sin(06:00) = 1');
    assert.ok(Math.abs(hourSin[2] + 1) < 1e-12, 'hour_sin(18:00) = -1');
    assert.ok(Math.abs(hourSin[0]) < 1e-12 && hourCos[0] === 1);
    assert.ok(Math.abs(dowSin[0] - Math.sin((2 * Math.PI) / 7)) < 1e-12, 'Monday is day 1 of the week');
    assert.ok(Math.abs(dowSin[3]) < 1e-12 && dowCos[3] === 1, '2023-12-31 was a Sunday');
    assert.ok(Math.abs(doySin[0]) < 1e-12 && doyCos[0] === 1, '1 January');
    assert.ok(Math.abs(doySin[3] - Math.sin((2 * Math.PI * 364) / 365)) < 1e-12, '31 December of a 365-day year');
  });

  it('forward-fills then back-fills missing values, counting them, without touching the input', () => {
    const raw = Float64Array.from([NaN, NaN, 3, NaN, 5, NaN]);
    const r = fillMissing(raw);
    assert.deepEqual([...r.values], [3, 3, 3, 3, 5, 5]);
    assert.equal(r.filled, 4);
    assert.ok(Number.isNaN(raw[0]), 'the stored series is not changed');
    assert.equal(fillMissing(Float64Array.from([NaN, NaN])).empty, true);
    const clean = Float64Array.from([1, 2]);
    assert.equal(fillMissing(clean).values, clean);
  });

  it('feeds the engineered columns into the windows, named after their column, through the whole pipeline', async () => {
    const rows = X.map((v, i) => `${new Date(T0 + i * HOUR).toISOString()},${i === 4 ? '' : v},${i % 3}`);
    const file = writeTemp(tempDir(), 'eng.csv', ['timestamp,temp,load', ...rows].join('\n') + '\n');
    const db = freshDb();
    const d = await importFile(db, file);
    const config = mergeVariant(DEFAULT_VARIANT, {
      task: 'forecast',
      input: { features: ['temp'], targets: ['temp'], window: 2, horizon: 1 },
      scaling: { method: 'none', predictDelta: false },
      engineering: { ...spec, calendar: ['hour'] },
      training: { split: { train: 0.6, validation: 0.2, test: 0.2, mode: 'chronological' } },
    });
    const p = prepareTrainingData(db, d.summary.id, config);
    assert.deepEqual(p.featureNames, ['temp', 'temp_lag2', 'temp_diff1', 'temp_roll3_mean', 'temp_roll3_std', 'hour_sin', 'hour_cos']);
    assert.match(p.notes.join('\n'), /Filled 1 missing input value .*temp 1/);
    // Row 4 (temp missing) is filled with row 3's 7; find the window ending at 06:00 (row 6).
    const all = [p.train, p.validation, p.test];
    const batch = all.find((b) => b.meta.some((m) => m.end === T0 + 6 * HOUR))!;
    const i = batch.meta.findIndex((m) => m.end === T0 + 6 * HOUR);
    const F = p.featureNames.length;
    const last = [...batch.x.subarray((i * 2 + 1) * F, (i * 2 + 2) * F)];
    const filled = [1, 2, 4, 7, 7, 16, 22];
    assert.equal(last[0], 22);
    assert.equal(last[1], filled[4], 'lag2 of row 6 is row 4 (filled)');
    assert.equal(last[2], 22 - 16);
    assert.ok(Math.abs(last[3] - (7 + 16 + 22) / 3) < 1e-5);
    assert.ok(Math.abs(last[5] - 1) < 1e-6, 'hour_sin of 06:00 is 1');
    assert.equal(p.featureScaler.columns.find((c) => c.name === 'hour_sin')!.scale, 1, 'calendar columns are not rescaled');
  });

  it('refuses calendar features without a date/time axis, naming engineering.calendar', async () => {
    const file = writeTemp(tempDir(), 'idx.csv', 'cycle,temp\n' + X.map((v, i) => `${i + 1},${v}`).join('\n') + '\n');
    const db = freshDb();
    const d = await importFile(db, file);
    const config = mergeVariant(DEFAULT_VARIANT, { input: { targets: ['temp'], window: 2 }, engineering: { calendar: ['hour'] } });
    assert.throws(() => prepareTrainingData(db, d.summary.id, config), (e: Error) => e.name === 'UserError' && /^engineering\.calendar: .*step index/.test(e.message));
  });
});
