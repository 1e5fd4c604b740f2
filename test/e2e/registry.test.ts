/**
 * End to end in browser mode: the model registry and drift through the UI. The real `lstm-studio
 * serve` process on a fresh home and Chromium driven by playwright-core. Two versions of one model
 * are trained quickly on the NAB ambient temperature file through the HTTP API (v1 beats the last
 * value, v2 does not); then the Models page deploys v1 to production, deploys v2 only with an
 * override and a reason after its gates fail, rolls back, and the alias history keeps both moves
 * with their reasons across a reload. Also: delete refused for the version in production, compare,
 * export and import of a model file, and the Drift page on a shifted copy of the data.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import type { OperationName, Req, Res } from '../../shared/api';
import type { PartialVariant } from '../../shared/model/variant';
import { ARTIFACTS, callApi, keepFailureEvidence, openBrowserSession, uploadFile, type BrowserSession } from '../helpers/browser-session';
import { dataFile, tempDir, writeTemp } from '../helpers/fixtures';

const STEP_TIMEOUT = 120_000;
const AMBIENT = dataFile('nab', 'ambient_temperature_system_failure.csv');
/** One LSTM of 32 over a day, 6 hours ahead: it beats repeating the last value within 2 epochs. */
const GOOD: PartialVariant = { task: 'forecast', input: { targets: ['value'], window: 24, horizon: 6 }, recurrent: { units: [32] }, training: { epochs: 2, batchSize: 128 } };
/** The same predicting raw values for one epoch: it loses to the last value, so its baseline gate fails. */
const BAD: PartialVariant = { ...GOOD, scaling: { predictDelta: false }, training: { epochs: 1, batchSize: 128 } };

let session: BrowserSession;
keepFailureEvidence('registry', () => session);
let page: Page;

/** Calls one operation of the server's HTTP API. */
function call<K extends OperationName>(op: K, req: Req<K>): Promise<Res<K>> {
  return callApi(session, op, req);
}

/** The version the production alias card shows (null when nothing is deployed). */
async function productionVersion(): Promise<string | null> {
  return page.locator('[data-testid="alias-card"][data-alias="production"]').getAttribute('data-version');
}

/** The alias history rows as [action, move, reason] (newest first), once there are `count` of them. */
async function historyRows(testId = 'alias-history', count?: number): Promise<string[][]> {
  const rows = page.getByTestId(testId).getByTestId('alias-event');
  if (count !== undefined) await rows.nth(count - 1).waitFor({ timeout: STEP_TIMEOUT });
  return rows.evaluateAll((trs) =>
    trs.map((tr) => {
      const cells = tr.querySelectorAll('td');
      return [tr.getAttribute('data-action') ?? '', (cells[2]?.textContent ?? '').replace(/\s+/g, ' ').trim(), (cells[3]?.textContent ?? '').trim()];
    }),
  );
}

/** Opens the deploy dialog of a version from the versions table and waits for its gates. */
async function openDeploy(version: number): Promise<void> {
  await page.locator(`[data-testid="version-row"][data-version="${version}"] [data-testid="version-deploy"]`).click();
  await page.getByTestId('deploy-dialog').waitFor();
  await page.getByTestId('gate-verdict').waitFor({ timeout: STEP_TIMEOUT });
}

before(async () => {
  session = await openBrowserSession('lstm-studio-e2e-registry-');
  page = session.page;
  const dataset = await call('datasets:import', { jobId: 'e2e-reg-import', path: await uploadFile(session, AMBIENT) });
  for (const [i, config] of [GOOD, BAD].entries()) {
    const r = await call('training:start', { runId: `e2e-reg-${i + 1}`, datasetId: dataset.summary.id, config, name: 'amb' });
    assert.equal(r.model?.version, i + 1);
  }
  // These tiny models beat the last value but not the linear window baseline on this series (see the
  // integration test): the deploy flows below are checked against the naive baseline.
  await call('models:setPolicy', { name: 'amb', policy: { baselineGate: 'naive' } });
});

after(async () => {
  await session?.close();
});

