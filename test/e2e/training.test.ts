/**
 * End to end in browser mode: training a model from the UI. The real `lstm-studio serve` process and
 * Chromium driven by playwright-core: open the demo dataset, configure a small forecaster (inline
 * validation, the YAML editor in sync with the form, the estimate), train it while the loss chart
 * fills, see the saved model, then compare runs and open the run's details. No console errors.
 */
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import { ARTIFACTS, keepFailureEvidence, openBrowserSession, type BrowserSession } from '../helpers/browser-session';

const STEP_TIMEOUT = 120_000;
const TRAIN_TIMEOUT = 240_000;
const TRACE_PATH = '.js-plotly-plot .scatterlayer .trace path.js-line';

let session: BrowserSession;
keepFailureEvidence('training', () => session);
let page: Page;
let appUrl = '';
let consoleErrors: string[] = [];
const fullPageShot = (file: string) => session.fullPageShot(file);

/** Types into a config field of the form by its dotted path. */
async function setField(fieldPath: string, value: string): Promise<void> {
  await page.getByTestId(`cfg-${fieldPath.replace(/\./g, '-')}-input`).fill(value);
}

/** Ticks or unticks a column chip inside a container (target or feature picker). */
async function setChip(container: string, column: string, checked: boolean): Promise<void> {
  const box = page.getByTestId(container).locator('label.chip', { hasText: new RegExp(`^${column}$`) }).locator('input');
  if ((await box.isChecked()) !== checked) await box.click();
}

/**
 * The value of a form input once it shows `expected` (or after 10 s): text inputs follow the config in
 * an effect that runs after the click's render, so a loaded machine may read them a moment early.
 */
async function settledValue(testId: string, expected: string): Promise<string> {
  const input = page.getByTestId(testId);
  await page
    .waitForFunction(`document.querySelector('[data-testid="${testId}"]')?.value === ${JSON.stringify(expected)}`, undefined, { timeout: 10_000 })
    .catch(() => {});
  return input.inputValue();
}

/** The verdict against the best baseline: a sentence with both MAEs, and what to try next when the model loses. */
async function assertBaselineVerdict(note: Locator): Promise<void> {
  const sentence = (await note.getByTestId('baseline-verdict').textContent()) ?? '';
  assert.match(sentence, /^This model is [\d.]+% (better than .+, the best baseline,|worse than .+) on validation \(MAE [\d.]+ against [\d.]+\)/);
  const beats = (await note.getAttribute('data-beats')) === 'true';
  assert.equal(/worse/.test(sentence), !beats);
  assert.equal(await note.getByTestId('baseline-advice').count(), beats ? 0 : 1);
  if (!beats) assert.match(sentence, /do not use it for decisions/);
}

before(async () => {
  session = await openBrowserSession('lstm-studio-e2e-train-');
  ({ page, appUrl, consoleErrors } = session);
});

after(async () => {
  await session?.close();
});

test('the status bar names the engine backend', { timeout: STEP_TIMEOUT }, async () => {
  await page.goto(appUrl);
  const engine = page.getByTestId('status-engine');
  await engine.filter({ hasText: /Engine: (tensorflow|wasm|cpu)/ }).waitFor({ timeout: 60_000 });
});

