/**
 * End to end in browser mode: the window stays responsive while a large import, a training and an
 * evaluation run at once in the back-end process. The page (Chromium) times a trivial operation
 * (`app:info`, answered by the back end) and a reload of its own page (answered by the server process
 * alone) over and over meanwhile, and switches views; the figures are logged
 * and written to test-artifacts/responsiveness.json, not asserted (the machine is shared: timing
 * targets live in the bench). Asserted: every timed call and all three jobs succeed, each call
 * answers while the jobs run, and the view switches complete.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import type { OperationName, Req, Res } from '../../shared/api';
import { ARTIFACTS, callApi, keepFailureEvidence, openBrowserSession, uploadFile, type BrowserSession } from '../helpers/browser-session';
import { projectRoot, tempDir } from '../helpers/fixtures';

/** Size of the generated sensor file (the 1 GB figure is a manual run: scripts/measure-responsiveness.js). */
const IMPORT_MB = 60;
const TIMEOUT = 600_000;

let session: BrowserSession;
keepFailureEvidence('responsiveness', () => session);

function call<K extends OperationName>(op: K, req: Req<K>): Promise<Res<K>> {
  return callApi(session, op, req);
}

/** A tiny forecaster of two pump sensors (as the evaluation e2e test trains). */
function tinyForecaster(epochs: number) {
  return {
    task: 'forecast' as const,
    input: { targets: ['temperature_c'], features: ['temperature_c', 'vibration_mm_s'], window: 12, horizon: 4, stride: 4 },
    recurrent: { units: [32] },
    training: { epochs, batchSize: 256 },
  };
}

/** Count, median, 95th percentile and maximum of some timings, in ms to 0.1. */
function spread(ms: number[]) {
  const sorted = [...ms].sort((a, b) => a - b);
  const q = (p: number) => +(sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? NaN).toFixed(1);
  return { count: sorted.length, median: q(0.5), p95: q(0.95), max: q(1) };
}

before(async () => {
  session = await openBrowserSession('lstm-studio-e2e-resp-');
});

after(async () => {
  await session?.close();
});

test('app:info answers and views switch while an import, a training and an evaluation run at once', { timeout: TIMEOUT }, async () => {
  const csv = path.join(tempDir('lstm-resp-data-'), 'sensors-large.csv');
  execFileSync(process.execPath, [path.join(projectRoot(), 'scripts', 'make-sensor-csv.js'), csv, String(IMPORT_MB), '20']);
  const uploaded = await uploadFile(session, csv);
  const fleet = (await call('datasets:list', undefined as never)).find((d) => d.name === 'Demo pump fleet');
  assert.ok(fleet, 'the demo fleet is seeded on first launch');
  const first = await call('training:start', { runId: 'resp-first', datasetId: fleet.id, name: 'resp-pumps', config: tinyForecaster(1) });
  assert.equal(first.model?.version, 1);
  await call('engine:info', undefined as never); // TensorFlow.js is loaded in the back end once, before the timing

  const page = session.page;
  await page.goto(session.appUrl);
  await page.getByTestId('datasets-page').waitFor();
  const token = new URL(session.appUrl).searchParams.get('token') ?? '';

  // The three long jobs at once, through the same HTTP API the page uses.
  let running = 3;
  const done = <T>(p: Promise<T>) => p.finally(() => (running -= 1));
  const jobs = Promise.all([
    done(call('datasets:import', { jobId: 'resp-import', path: uploaded })),
    done(call('training:start', { runId: 'resp-second', datasetId: fleet.id, name: 'resp-pumps-2', config: tinyForecaster(6) })),
    done(call('evaluation:run', { jobId: 'resp-eval', model: 'resp-pumps@1', datasetId: fleet.id })),
  ]);

  // Meanwhile the page times app:info, and switches views, until the jobs end.
  const latencies: number[] = [];
  const pageLoads: number[] = [];
  const switches: number[] = [];
  const started = Date.now();
  const views = [
    ['nav-models', 'models-page'],
    ['nav-datasets', 'datasets-page'],
  ] as const;
  while (running > 0) {
    const [api, front] = await page.evaluate(async (t) => {
      const t0 = performance.now();
      const res = await fetch('/api/op/app:info', { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Studio-Token': t }, body: '{"req":null}' });
      const body = (await res.json()) as { ok: boolean };
      if (!body.ok) throw new Error('app:info failed');
      const t1 = performance.now();
      // The UI's own page, answered by the front (the server process) without the back end.
      if (!(await fetch('/')).ok) throw new Error('the page failed');
      return [t1 - t0, performance.now() - t1];
    }, token);
    if (running > 0) {
      latencies.push(api);
      pageLoads.push(front);
    }
    if (latencies.length % 10 === 0) {
      const t0 = Date.now();
      const [link, view] = views[switches.length % 2]!;
      await page.getByTestId(link).click();
      await page.getByTestId(view).waitFor();
      switches.push(Date.now() - t0);
    }
    await page.waitForTimeout(50);
  }
  const [imported, trained, evaluated] = await jobs;
  const wall = Date.now() - started;
  assert.ok(imported.summary.rows > 100_000, 'the large file was imported');
  assert.equal(trained.model?.version, 1);
  assert.deepEqual([evaluated.model.name, evaluated.model.version], ['resp-pumps', 1]);
  assert.ok(latencies.length >= 5, `app:info was timed ${latencies.length} times while the jobs ran`);

  const figures = {
    importMb: IMPORT_MB,
    wallSeconds: +(wall / 1000).toFixed(1),
    appInfoMs: spread(latencies),
    pageMs: spread(pageLoads),
    viewSwitchMs: spread(switches),
  };
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  fs.writeFileSync(path.join(ARTIFACTS, 'responsiveness.json'), `${JSON.stringify(figures, null, 2)}\n`);
  console.log(`responsiveness during import (${IMPORT_MB} MB) + training + evaluation: ${JSON.stringify(figures)}`);
});