test('the registry lists the model with its versions; the sidebar opens it', { timeout: STEP_TIMEOUT }, async () => {
  await page.goto(session.appUrl);
  await page.getByTestId('nav-models').click();
  const row = page.locator('[data-testid="registry-row"][data-model="amb"]');
  await row.waitFor();
  assert.match((await row.textContent()) ?? '', /amb\s*forecast\s*2\s*not deployed\s*v2/);
  await row.click();
  assert.equal(new URL(page.url()).hash, '#/models/amb');
  assert.equal(await page.getByTestId('version-row').count(), 2);
  assert.equal(await productionVersion(), null);
  await page.getByTestId('alias-history-empty').waitFor();
});

test('deploy v1 to production through the UI: every gate is listed and passes', { timeout: STEP_TIMEOUT }, async () => {
  await openDeploy(1);
  const gates = page.getByTestId('deploy-dialog').getByTestId('gate');
  assert.deepEqual(await gates.evaluateAll((els) => els.map((e) => e.getAttribute('data-gate'))), ['baseline', 'thresholds', 'in-service', 'compatibility', 'freshness']);
  assert.equal(await page.getByTestId('gate-verdict').textContent(), 'All gates pass');
  assert.equal(await page.locator('[data-testid="gate"][data-gate="baseline"]').getAttribute('data-status'), 'pass');
  assert.match((await page.locator('[data-gate="baseline"]').textContent()) ?? '', /mae [\d.]+ against [\d.]+ for repeating the last value/);
  // A dataset to check against turns the compatibility gate on.
  await page.getByTestId('deploy-dataset').selectOption({ label: 'ambient_temperature_system_failure' });
  await page.locator('[data-testid="gate"][data-gate="compatibility"][data-status="pass"]').waitFor({ timeout: STEP_TIMEOUT });
  assert.equal(await page.getByTestId('deploy-override').count(), 0, 'no override is offered when the gates pass');
  await page.getByTestId('deploy-reason').fill('first release');
  await page.getByTestId('deploy-confirm').click();
  await page.getByTestId('deploy-dialog').waitFor({ state: 'detached', timeout: STEP_TIMEOUT });
  await page.locator('[data-testid="alias-card"][data-alias="production"][data-version="1"]').waitFor();
  assert.match((await page.getByTestId('models-notice').textContent()) ?? '', /amb v1 is now production\./);
  assert.deepEqual(await historyRows('alias-history', 1), [['deploy', 'Deploy — → v1', 'first release']]);
});

test('deploying v2 is blocked by its failed gates until overridden with a reason', { timeout: STEP_TIMEOUT }, async () => {
  await openDeploy(2);
  assert.equal(await page.getByTestId('gate-verdict').textContent(), 'A gate failed');
  assert.equal(await page.locator('[data-testid="gate"][data-gate="baseline"]').getAttribute('data-status'), 'fail');
  assert.equal(await page.locator('[data-testid="gate"][data-gate="in-service"]').getAttribute('data-status'), 'fail', 'worse than v1 in service');
  assert.match((await page.getByTestId('deploy-in-service').textContent()) ?? '', /Now: v1/);
  assert.equal(await page.getByTestId('gate-basis').textContent(), 'on the validation split metrics');
  // Measured on the held-out test split instead (both versions evaluated first, a job), the gates still fail.
  await page.getByTestId('deploy-on-test').check();
  await page.locator('[data-testid="gate-basis"]', { hasText: 'on the test split metrics' }).waitFor({ timeout: STEP_TIMEOUT });
  assert.equal(await page.locator('[data-testid="gate"][data-gate="baseline"]').getAttribute('data-status'), 'fail');
  assert.match((await page.locator('[data-gate="in-service"]').textContent()) ?? '', /test split/);
  const confirm = page.getByTestId('deploy-confirm');
  assert.equal(await confirm.isDisabled(), true, 'a failed gate blocks the deploy');
  await page.getByTestId('deploy-override-check').check();
  assert.equal(await confirm.isDisabled(), true, 'an override needs a reason');
  await page.getByTestId('deploy-reason').fill('trying raw values');
  assert.equal(await confirm.isDisabled(), false);
  assert.equal(await confirm.textContent(), 'Deploy with override');
  await session.fullPageShot('e2e-registry-deploy-override.png');
  await confirm.click();
  await page.getByTestId('deploy-dialog').waitFor({ state: 'detached', timeout: STEP_TIMEOUT });
  await page.locator('[data-testid="alias-card"][data-alias="production"][data-version="2"]').waitFor();
  assert.match((await page.getByTestId('models-notice').textContent()) ?? '', /amb v2 is now production \(was v1\); the override of the failed gates is recorded/);
  const rows = await historyRows('alias-history', 2);
  assert.deepEqual(rows[0], ['deploy', 'Deploy v1 → v2override', 'trying raw values']);
  assert.equal(await page.getByTestId('alias-event-forced').count(), 1);
  // The recorded gates of the forced deploy show on its row.
  await page.getByTestId('alias-event').first().click();
  await page.locator('.event-detail [data-gate="baseline"][data-status="fail"]').waitFor();
});

