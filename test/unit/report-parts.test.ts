/**
 * The parts of a report that need no model: table cells as read and as exported (CSV, JSON),
 * chart ticks and escaping, the checked output path, and `lstm-studio report`'s options.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { col, formatCell, tableCsv, tableJson } from '../../shared/reports/table-format';
import type { ReportTable } from '../../shared/reports/types';
import { parseCli } from '../../electron/cli/commands';
import { lineChart } from '../../electron/reports/charts/line-chart';
import { niceTicks, timeTicks } from '../../electron/reports/charts/svg-frame';
import { reportDocument, tableHtml } from '../../electron/reports/html/document';
import { checkOutputPath, defaultReportPath, writeTables } from '../../electron/reports/report-files';
import { chromiumArgs, findChromium } from '../../electron/reports/pdf-chromium';
import { tempDir } from '../helpers/fixtures';

const TABLE: ReportTable = {
  id: 'demo',
  title: 'Demo <table>',
  columns: [col('name', 'Name', 'text'), col('mae', 'MAE'), col('share', 'Share', 'percent'), col('at', 'At', 'time'), col('ok', 'OK', 'flag'), col('raw', 'Raw', 'number', 'export'), col('shown', 'Shown', 'text', 'display')],
  rows: [
    ['a, "b"', 1.234567, 0.5, Date.UTC(2025, 0, 2, 3), true, 7, 'seven'],
    ['<c>', Number.NaN, null, Date.UTC(2025, 0, 2), false, 8, 'eight'],
  ],
  timeKind: 'datetime',
};

test('cells read as the CLI prints numbers; exports keep full precision, ISO times and only their columns', () => {
  assert.equal(formatCell(1.234567, 'number'), '1.2346');
  assert.equal(formatCell(0.5, 'percent'), '50.0%');
  assert.equal(formatCell(12345, 'count'), '12,345');
  assert.equal(formatCell(Date.UTC(2025, 0, 2, 3), 'time', { timeKind: 'datetime' }), '2025-01-02 03:00');
  assert.equal(formatCell(null, 'number'), '—');
  assert.equal(formatCell(true, 'flag'), 'yes');
  assert.equal(tableCsv(TABLE), 'name,mae,share,at,ok,raw\n"a, ""b""",1.234567,0.5,2025-01-02T03:00:00.000Z,true,7\n<c>,,,2025-01-02T00:00:00.000Z,false,8\n');
  const json = JSON.parse(tableJson(TABLE));
  assert.equal(json.table, 'demo');
  assert.deepEqual(json.columns, { name: 'Name', mae: 'MAE', share: 'Share', at: 'At', ok: 'OK', raw: 'Raw' });
  assert.deepEqual(json.rows[1], { name: '<c>', mae: null, share: null, at: '2025-01-02T00:00:00.000Z', ok: false, raw: 8 });
});

test('an HTML table escapes text, shows its display columns and embeds its CSV and JSON', () => {
  const html = tableHtml(TABLE);
  assert.match(html, /<h3>Demo &lt;table&gt;<\/h3>/);
  assert.match(html, /<td data-col="name">&lt;c&gt;<\/td>/);
  assert.match(html, /<th>Shown<\/th>/);
  assert.doesNotMatch(html, /<th class="num">Raw<\/th>/);
  const csv = /download="demo\.csv" href="data:text\/csv;charset=utf-8;base64,([^"]+)"/.exec(html);
  assert.ok(csv);
  assert.equal(Buffer.from(csv[1], 'base64').toString('utf8'), tableCsv(TABLE));
  const doc = reportDocument({ title: 'T & <U>', subtitle: 's', summary: ['one'], meta: ['m'] }, [{ id: 'x', title: 'X', html }]);
  assert.match(doc, /<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:/);
  assert.match(doc, /<title>T &amp; &lt;U&gt;<\/title>/);
  assert.match(doc, /@media print/);
});

test('chart ticks are round numbers or calendar steps; series names are escaped', () => {
  assert.deepEqual(niceTicks(0, 1), [0, 0.2, 0.4, 0.6, 0.8, 1]);
  assert.deepEqual(niceTicks(3, 97), [20, 40, 60, 80]);
  const day = 86_400_000;
  assert.deepEqual(timeTicks(Date.UTC(2025, 0, 1, 5), Date.UTC(2025, 0, 6, 5)), [1, 2, 3, 4, 5].map((d) => Date.UTC(2025, 0, 1) + d * day));
  const svg = lineChart({ title: 'a<b', xLabel: 'x', yLabel: 'y', series: [{ name: 'p&q', x: [1, 2, 3], y: [1, null, 3] }] });
  assert.match(svg, /<figcaption>a&lt;b<\/figcaption>/);
  assert.match(svg, /p&amp;q/);
  assert.equal((svg.match(/M/g) ?? []).length >= 2, true, 'a missing value breaks the line');
  const long = lineChart({ title: 't', xLabel: 'x', yLabel: 'y', series: [{ name: 's', x: Array.from({ length: 50_000 }, (_, i) => i), y: Array.from({ length: 50_000 }, (_, i) => Math.sin(i)) }] });
  assert.ok(long.length < 60_000, `a long series is reduced (${long.length} characters)`);
});

test('the output file must have the format\'s extension and an existing folder; tables go to <id>.csv and <id>.json', () => {
  const dir = tempDir('lstm-report-unit-');
  assert.equal(checkOutputPath(path.join(dir, 'r.HTML'), 'html'), path.join(dir, 'r.HTML'));
  assert.throws(() => checkOutputPath(path.join(dir, 'r.html'), 'pdf'), /is a \.html file name but the report was asked for as PDF/);
  assert.throws(() => checkOutputPath(path.join(dir, 'r.docx'), 'html'), /Cannot tell the report format from the extension "\.docx".*end the file name in \.html or \.pdf/);
  assert.throws(() => checkOutputPath(path.join(dir, 'missing', 'r.pdf'), 'pdf'), /The folder .*missing for the report does not exist\. Create it first/);
  const file = defaultReportPath(dir, 'risk', { name: 'pumps/forecast', version: 3 }, 'Demo fleet', 'pdf', new Date(Date.UTC(2025, 4, 6, 7, 8, 9)));
  assert.equal(file, path.join(dir, 'reports', 'risk-pumps_forecast-v3-Demo_fleet-20250506-070809.pdf'));
  assert.deepEqual(writeTables(dir, [TABLE]).map((f) => path.basename(f)), ['demo.csv', 'demo.json']);
  assert.equal(fs.readFileSync(path.join(dir, 'demo.csv'), 'utf8'), tableCsv(TABLE));
});

test('Chromium is looked up where it is installed and run headless, offline, on a fresh profile', () => {
  assert.equal(findChromium({ LSTM_STUDIO_CHROMIUM: process.execPath }, 'linux'), process.execPath, 'LSTM_STUDIO_CHROMIUM comes first');
  assert.equal(findChromium({ LSTM_STUDIO_CHROMIUM: '/no/such/chromium' }, 'darwin'), null);
  const args = chromiumArgs('/tmp/r.html', '/tmp/r.pdf', '/tmp/profile');
  for (const flag of ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--user-data-dir=/tmp/profile', '--print-to-pdf=/tmp/r.pdf']) {
    assert.ok(args.includes(flag), flag);
  }
  assert.equal(args.at(-1), 'file:///tmp/r.html');
});

test('report: the format comes from --out, --limit repeats, and mistakes are named', () => {
  const req = parseCli(['report', '--model', 'pumps:production', '--data', '3', '--out', 'r.pdf', '--kind', 'risk', '--limit', 'temp>90', '--limit=flow<2', '--entities', 'P-1, P-2', '--tables', 't', '--json']);
  assert.deepEqual(req, {
    kind: 'report',
    global: { home: undefined, json: true },
    report: 'risk',
    format: 'pdf',
    model: 'pumps:production',
    data: { datasetId: 3 },
    out: 'r.pdf',
    limits: [
      { column: 'temp', op: '>', value: 90 },
      { column: 'flow', op: '<', value: 2 },
    ],
    coverage: undefined,
    entities: ['P-1', 'P-2'],
    checkId: undefined,
    tables: 't',
  });
  assert.throws(() => parseCli(['report', '--model', 'm', '--data', '1', '--out', 'r.txt']), /--out "r\.txt" must end in \.html/);
  assert.throws(() => parseCli(['report', '--model', 'm', '--data', '1', '--out', 'r.html', '--kind', 'fleet']), /--kind must be one of model, risk, drift; got "fleet"/);
  assert.throws(() => parseCli(['report', '--data', '1', '--out', 'r.html']), /needs --model/);
});
