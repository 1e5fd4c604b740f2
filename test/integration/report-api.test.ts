/**
 * `reports:create` through the API contract, in-process with its real worker thread, on a tiny
 * classifier trained here on UCR ItalyPowerDemand: a report written to `<home>/reports/` as a job
 * with progress, the classifier's tables, cancel leaving no file, and which files browser mode serves.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { JobFinished, JobProgress } from '../../shared/api';
import { downloadableReport } from '../../electron/reports/make-report';
import { openApiSession, type ApiSession } from '../helpers/api-session';
import { dataFile } from '../helpers/fixtures';

let s: ApiSession;
let datasetId: number;

before(async () => {
  s = openApiSession('lstm-report-api-');
  datasetId = await s.importFile(dataFile('ucr-italy', 'ItalyPowerDemand_TRAIN.tsv'), { header: false, format: 'wide', labelColumn: 'c1' });
  await s.train(datasetId, { task: 'classify', recurrent: { units: [32] }, training: { epochs: 2, batchSize: 16 } }, 'italy');
});
after(() => s.close());

const reportsDir = () => path.join(s.ctx.home, 'reports');

test('a report is a job: progress through its phases, then the file in <home>/reports/', async () => {
  const jobId = 'report-italy';
  const progress: JobProgress[] = [];
  const finished: JobFinished[] = [];
  const stop = [s.api.events.onJobProgress((p) => p.jobId === jobId && progress.push(p)), s.api.events.onJobFinished((f) => f.jobId === jobId && finished.push(f))];
  const r = await s.api.reports.create({ jobId, kind: 'model', model: 'italy', datasetId, format: 'html' });
  stop.forEach((f) => f());
  assert.equal(path.dirname(r.path), reportsDir());
  assert.match(path.basename(r.path), /^model-italy-v1-ItalyPowerDemand_TRAIN-\d{8}-\d{6}\.html$/);
  assert.equal(r.bytes, fs.statSync(r.path).size);
  assert.deepEqual(r.model, { name: 'italy', version: 1 });
  assert.ok(r.sections.includes('Attention and importance'));
  assert.ok(!r.sections.includes('Forecasts with intervals'), 'a classifier has no forecasts');
  for (const id of ['metrics', 'classes', 'confusion', 'importance']) assert.ok(r.tables.some((t) => t.id === id), id);
  assert.equal(finished.length, 1);
  assert.equal(finished[0].ok, true);
  assert.equal(progress[0].kind, 'report');
  assert.equal(progress[0].phase, 'Loading the model and the data');
  assert.equal(progress.at(-1)!.phase, 'Writing the report');
  const fractions = progress.map((p) => p.fraction).filter((f): f is number => f !== null);
  assert.deepEqual(fractions, [...fractions].sort((a, b) => a - b), 'progress only moves forward');
  const html = fs.readFileSync(r.path, 'utf8');
  assert.match(html, /<table data-table="confusion">/);
  assert.equal(downloadableReport(s.ctx.home, path.basename(r.path)), r.path);
});

test('a cancelled report stops its worker and writes nothing', async () => {
  const before = fs.readdirSync(reportsDir());
  const jobId = 'report-to-cancel';
  const started = new Promise<void>((resolve) => {
    const stop = s.api.events.onJobProgress((p) => {
      if (p.jobId === jobId) {
        stop();
        resolve();
      }
    });
  });
  const running = s.api.reports.create({ jobId, kind: 'model', model: 'italy', datasetId, format: 'pdf' });
  await started;
  assert.equal((await s.api.jobs.cancel({ jobId })).cancelled, true);
  await assert.rejects(running, (err: Error & { kind?: string }) => err.kind === 'cancelled');
  assert.deepEqual(fs.readdirSync(reportsDir()), before);
});

test('bad requests are refused before any work; browser mode serves only plain report names', async () => {
  await assert.rejects(s.api.reports.create({ kind: 'model', model: 'italy', datasetId, format: 'docx' as never }), /format: "docx" is not a report format: use html or pdf/);
  await assert.rejects(s.api.reports.create({ kind: 'fleet' as never, model: 'italy', datasetId, format: 'html' }), /kind: "fleet" is not a report: use model, risk, drift/);
  await assert.rejects(s.api.reports.create({ kind: 'risk', model: 'italy', datasetId, format: 'html' }), /is a classify model; fleet risk needs a forecast model/);
  await assert.rejects(s.api.reports.create({ kind: 'model', model: 'italy', datasetId: 99, format: 'html' }), /dataset/i);
  await assert.rejects(s.api.reports.create({ kind: 'drift', model: 'italy', datasetId, format: 'html', driftCheckId: 42 }), /There is no drift check 42/);
  fs.writeFileSync(path.join(reportsDir(), '.hidden.html'), 'x');
  fs.writeFileSync(path.join(reportsDir(), 'notes.txt'), 'x');
  for (const name of ['../studio.sqlite', '.hidden.html', 'notes.txt', 'missing.html', 'a/b.html']) assert.equal(downloadableReport(s.ctx.home, name), null, name);
});
