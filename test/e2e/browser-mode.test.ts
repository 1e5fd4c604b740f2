/**
 * End to end in browser mode: the real `lstm-studio serve` process, Chromium driven by playwright-core.
 * Covers first launch (demo dataset), importing a NAB CSV through the UI, the dataset page with its
 * chart, the absence of console errors and CSP violations, and that the API refuses requests
 * without the launch token.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import { ARTIFACTS, keepFailureEvidence, openBrowserSession, type BrowserSession } from '../helpers/browser-session';
import { projectRoot } from '../helpers/fixtures';

const STEP_TIMEOUT = 120_000;
const nabCsv = path.resolve(projectRoot(), '..', 'shared', 'data', 'nab', 'machine_temperature_system_failure.csv');

let session: BrowserSession;
keepFailureEvidence('browser-mode', () => session);
let page: Page;
let appUrl = '';
let baseUrl = '';
let consoleErrors: string[] = [];
const fullPageShot = (file: string) => session.fullPageShot(file);

before(async () => {
  session = await openBrowserSession('lstm-studio-e2e-');
  ({ page, appUrl, baseUrl, consoleErrors } = session);
});

after(async () => {
  await session?.close();
});

test('first launch lists the demo dataset and hides the token', { timeout: STEP_TIMEOUT }, async () => {
  await page.goto(appUrl);
  await page.getByTestId('datasets-table').waitFor();
  const demo = page.locator('[data-testid="dataset-row"][data-name="Demo pump fleet"]');
  await demo.waitFor();
  assert.equal(await demo.count(), 1);
  assert.ok(!page.url().includes('token='), `the token should be removed from the address bar: ${page.url()}`);
  await page.getByTestId('status-mode').waitFor();
  assert.equal(await page.getByTestId('status-mode').textContent(), 'Browser mode');

  // The demo has several entities: the page shows an entity picker and the entities table.
  await demo.click();
  await page.getByTestId('dataset-page').waitFor();
  await page.locator('.js-plotly-plot .scatterlayer .trace path.js-line').first().waitFor({ timeout: 30_000 });
  await page.getByTestId('entity-picker').waitFor();
  await page.getByTestId('entities-table').waitFor();
  await fullPageShot('e2e-demo.png');

  // A reload keeps working: the token is in session storage and the cookie.
  await page.reload();
  await page.getByTestId('dataset-page').waitFor();
  await page.getByTestId('nav-datasets').click();
  await page.getByTestId('datasets-table').waitFor();
});

test('importing a NAB CSV through the UI opens its dataset page with a chart', { timeout: STEP_TIMEOUT }, async () => {
  assert.ok(fs.existsSync(nabCsv), `Test data missing: ${nabCsv}`);
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByTestId('import-button').click()]);
  await chooser.setFiles(nabCsv);

  const dialog = page.getByTestId('import-dialog');
  await dialog.waitFor();
  await dialog.getByTestId('import-sample').waitFor();
  assert.equal(await dialog.getByTestId('opt-name').inputValue(), 'machine_temperature_system_failure');
  assert.equal(await dialog.getByTestId('opt-timeColumn').inputValue(), 'timestamp');
  await page.screenshot({ path: path.join(ARTIFACTS, 'e2e-import-dialog.png') });

  await dialog.getByTestId('import-confirm').click();
  await page.getByTestId('dataset-page').waitFor({ timeout: 60_000 });
  assert.equal(await page.getByTestId('import-dialog').count(), 0, 'the dialog closes after a successful import');

  const rows = await page.getByTestId('summary-rows').locator('.stat-value').textContent();
  assert.equal(rows, '22,695');
  assert.match((await page.getByTestId('dataset-name').textContent()) ?? '', /machine_temperature_system_failure/);
  await page.getByTestId('profile-row-value').waitFor();

  const line = page.locator('.js-plotly-plot .scatterlayer .trace path.js-line').first();
  await line.waitFor({ timeout: 30_000 });
  const d = (await line.getAttribute('d')) ?? '';
  assert.ok(d.length > 1000, `the trace path should draw many points (d has ${d.length} characters)`);
  const caption = (await page.getByTestId('chart-caption').textContent()) ?? '';
  const shown = /Showing ([\d,]+) of 22,695 points \(downsampled\)/.exec(caption);
  assert.ok(shown, `caption: ${caption}`);
  const n = Number(shown[1].replace(/,/g, ''));
  assert.ok(n >= 1000 && n <= 2000, `the chart shows about 2,000 points (${n})`);
  await fullPageShot('e2e-dataset.png');

  // Zooming in re-requests the visible range in full detail.
  const box = await page.locator('.js-plotly-plot .nsewdrag').first().boundingBox();
  assert.ok(box, 'the plot area is visible');
  await page.mouse.move(box.x + box.width * 0.4, box.y + box.height * 0.5);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.45, box.y + box.height * 0.5, { steps: 5 });
  await page.mouse.up();
  // (No waitForFunction: a string predicate is eval'd in the page, which the CSP rightly blocks.)
  await page.getByTestId('chart-caption').filter({ hasText: 'zoomed range' }).waitFor({ timeout: 15_000 });
  const zoomed = (await page.getByTestId('chart-caption').textContent()) ?? '';
  const m = /Showing ([\d,]+) of ([\d,]+) points/.exec(zoomed);
  assert.ok(m, `caption after zoom: ${zoomed}`);
  const total = Number(m[2].replace(/,/g, ''));
  assert.ok(total > 0 && total < 22_695, `the zoomed range holds fewer points than the whole series: ${zoomed}`);
});

test('a file over the upload limit is refused before it is sent, with the limit and what to do', { timeout: STEP_TIMEOUT }, async () => {
  const settingsFile = path.join(session.home, 'settings.json');
  const settings = JSON.parse(fs.readFileSync(settingsFile, 'utf8'));
  fs.writeFileSync(settingsFile, JSON.stringify({ ...settings, uploadLimitBytes: 1000 }));
  try {
    await page.getByTestId('nav-datasets').click();
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByTestId('import-button').click()]);
    await chooser.setFiles(nabCsv);
    const banner = page.getByTestId('error-banner');
    await banner.waitFor();
    assert.match((await banner.textContent()) ?? '', /machine_temperature_system_failure\.csv is larger than the upload limit of 1000 B\. Import it with the command line/);
    assert.equal(await page.getByTestId('import-dialog').count(), 0);
    assert.deepEqual(fs.readdirSync(path.join(session.home, 'uploads')).length, 1, 'only the earlier upload is stored');
  } finally {
    fs.writeFileSync(settingsFile, JSON.stringify(settings));
  }
});

test('no console errors or CSP violations happened', () => {
  assert.deepEqual(consoleErrors, []);
});

test('requests without the token are refused', { timeout: STEP_TIMEOUT }, async () => {
  const op = await fetch(`${baseUrl}/api/op/datasets:list`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ req: null }),
  });
  assert.ok(op.status === 401 || op.status === 403, `POST /api/op/datasets:list without a token answered ${op.status}`);
  const index = await fetch(`${baseUrl}/`);
  assert.ok(index.status === 401 || index.status === 403, `GET / without a token answered ${index.status}`);
  const events = await fetch(`${baseUrl}/api/events`);
  assert.ok(events.status === 401 || events.status === 403, `GET /api/events without a token answered ${events.status}`);

  // The same operation with the token works, so the refusals above are about the token.
  const token = new URL(appUrl).searchParams.get('token') ?? '';
  const ok = await fetch(`${baseUrl}/api/op/datasets:list`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Studio-Token': token },
    body: JSON.stringify({ req: null }),
  });
  assert.equal(ok.status, 200);
  const body = (await ok.json()) as { ok: boolean; value: { name: string }[] };
  assert.equal(body.ok, true);
  assert.ok(body.value.some((d) => d.name === 'machine_temperature_system_failure'));
});
