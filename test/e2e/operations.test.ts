/**
 * End to end in browser mode: batch scoring and monitoring. A tiny forecaster trained by the CLI on
 * the demo fleet in the server's home and deployed; then in Chromium: score an uploaded file with
 * bad rows and a bad entity (both reported, the rest scored), and send requests through the service
 * on the Monitoring page, whose table and charts fill in. No console errors.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import { keepFailureEvidence, openBrowserSession, type BrowserSession } from '../helpers/browser-session';
import { projectRoot, tempDir, writeTemp } from '../helpers/fixtures';

const STEP = 120_000;
let session: BrowserSession;
keepFailureEvidence('operations', () => session);
let page: Page;
let badFile = '';

function cli(args: string[]): string {
  return execFileSync(process.execPath, [path.join(projectRoot(), 'bin', 'lstm-studio.js'), ...args, '--home', session.home], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/** Polls `check` (through Playwright, not page eval: the CSP forbids eval) until it holds. */
async function until(check: () => Promise<boolean>, timeout = 30_000): Promise<void> {
  const end = Date.now() + timeout;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`Timed out after ${timeout} ms waiting for the page.`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

before(async () => {
  session = await openBrowserSession('lstm-studio-e2e-ops-');
  page = session.page;
  const dir = tempDir();
  const fleet = path.join(dir, 'fleet.csv');
  cli(['demo', '--out', fleet]);
  cli(['train', '--data', fleet, '--task', 'forecast', '--target', 'temperature_c', '--features', 'temperature_c,vibration_mm_s', '--window', '12', '--epochs', '1', '--set', 'recurrent.units=[32]', '--name', 'pump']);
  cli(['models', 'deploy', 'pump@1', '--no-evaluate', '--force', '--reason', 'e2e: a one-epoch model']);
  const [head, ...rows] = fs.readFileSync(fleet, 'utf8').trim().split('\n');
  const week = rows.slice(0, 2000);
  week[50] = week[50].replace(/^([^,]*,[^,]*,)[^,]*/, '$1oops');
  week.push('2025-01-01T00:00:00Z,PUMP-77,50,1,4,50,30,1400,0');
  badFile = writeTemp(dir, 'new-week.csv', [head, ...week].join('\n') + '\n');
});

after(async () => {
  await session?.close();
});

test('batch scoring of an uploaded file reports its bad row and entity and scores the rest', { timeout: STEP }, async () => {
  await page.goto(session.appUrl);
  await page.getByTestId('nav-score').click();
  await page.getByTestId('scoring-page').waitFor();
  const model = page.getByTestId('analysis-model');
  await model.locator('option', { hasText: 'pump' }).first().waitFor({ state: 'attached' });
  await model.selectOption({ label: (await model.locator('option', { hasText: 'pump v1' }).first().textContent()) ?? '' });
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByTestId('scoring-file').click()]);
  await chooser.setFiles(badFile);
  await page.getByTestId('analysis-dataset').locator('option', { hasText: 'new-week' }).waitFor({ state: 'attached', timeout: 60_000 });
  await until(async () => ((await page.getByTestId('analysis-dataset').locator('option:checked').textContent()) ?? '').includes('new-week'));
  await page.getByTestId('analysis-run').click();
  await page.getByTestId('scoring-result').waitFor({ timeout: STEP });
  assert.equal((await page.getByTestId('scoring-skipped-rows').locator('.stat-value').textContent())?.trim(), '1');
  assert.equal((await page.getByTestId('scoring-skipped-entities').locator('.stat-value').textContent())?.trim(), '1');
  const skipped = (await page.getByTestId('scoring-skipped').textContent()) ?? '';
  assert.match(skipped, /Skipped line 52, column `temperature_c`: 'oops' is not a number/);
  assert.match(skipped, /Entity PUMP-77: 1 row, fewer than the model's window of 12/);
  assert.ok(Number(((await page.getByTestId('scoring-windows').locator('.stat-value').textContent()) ?? '').replace(/,/g, '')) > 1900);
  assert.equal(await page.getByTestId('scoring-preview').locator('tbody tr').count(), 20);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('scoring-download').click()]);
  const saved = path.join(tempDir(), 'scores.csv');
  await download.saveAs(saved);
  assert.match(fs.readFileSync(saved, 'utf8'), /^entity,time,yhat_1,reliability\nPUMP-01,/);
  await session.fullPageShot('e2e-scoring.png');
});

test('the Monitoring page sends requests through the service and charts them', { timeout: STEP }, async () => {
  await page.getByTestId('nav-monitoring').click();
  await page.getByTestId('monitoring-page').waitFor();
  await page.locator('[data-testid="monitoring-version"][data-key="pump:production"]').waitFor();
  await page.getByTestId('serving-dataset').selectOption({ label: 'new-week' });
  for (let i = 0; i < 3; i++) {
    await page.getByTestId('serving-send').click();
    await page.getByTestId('serving-answer').waitFor({ timeout: 60_000 });
    await until(async () => !(await page.getByTestId('serving-send').isDisabled()));
  }
  assert.match((await page.getByTestId('serving-answer').textContent()) ?? '', /^v1 answered in [\d.,]+ ms with 1 prediction: PUMP-01 yhat_1 [\d.]+$/);
  await until(async () => (await page.getByTestId('monitoring-requests').first().textContent()) === '3', 20_000);
  assert.match((await page.getByTestId('serving-served').textContent()) ?? '', /pump:production v1/);
  for (const c of ['requests', 'latency', 'memory']) await page.getByTestId(`monitoring-chart-${c}`).locator('.plot-container').waitFor({ timeout: 30_000 });
  await session.fullPageShot('e2e-monitoring.png');
});

test('no console errors or CSP violations happened', () => {
  assert.deepEqual(session.consoleErrors, []);
});
