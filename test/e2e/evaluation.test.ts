/**
 * End to end in browser mode: the analysis pages for a trained model. The real `lstm-studio serve`
 * process on a fresh home (with its demo pump fleet) and Chromium driven by playwright-core: a tiny
 * forecaster is trained through the HTTP API, then the Evaluation page runs its report (metrics
 * table against the baselines, charts), the Forecast page draws history, forecast and band, Fleet
 * risk ranks the pumps (sortable, exported as CSV), Explain draws its charts and can be cancelled.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import type { OperationName, Req, Res } from '../../shared/api';
import { ARTIFACTS, callApi, keepFailureEvidence, openBrowserSession, type BrowserSession } from '../helpers/browser-session';

const STEP_TIMEOUT = 120_000;
const TRACES = '.js-plotly-plot .scatterlayer .trace';
const MODEL = 'e2e-pumps@1';

let session: BrowserSession;
keepFailureEvidence('evaluation', () => session);
let page: Page;
let runId = '';

/** Calls one operation of the server's HTTP API. */
function call<K extends OperationName>(op: K, req: Req<K>): Promise<Res<K>> {
  return callApi(session, op, req);
}

/** Number of drawn traces in a chart by its test id. */
function traceCount(testId: string): Promise<number> {
  return page.getByTestId(testId).locator(TRACES).count();
}

/** Waits until the analysis page has resolved the test's model in its picker. */
async function modelChosen(): Promise<void> {
  await page.locator(`[data-testid="analysis-model"] option:checked[value="${MODEL}"]`).waitFor({ state: 'attached' });
}

/** Clicks Run on the current analysis page and waits for its result. */
async function runAndWait(resultTestId: string): Promise<void> {
  await page.getByTestId('analysis-run').click();
  await page.getByTestId(resultTestId).waitFor({ timeout: STEP_TIMEOUT });
  await page.getByTestId('analysis-run').waitFor({ timeout: STEP_TIMEOUT });
}

before(async () => {
  session = await openBrowserSession('lstm-studio-e2e-eval-');
  page = session.page;
  // A tiny forecaster of two pump sensors: one LSTM of 32 over 12 hours, 4 hours ahead, 2 epochs.
  const fleet = (await call('datasets:list', undefined as never)).find((d) => d.name === 'Demo pump fleet');
  assert.ok(fleet, 'the demo fleet is seeded on first launch');
  const result = await call('training:start', {
    runId: 'e2e-eval-run',
    datasetId: fleet.id,
    name: 'e2e-pumps',
    config: {
      task: 'forecast',
      input: { targets: ['temperature_c'], features: ['temperature_c', 'vibration_mm_s'], window: 12, horizon: 4, stride: 4 },
      recurrent: { units: [32] },
      training: { epochs: 2, batchSize: 256 },
    },
  });
  assert.equal(result.model?.version, 1);
  runId = result.run.id;
});

after(async () => {
  await session?.close();
});