test('roll back through the UI: production returns to v1 and the move is recorded', { timeout: STEP_TIMEOUT }, async () => {
  await page.locator('[data-testid="alias-card"][data-alias="production"] [data-testid="alias-rollback"]').click();
  await page.getByTestId('rollback-dialog').waitFor();
  assert.equal((await page.getByTestId('rollback-move').textContent())?.replace(/\s+/g, ' '), 'production: v2 → v1');
  await page.getByTestId('rollback-reason').fill('v2 misses the peaks');
  await page.getByTestId('rollback-confirm').click();
  await page.getByTestId('rollback-dialog').waitFor({ state: 'detached', timeout: STEP_TIMEOUT });
  await page.locator('[data-testid="alias-card"][data-alias="production"][data-version="1"]').waitFor();
  assert.deepEqual(await historyRows('alias-history', 3), [
    ['rollback', 'Rollback v2 → v1', 'v2 misses the peaks'],
    ['deploy', 'Deploy v1 → v2override', 'trying raw values'],
    ['deploy', 'Deploy — → v1', 'first release'],
  ]);
  await session.fullPageShot('e2e-registry-model.png');
});

test('the aliases and their history survive reloading the page', { timeout: STEP_TIMEOUT }, async () => {
  await page.reload();
  await page.getByTestId('models-page').waitFor();
  await page.locator('[data-testid="alias-card"][data-alias="production"][data-version="1"]').waitFor();
  await page.getByTestId('alias-event').first().waitFor();
  assert.equal((await historyRows('alias-history', 3)).length, 3);
  assert.deepEqual(
    (await call('models:history', { name: 'amb' })).map((e) => [e.action, e.fromVersion, e.toVersion, e.forced, e.reason]),
    [
      ['deploy', null, 1, false, 'first release'],
      ['deploy', 1, 2, true, 'trying raw values'],
      ['rollback', 2, 1, false, 'v2 misses the peaks'],
    ],
  );
  assert.equal((await call('models:get', { ref: 'amb:production' })).version, 1);
});

