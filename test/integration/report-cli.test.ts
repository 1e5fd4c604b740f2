/**
 * `lstm-studio report` as a user runs it, on a tiny model trained here on the real NAB file: the
 * HTML holds the same metrics as `evaluate --json`, opens with every network request blocked and
 * no console errors, the PDF turns into A4 pages with pdftoppm, a fleet-risk report writes its
 * tables as the same CSV as `risk --out`, and a bad --out is refused at once with a clear message.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { esc } from '../../electron/reports/charts/svg-frame';
import { fmtNumber, fmtPct } from '../../shared/format';
import { ARTIFACTS } from '../helpers/browser-session';
import { ok, runCli, type CliRun } from '../helpers/cli-run';
import { dataFile, tempDir } from '../helpers/fixtures';

const AMBIENT = dataFile('nab', 'ambient_temperature_system_failure.csv');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const home = tempDir('lstm-report-cli-');
const out = tempDir('lstm-report-out-');
const MODEL = 'ambient_temperature_system_failure-forecast';

function cli(...args: string[]): Promise<CliRun> {
  return runCli(home, args, { CHROMIUM_PATH: CHROMIUM });
}

/** The cells of one table of a report, by row, as `data-col -> text`. */
function tableCells(html: string, id: string): Record<string, string>[] {
  const table = new RegExp(`<table data-table="${id}">([\\s\\S]*?)</table>`).exec(html);
  assert.ok(table, `the report has a table ${id}`);
  return [...table[1].matchAll(/<tr>([\s\S]*?)<\/tr>/g)]
    .map((row) => Object.fromEntries([...row[1].matchAll(/<td[^>]*data-col="([^"]+)">([^<]*)<\/td>/g)].map((m) => [m[1], m[2]])))
    .filter((r) => Object.keys(r).length > 0);
}

let browser: Browser;

before(async () => {
  ok(await cli('train', '--data', AMBIENT, '--task', 'forecast', '--target', 'value', '--window', '12', '--horizon', '3', '--epochs', '2', '--set', 'recurrent.units=[32]'));
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu'] });
});
after(async () => {
  await browser?.close();
});

test("a report's HTML contains the same metrics as evaluate --json, and opens offline with no failed requests", async () => {
  const evaluation = JSON.parse(ok(await cli('evaluate', '--model', MODEL, '--data', '1', '--json')).stdout);
  const file = path.join(out, 'model.html');
  const result = JSON.parse(ok(await cli('report', '--model', MODEL, '--data', '1', '--out', file, '--json')).stdout);
  assert.equal(result.path, file);
  assert.equal(result.format, 'html');
  assert.equal(result.kind, 'model');
  assert.equal(result.bytes, fs.statSync(file).size);
  assert.deepEqual(result.sections, ['Data', 'Configuration', 'Training curves', 'Metrics against the baselines', 'Forecasts with intervals', 'Attention and importance', 'Environment']);
  const html = fs.readFileSync(file, 'utf8');

  // Every metric of the model and of each baseline, formatted as the report formats numbers.
  const rows = tableCells(html, 'metrics');
  const reg = evaluation.regression;
  const expected = [reg.model, ...reg.baselines];
  assert.equal(rows.length, expected.length);
  expected.forEach((m, i) => {
    for (const k of ['mae', 'rmse', 'mape', 'smape', 'mase', 'r2']) assert.equal(rows[i][k], fmtNumber(m[k]), `row ${i} ${k}`);
    assert.equal(rows[i].within5pct, fmtPct(m.within5pct));
  });
  assert.deepEqual(rows.map((r) => r.forecaster), ['model', ...reg.baselines.map((b: { label: string }) => b.label.toLowerCase())]);
  tableCells(html, 'per-step').forEach((r, h) => assert.equal(r.model_mae, fmtNumber(reg.model.perHorizon[h].mae)));
  tableCells(html, 'coverage').forEach((r, h) => assert.equal(r.coverage, fmtPct(evaluation.intervals.perStep[h].coverage)));
  for (const sentence of evaluation.summary) assert.ok(html.includes(esc(sentence)), `the findings hold "${sentence}"`);
  // The data summary and the environment.
  const data = Object.fromEntries(tableCells(html, 'data').map((r) => [r.field, r.value]));
  assert.equal(data['Rows'], '7,267');
  assert.match(data['Fingerprint (SHA-256)'], /^[0-9a-f]{64}$/);
  assert.equal(data['Period'], '2013-07-04 – 2014-05-28 15:00');
  const env = Object.fromEntries(tableCells(html, 'environment').map((r) => [r.field, r.value]));
  assert.match(env['Engine backend'], /^TensorFlow\.js 4\.\d+\.\d+ on (wasm|cpu|tensorflow)$/);
  assert.match(env['Cores'], /^\d+$/);

  // Self-contained: no external references, and nothing is fetched when it opens.
  assert.doesNotMatch(html, /(src|href)="(https?:)?\/\//);
  const page = await browser.newPage();
  const requests: string[] = [];
  const errors: string[] = [];
  await page.route('**/*', (route) => {
    requests.push(route.request().url());
    void route.abort();
  });
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  page.on('pageerror', (e) => errors.push(e.message));
  await page.setContent(html, { waitUntil: 'load' });
  assert.deepEqual(requests, []);
  assert.deepEqual(errors, []);
  assert.ok((await page.locator('figure.chart svg').count()) >= 6, 'the charts are inline SVG');
  assert.equal(await page.locator('img').count(), 0);
  // Each table offers its CSV and JSON, embedded; the print layout hides those links.
  const csvLink = page.locator('table[data-table="metrics"]').locator('xpath=ancestor::div[contains(@class,"table-block")]').locator('a[download="metrics.csv"]');
  const csv = Buffer.from((await csvLink.getAttribute('href'))!.split('base64,')[1], 'base64').toString('utf8');
  assert.equal(csv.split('\n')[0], 'forecaster,detail,mae,rmse,mape,smape,mase,r2,within5pct');
  assert.equal(Number(csv.split('\n')[1].split(',')[2]), reg.model.mae);
  await page.emulateMedia({ media: 'print' });
  assert.equal(await csvLink.isVisible(), false);
  await page.close();
});

test('the PDF turns into A4 pages with pdftoppm', async () => {
  const file = path.join(out, 'model.pdf');
  const run = ok(await cli('report', '--model', `${MODEL}@1`, '--data', AMBIENT, '--out', file, '--limit', 'value>80'));
  assert.match(run.stdout, /Wrote PDF report "ambient_temperature_system_failure-forecast v1 on ambient_temperature_system_failure" to .*model\.pdf \(\d+ KB\)/);
  assert.match(run.stdout, /Sections: .*Risk table/);
  assert.equal(fs.readFileSync(file).subarray(0, 5).toString(), '%PDF-');
  const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
  assert.match(info, /Page size: +59\d(\.\d+)? x 84\d(\.\d+)? pts \(A4\)/);
  const pages = Number(/Pages: +(\d+)/.exec(info)![1]);
  assert.ok(pages >= 4 && pages <= 20, `${pages} pages`);
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  const prefix = path.join(ARTIFACTS, 'report-page');
  for (const old of fs.readdirSync(ARTIFACTS).filter((f) => f.startsWith('report-page-'))) fs.rmSync(path.join(ARTIFACTS, old));
  execFileSync('pdftoppm', ['-r', '50', '-png', file, prefix]);
  const pngs = fs.readdirSync(ARTIFACTS).filter((f) => /^report-page-\d+\.png$/.test(f));
  assert.equal(pngs.length, pages);
  for (const png of pngs) assert.ok(fs.statSync(path.join(ARTIFACTS, png)).size > 5_000, `${png} has content`);
  assert.deepEqual(fs.readdirSync(out).filter((f) => f.includes('.tmp')), [], 'no temporary files are left');
});

test('a fleet-risk report writes each table as CSV and JSON, the risk CSV as `risk --out` writes it', async () => {
  const riskCsv = path.join(out, 'risk.csv');
  ok(await cli('risk', '--model', MODEL, '--data', '1', '--limit', 'value>60', '--out', riskCsv));
  const tables = path.join(out, 'risk-tables');
  const result = JSON.parse(ok(await cli('report', '--kind', 'risk', '--model', MODEL, '--data', '1', '--limit', 'value>60', '--out', path.join(out, 'risk.html'), '--tables', tables, '--json')).stdout);
  assert.deepEqual(result.sections, ['Maintenance list', 'Data', 'Environment']);
  assert.deepEqual(result.tables.map((t: { id: string }) => t.id), ['settings', 'risk', 'data', 'columns', 'environment']);
  assert.equal(result.tableFiles.length, 10);
  assert.equal(fs.readFileSync(path.join(tables, 'risk.csv'), 'utf8'), fs.readFileSync(riskCsv, 'utf8'));
  const json = JSON.parse(fs.readFileSync(path.join(tables, 'risk.json'), 'utf8'));
  assert.equal(json.table, 'risk');
  assert.equal(json.rows[0].level, 'high');
  assert.match(json.rows[0].last_time, /^2014-05-28T15:00:00\.000Z$/);
  const html = fs.readFileSync(path.join(out, 'risk.html'), 'utf8');
  assert.equal(tableCells(html, 'risk')[0].level, 'high');
});

test('a drift report shows the per-feature tests and the verdict of the check, new or recorded', async () => {
  const check = JSON.parse(ok(await cli('drift', '--model', MODEL, '--data', '1', '--json')).stdout);
  const file = path.join(out, 'drift.html');
  const result = JSON.parse(ok(await cli('report', '--kind', 'drift', '--model', MODEL, '--data', '1', '--out', file, '--json')).stdout);
  assert.deepEqual(result.sections, ['Verdict and thresholds', 'Per-feature tests', 'Data', 'Environment']);
  const html = fs.readFileSync(file, 'utf8');
  const rows = tableCells(html, 'drift-features');
  assert.equal(rows[0].feature, check.features[0].name);
  assert.equal(rows[0].statistic, fmtNumber(check.features[0].statistic));
  assert.equal(rows[0].drifted, check.features[0].drifted ? 'yes' : 'no');
  const verdict = Object.fromEntries(tableCells(html, 'drift-summary').map((r) => [r.field, r.value]));
  assert.equal(verdict['Verdict'], check.drifted ? 'drifted' : 'no drift');
  // The first check, as recorded.
  const recorded = path.join(out, 'drift-1.html');
  ok(await cli('report', '--kind', 'drift', '--check', '1', '--out', recorded));
  assert.equal(tableCells(fs.readFileSync(recorded, 'utf8'), 'drift-features')[0].statistic, fmtNumber(check.features[0].statistic));
  const missing = await cli('report', '--kind', 'drift', '--check', '99', '--out', recorded);
  assert.match(missing.stderr, /There is no drift check 99\./);
});

test('a bad --out is refused before any work, with a message that says what to do', async () => {
  const ext = await cli('report', '--model', MODEL, '--data', '1', '--out', path.join(out, 'report.docx'));
  assert.equal(ext.code, 1);
  assert.match(ext.stderr, /--out ".*report\.docx" must end in \.html \(a self-contained web page\) or \.pdf\./);
  const folder = path.join(out, 'no-such-folder', 'r.html');
  const missing = await cli('report', '--model', MODEL, '--data', '1', '--out', folder);
  assert.equal(missing.code, 1);
  assert.match(missing.stderr, /The folder .*no-such-folder for the report does not exist\. Create it first/);
  assert.doesNotMatch(missing.stderr, /Making the model report/);
  const noOut = await cli('report', '--model', MODEL, '--data', '1');
  assert.match(noOut.stderr, /needs --out FILE\.html or --out FILE\.pdf/);
  const noLimit = await cli('report', '--kind', 'risk', '--model', MODEL, '--data', '1', '--out', path.join(out, 'r.html'));
  assert.equal(noLimit.code, 1);
  assert.match(noLimit.stderr, /needs an alarm limit on a forecast column/);
  assert.equal(fs.existsSync(path.join(out, 'r.html')), false);
});
