import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEMO_DATASET_NAME, fleetToCsv, generateFleet, type DemoFleet } from '../../shared/demo/fleet-generator';

const COLUMNS = ['timestamp', 'asset_id', 'temperature_c', 'vibration_mm_s', 'pressure_bar', 'flow_m3h', 'motor_current_a', 'rpm', 'failure'];
const HOUR_MS = 3_600_000;
const fleet = generateFleet();

/** Rows of the fleet grouped by asset id, in order. */
function byAsset(f: DemoFleet): Map<string, (string | number | null)[][]> {
  const groups = new Map<string, (string | number | null)[][]>();
  for (const row of f.rows) {
    const id = row[1] as string;
    const rows = groups.get(id) ?? [];
    rows.push(row);
    groups.set(id, rows);
  }
  return groups;
}

/** Mean of a column over rows, ignoring nulls. */
function meanOf(rows: (string | number | null)[][], column: string): number {
  const c = COLUMNS.indexOf(column);
  const values = rows.map((r) => r[c]).filter((v): v is number => typeof v === 'number');
  return values.reduce((a, b) => a + b, 0) / values.length;
}

test('has the documented columns, defaults and name', () => {
  assert.deepEqual(fleet.columns, COLUMNS);
  assert.equal(DEMO_DATASET_NAME, 'Demo pump fleet');
  const assets = byAsset(fleet);
  assert.deepEqual([...assets.keys()], ['PUMP-01', 'PUMP-02', 'PUMP-03', 'PUMP-04', 'PUMP-05', 'PUMP-06', 'PUMP-07', 'PUMP-08']);
  assert.equal(fleet.rows[0][0], '2025-01-01T00:00:00Z');
  for (const row of fleet.rows) {
    assert.equal(row.length, COLUMNS.length);
    assert.match(row[0] as string, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    for (let c = 2; c < 8; c++) assert.ok(row[c] === null || Number.isFinite(row[c]), `bad value ${row[c]}`);
    assert.ok(row[8] === 0 || row[8] === 1);
  }
});

test('is deterministic for a seed and differs for another seed', () => {
  assert.deepEqual(generateFleet({ seed: 42 }), fleet);
  const other = generateFleet({ seed: 7 });
  assert.notDeepEqual(other.rows.slice(0, 50), fleet.rows.slice(0, 50));
});

test('rows are ordered by asset then time, at the step', () => {
  const small = generateFleet({ assets: 3, days: 5, stepMinutes: 15, start: '2024-06-01T12:00:00Z' });
  assert.equal(small.rows[0][0], '2024-06-01T12:00:00Z');
  assert.equal(small.rows[1][0], '2024-06-01T12:15:00Z');
  for (const rows of byAsset(small).values()) {
    for (let i = 1; i < rows.length; i++) assert.ok(Date.parse(rows[i][0] as string) > Date.parse(rows[i - 1][0] as string));
  }
  const ids = small.rows.map((r) => r[1]);
  assert.deepEqual(ids, [...ids].sort());
});

test('about half the assets fail; each ends on its failure row with rising vibration', () => {
  const assets = byAsset(fleet);
  assert.equal(fleet.failures.length, 4);
  const fullLength = 90 * 24;
  for (const [id, rows] of assets) {
    const failure = fleet.failures.find((f) => f.asset === id);
    const flagged = rows.filter((r) => r[8] === 1);
    if (!failure) {
      assert.equal(flagged.length, 0);
      assert.equal(rows[rows.length - 1][0], '2025-03-31T23:00:00Z', `${id} should run the whole period`);
      continue;
    }
    assert.equal(flagged.length, 1, id);
    const last = rows[rows.length - 1];
    assert.equal(last[8], 1, `${id} should end on its failure`);
    assert.equal(last[0], failure.time);
    assert.ok(rows.length < fullLength);
    const first = meanOf(rows.slice(0, 48), 'vibration_mm_s');
    const final = meanOf(rows.slice(-48), 'vibration_mm_s');
    assert.ok(final > 2.5 * first, `${id}: vibration ${first.toFixed(2)} -> ${final.toFixed(2)}`);
    assert.ok(meanOf(rows.slice(-48), 'temperature_c') > meanOf(rows.slice(0, 48), 'temperature_c') + 3, `${id}: temperature`);
  }
});

test('one asset has a multi-hour outage', () => {
  const gaps: { id: string; hours: number }[] = [];
  for (const [id, rows] of byAsset(fleet)) {
    for (let i = 1; i < rows.length; i++) {
      const hours = (Date.parse(rows[i][0] as string) - Date.parse(rows[i - 1][0] as string)) / HOUR_MS;
      if (hours !== 1) gaps.push({ id, hours });
    }
  }
  assert.equal(gaps.length, 1);
  assert.ok(gaps[0].hours >= 3, `gap of ${gaps[0].hours} h`);
});

test('about 0.2% of sensor values are missing, never ids, times or labels', () => {
  let nulls = 0;
  for (const row of fleet.rows) {
    for (let c = 0; c < row.length; c++) {
      if (row[c] !== null) continue;
      assert.ok(c >= 2 && c < 8, `null in ${COLUMNS[c]}`);
      nulls++;
    }
  }
  const share = nulls / (fleet.rows.length * 6);
  assert.ok(share > 0.001 && share < 0.004, `missing share ${share}`);
});

test('csv has a header and one line per row, empty fields for null', () => {
  const csv = fleetToCsv(fleet);
  const lines = csv.split('\n');
  assert.equal(lines.pop(), '');
  assert.equal(lines.length, fleet.rows.length + 1);
  assert.equal(lines[0], COLUMNS.join(','));
  const withNull = fleet.rows.findIndex((r) => r.includes(null));
  const fields = lines[withNull + 1].split(',');
  assert.equal(fields.length, COLUMNS.length);
  fields.forEach((f, c) => assert.equal(f, fleet.rows[withNull][c] === null ? '' : String(fleet.rows[withNull][c])));
});

test('rejects options that cannot make a fleet', () => {
  assert.throws(() => generateFleet({ assets: 0 }), RangeError);
  assert.throws(() => generateFleet({ start: 'yesterday' }), /ISO/);
  assert.throws(() => generateFleet({ days: 0 }), RangeError);
});