test('a version page: lineage, curves, tags and notes, and the moves of that version', { timeout: STEP_TIMEOUT }, async () => {
  await page.locator('[data-testid="version-row"][data-version="2"]').click();
  await page.getByTestId('version-page').waitFor();
  assert.equal(new URL(page.url()).hash, '#/models/amb/v2');
  assert.match((await page.getByTestId('lineage-fingerprint').textContent()) ?? '', /^[0-9a-f]{64}$/);
  assert.equal(await page.getByTestId('lineage-run').textContent(), 'e2e-reg-');
  await page.getByTestId('version-loss-chart').locator('.js-plotly-plot .scatterlayer .trace').first().waitFor();
  assert.equal((await historyRows('version-alias-history', 2)).length, 2, 'the override to v2 and the rollback from it');
  await page.getByTestId('version-tag-input').fill('raw-values');
  await page.getByTestId('version-tag-input').press('Enter');
  await page.getByTestId('version-notes-text').fill('Loses to the last value; kept for comparison.');
  await page.getByTestId('version-notes-save').click();
  // Saved once the page has re-read the version with the new tags and notes.
  await page.getByTestId('version-notes-saved').waitFor({ timeout: STEP_TIMEOUT });
  const saved = await call('models:get', { ref: 'amb@2' });
  assert.deepEqual([saved.tags, saved.notes], [['raw-values'], 'Loses to the last value; kept for comparison.']);
  await session.fullPageShot('e2e-registry-version.png');
  // The evaluation link opens the analysis page on this version.
  await page.getByTestId('version-evaluate').click();
  await page.getByTestId('evaluation-page').waitFor();
  assert.match(new URL(page.url()).hash, /^#\/evaluate\?model=amb%402/);
  await page.goBack();
  await page.getByTestId('version-page').waitFor();
});

test('delete asks first and is refused for the version in production, with the message', { timeout: STEP_TIMEOUT }, async () => {
  await page.getByTestId('crumb-model').click();
  await page.locator('[data-testid="version-row"][data-version="1"] [data-testid="version-delete"]').click();
  await page.getByTestId('confirm-dialog').waitFor();
  await page.getByTestId('confirm-button').click();
  await page.getByTestId('delete-error').waitFor();
  assert.match((await page.getByTestId('delete-error').textContent()) ?? '', /amb v1 cannot be deleted: it is production\. Deploy another version as production \(or roll back\) first/);
  await page.getByTestId('confirm-dialog').getByText('Cancel').click();
  assert.equal(await page.getByTestId('version-row').count(), 2);
});

test('compare two versions: metrics with the better side, config differences, both curves', { timeout: STEP_TIMEOUT }, async () => {
  for (const v of [1, 2]) await page.locator(`[data-testid="version-row"][data-version="${v}"] [data-testid="version-compare"]`).check();
  await page.getByTestId('model-compare').click();
  await page.getByTestId('compare-metrics').waitFor();
  assert.equal(new URL(page.url()).hash, '#/models/amb/compare/1/2');
  assert.equal(await page.locator('[data-testid="compare-metric"][data-metric="mae"]').getAttribute('data-better'), 'a');
  assert.deepEqual(await page.getByTestId('compare-diff').locator('td:first-child').allTextContents(), ['scaling.predictDelta', 'training.epochs']);
  await page.getByTestId('compare-loss-chart').locator('.js-plotly-plot .scatterlayer .trace').first().waitFor();
  assert.equal(await page.getByTestId('compare-loss-chart').locator('.scatterlayer .trace').count(), 4, 'loss and validation loss of each version');
  await session.fullPageShot('e2e-registry-compare.png');
});

test('export a version as a download and import the file as a new version', { timeout: STEP_TIMEOUT }, async () => {
  await page.getByTestId('crumb-model').click();
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-testid="version-row"][data-version="1"] [data-testid="version-export"]').click()]);
  assert.equal(download.suggestedFilename(), 'amb-v1.lsmodel');
  const file = path.join(ARTIFACTS, 'e2e-amb-v1.lsmodel');
  await download.saveAs(file);
  assert.ok(fs.statSync(file).size > 1000, 'the file holds the model and its weights');
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByTestId('model-import').click()]);
  await chooser.setFiles(file);
  await page.locator('[data-testid="version-page"][data-ref="amb@3"]').waitFor({ timeout: STEP_TIMEOUT });
  assert.match((await page.getByTestId('models-notice').textContent()) ?? '', /Imported e2e-amb-v1\.lsmodel as amb v3\./);
  assert.match((await page.getByTestId('version-lineage').textContent()) ?? '', /imported from an export file/);
});