test('the run page links to its evaluation, which opens on the model and its training data', { timeout: STEP_TIMEOUT }, async () => {
  await page.goto(`${session.appUrl}#/runs/${runId}`);
  await page.getByTestId('run-evaluate').click();
  await page.getByTestId('evaluation-page').waitFor();
  assert.match(new URL(page.url()).hash, /^#\/evaluate\?model=e2e-pumps%401&data=\d+$/);
  await modelChosen();
  assert.match((await page.getByTestId('analysis-dataset').locator('option:checked').textContent()) ?? '', /Demo pump fleet \(training data: test split\)/);
});

test('evaluation: summary, metrics against every baseline, error per step, backtest, coverage', { timeout: STEP_TIMEOUT }, async () => {
  await runAndWait('evaluation-report');
  const summary = (await page.getByTestId('eval-summary').textContent()) ?? '';
  assert.match(summary, /Evaluated on [\d,]+ windows from 8 entities: the held-out test split of Demo pump fleet/);
  assert.match(summary, /best baseline/);

  const table = page.getByTestId('metrics-table');
  for (const key of ['model', 'last', 'seasonal', 'moving', 'linear']) await table.getByTestId(`metrics-row-${key}`).waitFor();
  assert.deepEqual(
    (await table.locator('thead th').allTextContents()).map((t) => t.trim()),
    ['Forecaster', 'MAE', 'RMSE', 'MAPE', 'sMAPE', 'MASE', 'R²', 'Within 5%'],
  );
  const improvement = (await page.getByTestId('improvement').textContent()) ?? '';
  assert.match(improvement, /^\d+\.\d% (lower|higher)/);
  assert.match(improvement, /MAE than the best baseline, (Last value|Seasonal naive|Moving average|Linear \(window\))/);
  assert.ok(Number(((await table.getByTestId('metrics-row-model').locator('td').nth(1).textContent()) ?? '').replace(/,/g, '')) > 0, 'the model MAE is a number');

  await page.getByTestId('step-error-chart').locator(TRACES).first().waitFor();
  assert.equal(await traceCount('step-error-chart'), 5, 'model and four baselines per step');
  await page.getByTestId('backtest-chart').locator(TRACES).first().waitFor();
  assert.ok((await traceCount('backtest-chart')) >= 3, 'actual, interval and forecasts');
  assert.equal(await page.getByTestId('backtest-chart').locator('.xtitle').textContent(), 'timestamp (UTC)');
  assert.ok((await page.getByTestId('coverage-chart').locator('.barlayer .point').count()) === 4, 'coverage bar per horizon step');
  assert.match((await page.getByTestId('coverage-measured').textContent()) ?? '', /^\d+(\.\d)?%$/);
  const counts = await Promise.all(['ok', 'caution', 'unreliable'].map(async (f) => Number(((await page.getByTestId(`reliability-count-${f}`).locator('.mono').textContent()) ?? '').replace(/,/g, ''))));
  assert.match(summary, new RegExp(`Evaluated on ${counts.reduce((a, b) => a + b, 0).toLocaleString('en-US')} windows`), 'every window has a reliability flag');
  await session.fullPageShot('e2e-evaluation.png');

  // Another pump and stride: the backtest is redrawn for it.
  const entity = page.getByTestId('backtest-entity');
  const other = (await entity.locator('option').allTextContents())[2];
  await entity.selectOption(other);
  await page.getByTestId('backtest-stride').fill('8');
  await page.getByTestId('backtest-update').click();
  await page.locator(`[data-testid="backtest"][data-entity="${other}"][data-stride="8"]`).waitFor({ timeout: STEP_TIMEOUT });
});

test('export report: the Evaluation page downloads an HTML and a PDF report, and its tables as CSV and JSON', { timeout: STEP_TIMEOUT }, async () => {
  await page.getByTestId('export-report-button').click();
  await page.getByTestId('export-popover').waitFor();
  await page.getByTestId('export-csv-metrics').waitFor();
  const [html] = await Promise.all([page.waitForEvent('download', { timeout: STEP_TIMEOUT }), page.getByTestId('export-html').click()]);
  assert.match(html.suggestedFilename(), /^model-e2e-pumps-v1-Demo_pump_fleet-\d{8}-\d{6}\.html$/);
  const htmlFile = path.join(ARTIFACTS, 'e2e-report.html');
  await html.saveAs(htmlFile);
  const text = fs.readFileSync(htmlFile, 'utf8');
  assert.match(text, /^<!doctype html>/);
  assert.match(text, /<h1>e2e-pumps v1 on Demo pump fleet<\/h1>/);
  for (const id of ['metrics', 'per-step', 'coverage', 'training', 'environment']) assert.ok(text.includes(`data-table="${id}"`), `the report has the ${id} table`);
  await page.getByTestId('export-done').waitFor();
  await session.fullPageShot('e2e-export-report.png');

  // The route serves only with the token (the page's cookie carried it above).
  const bare = await fetch(`${session.baseUrl}/api/reports/${encodeURIComponent(html.suggestedFilename())}`);
  assert.equal(bare.status, 401);

  const [pdf] = await Promise.all([page.waitForEvent('download', { timeout: STEP_TIMEOUT }), page.getByTestId('export-pdf').click()]);
  assert.match(pdf.suggestedFilename(), /\.pdf$/);
  const pdfFile = path.join(ARTIFACTS, 'e2e-report.pdf');
  await pdf.saveAs(pdfFile);
  assert.equal(fs.readFileSync(pdfFile).subarray(0, 5).toString(), '%PDF-');

  const [csv] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv-metrics').click()]);
  assert.equal(csv.suggestedFilename(), 'e2e-pumps-v1-metrics.csv');
  const csvFile = path.join(ARTIFACTS, 'e2e-metrics.csv');
  await csv.saveAs(csvFile);
  assert.equal(fs.readFileSync(csvFile, 'utf8').split('\n')[0], 'forecaster,detail,mae,rmse,mape,smape,mase,r2,within5pct');
  const [json] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-json-per-step').click()]);
  const jsonFile = path.join(ARTIFACTS, 'e2e-per-step.json');
  await json.saveAs(jsonFile);
  assert.equal(JSON.parse(fs.readFileSync(jsonFile, 'utf8')).rows.length, 4, 'one row per forecast step');
  await page.keyboard.press('Escape');
  await page.getByTestId('export-popover').waitFor({ state: 'detached' });
});

test('forecast: history, forecast and band for a chosen pump, steps table, reliability flag', { timeout: STEP_TIMEOUT }, async () => {
  await page.getByTestId('link-forecast').click();
  await page.getByTestId('forecast-page').waitFor();
  await modelChosen();
  await page.getByTestId('forecast-entity').selectOption('PUMP-03');
  await page.getByTestId('forecast-horizon').fill('3');
  await runAndWait('forecast-result');
  const chart = page.getByTestId('forecast-chart');
  await chart.locator(TRACES).first().waitFor();
  assert.equal(await chart.locator(`${TRACES} path.js-fill`).count(), 1, 'the interval band is one filled area');
  assert.ok((await chart.locator(`${TRACES} path.js-line`).count()) >= 2, 'history and forecast lines');
  // The result of this run (not one shown before it) names the entity and horizon.
  await page.getByTestId('forecast-result').locator('.card-title', { hasText: 'PUMP-03: next 3 steps' }).first().waitFor({ timeout: STEP_TIMEOUT });
  assert.equal(await page.getByTestId('forecast-row').count(), 3);
  assert.match((await page.getByTestId('reliability-badge').getAttribute('data-flag')) ?? '', /^(ok|caution|unreliable)$/);
  await session.fullPageShot('e2e-forecast.png');
});

test('fleet risk: alarm limit, ranked table sortable by entity, CSV export', { timeout: STEP_TIMEOUT }, async () => {
  await page.getByTestId('link-risk').click();
  await page.getByTestId('risk-page').waitFor();
  await modelChosen();
  await page.getByTestId('risk-limit').waitFor();
  await page.getByTestId('risk-limit-value').fill('60');
  await runAndWait('risk-result');
  const rows = page.getByTestId('risk-row');
  assert.equal(await rows.count(), 8, 'one row per pump');
  const scores = (await page.getByTestId('risk-table').locator('.risk-score .mono').allTextContents()).map(Number);
  assert.deepEqual(scores, [...scores].sort((a, b) => b - a), 'ranked from the highest risk down');
  await page.getByTestId('risk-sort-entity').click();
  const entities = await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-entity')));
  assert.deepEqual(entities, ['PUMP-01', 'PUMP-02', 'PUMP-03', 'PUMP-04', 'PUMP-05', 'PUMP-06', 'PUMP-07', 'PUMP-08']);
  await page.getByTestId('risk-sort-entity').click();
  assert.equal(await rows.first().getAttribute('data-entity'), 'PUMP-08', 'a second click reverses');

  // Pumps degrading past anything seen in training are flagged, with the reasons on hover.
  const flagged = page.getByTestId('risk-table').locator('[data-testid="reliability-badge"][data-flag="unreliable"]');
  assert.ok((await flagged.count()) > 0, 'the failing pumps have inputs outside the training data');
  assert.match((await flagged.first().getAttribute('title')) ?? '', /outside the training range|standard deviations from the training mean/);

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('risk-export').click()]);
  const file = path.join(ARTIFACTS, 'e2e-risk.csv');
  await download.saveAs(file);
  const lines = fs.readFileSync(file, 'utf8').trim().split('\n');
  assert.equal(lines[0], 'rank,entity,score,level,steps_to_failure,steps_lower,steps_upper,expected_at,driver,action,reliability,last_time');
  assert.equal(lines.length, 9);
  assert.match(lines[1], /^1,PUMP-0\d,\d+,(low|medium|high),/);
  await session.fullPageShot('e2e-risk.png');
});