test('configuring a forecaster: presets, inline validation, YAML in sync, estimate', { timeout: STEP_TIMEOUT }, async () => {
  await page.locator('[data-testid="dataset-row"][data-name="Demo pump fleet"]').click();
  await page.getByTestId('dataset-page').waitFor();
  await page.getByTestId('train-dataset-button').click();
  await page.getByTestId('configure-page').waitFor();
  await page.getByTestId('configure-model').waitFor();

  await page.getByTestId('cfg-task-forecast').click();
  await setChip('cfg-targets', 'temperature_c', true);
  for (const other of ['vibration_mm_s', 'pressure_bar', 'flow_m3h', 'motor_current_a', 'rpm', 'failure']) await setChip('cfg-targets', other, false);
  await page.getByTestId('cfg-features-choose').click();
  for (const drop of ['flow_m3h', 'motor_current_a', 'rpm', 'failure']) await setChip('cfg-features', drop, false);

  await page.getByTestId('preset-lightweight').click();
  assert.equal(await page.getByTestId('preset-lightweight').getAttribute('aria-checked'), 'true');
  assert.equal(await settledValue('cfg-recurrent-units-input', '32'), '32', 'the preset fills the form');

  // An invalid window is named next to its field and blocks training.
  await setField('input.window', '1');
  await page.getByTestId('cfg-input-window').getByTestId('field-error').waitFor();
  assert.match((await page.getByTestId('cfg-input-window').getByTestId('field-error').textContent()) ?? '', /from 2 to 1024/);
  assert.equal(await page.getByTestId('train-button').isDisabled(), true, 'Train is disabled while a field is invalid');

  // Conv blocks are typed on one line; a wrong block is named next to the field, and emptying it removes them.
  await setField('conv.blocks', '16x3, 16x3 p99');
  await page.getByTestId('cfg-conv-blocks').getByTestId('field-error').waitFor();
  assert.match((await page.getByTestId('cfg-conv-blocks').getByTestId('field-error').textContent()) ?? '', /pool: 99 is not allowed: use a whole number from 1 to 16/);
  await setField('conv.blocks', '');
  assert.equal(await page.getByTestId('cfg-conv-blocks').getByTestId('field-error').count(), 0);
  assert.equal(await page.getByTestId('cfg-fcn-blocks-input').inputValue(), '128x8, 256x5, 128x3', 'the LSTM-FCN branch blocks by default');

  await setField('input.window', '12');
  await setField('input.horizon', '1');
  await setField('training.epochs', '2');
  await setField('training.batchSize', '128');
  assert.equal(await page.getByTestId('cfg-input-window').getByTestId('field-error').count(), 0);

  // The YAML editor shows the form's values, and edits there flow back into the form.
  await page.getByTestId('cfg-text-toggle').click();
  const text = page.getByTestId('cfg-text');
  const yaml = await text.inputValue();
  assert.match(yaml, /epochs: 2\n/);
  assert.match(yaml, /- temperature_c\n/);
  await text.fill(yaml.replace(/stride: 1\n/, 'stride: 4\n'));
  assert.equal(await settledValue('cfg-input-stride-input', '4'), '4');
  await text.fill(`${yaml}\n  oops: [`);
  await page.getByTestId('cfg-text-error').waitFor();
  assert.equal(await page.getByTestId('train-button').isDisabled(), true, 'Train is disabled while the YAML does not parse');
  await text.fill(yaml.replace(/stride: 1\n/, 'stride: 4\n'));
  assert.equal(await page.getByTestId('cfg-text-error').count(), 0);

  await page.getByTestId('estimate-parameters').waitFor({ timeout: 90_000 });
  const params = Number(((await page.getByTestId('estimate-parameters').textContent()) ?? '').replace(/,/g, ''));
  assert.ok(params > 1000, `the estimate counts the parameters (${params})`);
  assert.match((await page.getByTestId('estimate-backend').textContent()) ?? '', /^(tensorflow|wasm|cpu)$/);

  // The split is drawn on the data: the target line with train, validation and test shaded behind it.
  const split = page.getByTestId('split-chart');
  await split.waitFor({ timeout: 30_000 });
  assert.equal(await split.getAttribute('data-mode'), 'chronological');
  await split.locator(TRACE_PATH).first().waitFor({ timeout: 30_000 });
  await split.locator('.shapelayer path').nth(2).waitFor({ state: 'attached', timeout: 30_000 });
  assert.equal(await split.locator('.shapelayer path').count(), 3, 'three shaded regions: train, validation, test');
  assert.match((await split.getByTestId('split-legend').textContent()) ?? '', /train \d+%.*windows.*validation \d+%.*test \d+%/);
  assert.ok((await split.getByTestId('split-entity').locator('option').count()) > 1, 'an entity picker for the fleet');
  await split.scrollIntoViewIfNeeded();
  await split.screenshot({ path: path.join(ARTIFACTS, 'e2e-split.png') });
  await fullPageShot('e2e-configure.png');
});

test('training shows live progress and loss, then the saved model', { timeout: TRAIN_TIMEOUT }, async () => {
  await page.getByTestId('train-button').click();
  await page.getByTestId('train-page').waitFor();
  await page.getByTestId('train-progress').waitFor();
  // The loss chart gains a line as batches finish.
  await page.getByTestId('loss-chart').locator(TRACE_PATH).first().waitFor({ timeout: 120_000 });
  const d = (await page.getByTestId('loss-chart').locator(TRACE_PATH).first().getAttribute('d')) ?? '';
  assert.ok(d.length > 10, 'the loss trace draws points');

  const result = page.getByTestId('train-result');
  await result.waitFor({ timeout: TRAIN_TIMEOUT - 30_000 });
  assert.equal(await result.getAttribute('data-status'), 'completed', await result.textContent() ?? '');
  const model = (await page.getByTestId('result-model').textContent()) ?? '';
  assert.match(model, /Demo pump fleet-forecast\s*v1/);
  assert.match((await page.getByTestId('result-epochs').textContent()) ?? '', /^2 of 2/);
  assert.ok((await result.getByTestId('run-metrics').textContent())?.includes('mae'), 'validation metrics are shown');
  await assertBaselineVerdict(result.getByTestId('baseline-note'));
  // Two finished epochs: each epoch trace has its points (markers) on the chart.
  assert.ok((await page.getByTestId('loss-chart').locator('.scatterlayer .trace .points path').count()) >= 4);
  await fullPageShot('e2e-training.png');
});

test('the run history lists the run, compares curves and opens its details', { timeout: STEP_TIMEOUT }, async () => {
  await page.getByTestId('nav-runs').click();
  await page.getByTestId('runs-table').waitFor();
  const row = page.getByTestId('run-row').first();
  assert.match((await row.textContent()) ?? '', /Demo pump fleet.*forecast.*lightweight.*Completed/);
  await row.getByTestId('run-compare').check();
  await page.getByTestId('compare-chart').locator(TRACE_PATH).first().waitFor({ timeout: 30_000 });
  await fullPageShot('e2e-runs.png');

  await row.click();
  await page.getByTestId('run-page').waitFor();
  const yaml = (await page.getByTestId('run-config-yaml').textContent()) ?? '';
  assert.match(yaml, /task: forecast/);
  assert.match(yaml, /window: 12/);
  await page.getByTestId('split-train').waitFor();
  await page.getByTestId('run-loss-chart').locator(TRACE_PATH).first().waitFor({ timeout: 30_000 });
  // The run page says how the model fares against the best baseline on validation, in a sentence.
  await assertBaselineVerdict(page.getByTestId('run-page').getByTestId('baseline-note'));
  await fullPageShot('e2e-run-detail.png');
});

test('no console errors or CSP violations happened', () => {
  assert.deepEqual(consoleErrors, []);
});