test('the Drift page: a shifted copy of the data drifts, and production raises its alert', { timeout: STEP_TIMEOUT }, async () => {
  // The last 600 readings, 15 degrees warmer.
  const lines = fs.readFileSync(AMBIENT, 'utf8').trim().split('\n');
  const shifted = lines.slice(-600).map((l) => {
    const [time, value] = l.split(',');
    return `${time},${(Number(value) + 15).toFixed(3)}`;
  });
  const file = writeTemp(tempDir('lstm-e2e-drift-'), 'ambient-shifted.csv', [lines[0], ...shifted].join('\n'));
  const dataset = await call('datasets:import', { jobId: 'e2e-reg-shifted', path: await uploadFile(session, file) });

  await page.goto(`${session.appUrl}#/models/amb`);
  await page.getByTestId('model-drift').click();
  await page.getByTestId('drift-page').waitFor();
  await page.locator('[data-testid="analysis-model"] option:checked[value="amb:production"]').waitFor({ state: 'attached' });
  await page.getByTestId('analysis-dataset').selectOption(String(dataset.summary.id));
  await page.getByTestId('analysis-run').click();
  await page.getByTestId('drift-verdict').waitFor({ timeout: STEP_TIMEOUT });
  assert.equal(await page.getByTestId('drift-verdict').getAttribute('data-drifted'), 'true');
  assert.match((await page.getByTestId('drift-verdict').textContent()) ?? '', /^Drifted1 of 1 feature drifted \(100%\)/);
  assert.match((await page.getByTestId('drift-verdict').textContent()) ?? '', /against amb v1's training data/);
  const value = page.locator('[data-testid="drift-feature"][data-feature="value"]');
  assert.equal(await value.getAttribute('data-drifted'), 'true');
  assert.match((await value.textContent()) ?? '', /KS p-value/, '600 new values: the KS test decides');
  await page.getByTestId('drift-chart-ks').locator('.barlayer .point').first().waitFor();
  // The training and the new distribution over the training deciles: the warmer copy piles up in the top bin.
  assert.equal(await page.getByTestId('drift-distributions').getAttribute('data-feature'), 'value');
  await page.getByTestId('drift-bins-chart').locator('.barlayer .trace').nth(1).waitFor();
  assert.equal(await page.getByTestId('drift-bins-chart').locator('.barlayer .trace').count(), 2, 'training and new values');
  await page.locator('[data-testid="drift-alert-state"][data-alert="raised"]').waitFor({ timeout: STEP_TIMEOUT });
  await page.getByTestId('drift-check-row').first().waitFor();
  await session.fullPageShot('e2e-registry-drift.png');

  // Data whose feature has no value: the page says the check cannot be made and why (never "no drift").
  const blank = writeTemp(tempDir('lstm-e2e-drift-'), 'ambient-blank.csv', ['timestamp,value,other', ...lines.slice(-100).map((l, i) => `${l.split(',')[0]},,${i}`)].join('\n'));
  const empty = await call('datasets:import', { jobId: 'e2e-reg-blank', path: await uploadFile(session, blank) });
  await page.reload(); // the page lists the datasets it loaded: this one came through the API
  await page.getByTestId('drift-page').waitFor();
  await page.locator(`[data-testid="analysis-dataset"] option[value="${empty.summary.id}"]`).waitFor({ state: 'attached' });
  await page.getByTestId('analysis-dataset').selectOption(String(empty.summary.id));
  await page.getByTestId('analysis-run').click();
  await page.getByTestId('analysis-error').waitFor({ timeout: STEP_TIMEOUT });
  assert.match((await page.getByTestId('analysis-error').textContent()) ?? '', /Drift cannot be checked: ambient-blank has no value in the column the model reads \(`value`\)/);

  // The registry shows the alert beside the model.
  await page.getByTestId('nav-models').click();
  await page.locator('[data-testid="registry-row"][data-model="amb"] [data-testid="drift-alert"]').waitFor();
  assert.match((await page.getByTestId('drift-alert').textContent()) ?? '', /Drift 100%/);
  await session.fullPageShot('e2e-registry-list.png');
});

test('no console errors or CSP violations happened', () => {
  // The refused delete and the drift check of data without values answer 400 (user errors shown on the page), as they should; nothing else may fail.
  const unexpected = session.consoleErrors.filter((e) => !/400 for POST .*\/api\/op\/(models:delete|drift:run)|status of 400 \(Bad Request\)/.test(e));
  assert.deepEqual(unexpected, []);
});