test('explain: saliency and permutation importance; a long explanation can be cancelled', { timeout: STEP_TIMEOUT }, async () => {
  await page.getByTestId('link-explain').click();
  await page.getByTestId('explain-page').waitFor();
  await modelChosen();
  await page.getByTestId('explain-repeats').fill('2');
  await runAndWait('explain-result');
  await page.getByTestId('importance-chart').locator('.barlayer .point').first().waitFor();
  assert.equal(await page.getByTestId('importance-chart').locator('.barlayer .point').count(), 2, 'one bar per input feature');
  assert.equal(await page.getByTestId('saliency-chart').locator('.barlayer .point').count(), 12, 'one bar per input step');
  assert.equal(await page.getByTestId('attention-chart').count(), 0, 'no attention chart without an attention layer');
  await session.fullPageShot('e2e-explain.png');

  await page.getByTestId('explain-repeats').fill('50');
  await page.getByTestId('analysis-run').click();
  await page.getByTestId('analysis-progress').waitFor();
  await page.getByTestId('analysis-cancel').click();
  await page.getByTestId('analysis-cancelled').waitFor({ timeout: STEP_TIMEOUT });
  assert.equal(await page.getByTestId('explain-result').count(), 1, 'the previous explanation stays on screen');
});

test('no console errors or CSP violations happened', () => {
  // The cancelled explanation answers 409 (cancelled), as it should; nothing else may fail.
  const unexpected = session.consoleErrors.filter((e) => !/409 for POST .*\/api\/op\/explain:run|status of 409 \(Conflict\)/.test(e));
  assert.deepEqual(unexpected, []);
});
