/** The CSV of analysis results (CLI files and UI downloads): quoting, empty cells, the risk list's columns. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { csvText, riskCsv } from '../../shared/evaluation/analysis-csv';
import type { RiskReport } from '../../shared/evaluation/analysis-types';
import { col, tableCsv } from '../../shared/reports/table-format';
import type { ReportTable } from '../../shared/reports/types';

test('cells with commas, quotes or line breaks are quoted; null and non-finite numbers are empty', () => {
  assert.equal(csvText([['a,b', 'say "hi"', 'two\nlines', null, Number.NaN, 1.5, 'plain']]), '"a,b","say ""hi""","two\nlines",,,1.5,plain\n');
});

test('the risk list: one row per entity in rank order, ISO times for datetime data', () => {
  const report = {
    timeKind: 'datetime',
    rows: [
      { entity: 'P-2', score: 91, level: 'high', timeToFailure: { steps: 3, lower: 2, upper: null, at: Date.UTC(2025, 0, 1, 3) }, driver: 'temp > 90, in 3 steps', action: 'Schedule maintenance', reliability: 'ok', reliabilityReasons: [], lastTime: Date.UTC(2025, 0, 1) },
      { entity: 'P-1', score: 10, level: 'low', timeToFailure: null, driver: 'stays below', action: 'None', reliability: 'caution', reliabilityReasons: ['missing values'], lastTime: Date.UTC(2025, 0, 1) },
    ],
  } as unknown as RiskReport;
  const lines = csvText(riskCsv(report)).trim().split('\n');
  assert.equal(lines[0], 'rank,entity,score,level,steps_to_failure,steps_lower,steps_upper,expected_at,driver,action,reliability,last_time');
  assert.equal(lines[1], '1,P-2,91,high,3,2,,2025-01-01T03:00:00.000Z,"temp > 90, in 3 steps",Schedule maintenance,ok,2025-01-01T00:00:00.000Z');
  assert.equal(lines[2], '2,P-1,10,low,,,,,stays below,None,caution,2025-01-01T00:00:00.000Z');
});

test('formula cells (=, +, -, @, tab, CR first) get a leading quote; numbers, negative ones included, stay numbers', () => {
  const hostile = ['=1+1', "@SUM(1+1)*cmd|' /C calc'!A0", '+A1', '-A1', '\tTAB', '\rCR', '-', '=HYPERLINK("http://x","y")'];
  assert.equal(
    csvText([hostile]),
    `'=1+1,'@SUM(1+1)*cmd|' /C calc'!A0,'+A1,'-A1,'\tTAB,"'\rCR",'-,"'=HYPERLINK(""http://x"",""y"")"\n`,
  );
  assert.equal(csvText([[-1.5, '-1.5', '+3', '2e-4', '-.5', 'a=b', 'x@y']]), '-1.5,-1.5,+3,2e-4,-.5,a=b,x@y\n');
});

test("the app's CSV downloads (report tables, the risk list) go through the same writer", () => {
  const report = {
    timeKind: 'index',
    rows: [{ entity: '=1+1', score: 91, level: 'high', timeToFailure: null, driver: '@SUM(1)', action: '-x', reliability: 'ok', reliabilityReasons: [], lastTime: 5 }],
  } as unknown as RiskReport;
  assert.equal(csvText(riskCsv(report)).trim().split('\n')[1], "1,'=1+1,91,high,,,,,'@SUM(1),'-x,ok,5");
  const table: ReportTable = { id: 't', title: 'T', columns: [col('entity', 'Entity', 'text'), col('v', 'V')], rows: [['=cmd', -2]] };
  assert.equal(tableCsv(table), "entity,v\n'=cmd,-2\n");
});
