/**
 * `lstm-studio evaluate|predict|forecast|explain|risk`: resolves the data (importing a file once),
 * runs the analysis through the API as a job with progress on stderr (Ctrl-C cancels), and prints
 * the result as text or, with --json, as the API's result.
 */
import { randomUUID } from 'node:crypto';
import * as path from 'node:path';
import type { StudioApi } from '../../shared/api';
import { CancelledError } from '../../shared/errors';
import type { AnalysisCliRequest } from './analysis-args';
import { describeEvaluation, describeExplanation, describeForecast, describePredictions, describeRisk } from './analysis-output';
import { predictionsCsv, riskCsv, writeCsvAtomic } from './csv-output';
import { resolveDatasetFor } from './data-source';
import { printJson, type CliIo } from './io';
import { createProgressLine } from './progress-line';
import { withSession } from './session';
import { onStopRequest } from './signals';

/** Runs one analysis command; exit code 0, or 1 for the user's errors and cancels (thrown). */
export async function runAnalysisCommand(req: AnalysisCliRequest, io: CliIo): Promise<number> {
  return withSession(req.global, 'cli', io, async ({ api }) => {
    const datasetId = await resolveDatasetFor(api, req.model, req.data, io);
    const out = await followJob(api, io, `${label(req)} with ${req.model}`, (jobId) => call(api, req, datasetId, jobId));
    if (req.out && (out.kind === 'predict' || out.kind === 'risk')) {
      const file = path.resolve(req.out);
      const rows = out.kind === 'predict' ? predictionsCsv(out.value) : riskCsv(out.value);
      writeCsvAtomic(file, rows);
      io.stderr.write(`Wrote ${rows.length - 1} rows to ${file}.\n`);
    }
    if (req.global.json) printJson(io, out.value);
    else io.stdout.write(describe(out, req));
    return 0;
  });
}

type Outcome =
  | { kind: 'evaluate'; value: Awaited<ReturnType<StudioApi['evaluation']['run']>> }
  | { kind: 'predict'; value: Awaited<ReturnType<StudioApi['predictions']['run']>> }
  | { kind: 'forecast'; value: Awaited<ReturnType<StudioApi['forecast']['run']>> }
  | { kind: 'explain'; value: Awaited<ReturnType<StudioApi['explain']['run']>> }
  | { kind: 'risk'; value: Awaited<ReturnType<StudioApi['risk']['run']>> };

async function call(api: StudioApi, req: AnalysisCliRequest, datasetId: number, jobId: string): Promise<Outcome> {
  const base = { jobId, model: req.model, datasetId };
  switch (req.kind) {
    case 'evaluate':
      return { kind: 'evaluate', value: await api.evaluation.run({ ...base, coverage: req.coverage, backtestStride: req.stride, season: req.season }) };
    case 'predict':
      return { kind: 'predict', value: await api.predictions.run({ ...base, stride: req.stride }) };
    case 'forecast':
      return { kind: 'forecast', value: await api.forecast.run({ ...base, coverage: req.coverage, entity: req.entityId, horizon: req.horizon }) };
    case 'explain':
      return { kind: 'explain', value: await api.explain.run({ ...base, windowIndex: req.window, repeats: req.repeats }) };
    case 'risk':
      return { kind: 'risk', value: await api.risk.run({ ...base, coverage: req.coverage, limits: req.limits }) };
  }
}

function describe(out: Outcome, req: AnalysisCliRequest): string {
  switch (out.kind) {
    case 'evaluate':
      return describeEvaluation(out.value);
    case 'predict':
      return describePredictions(out.value, req.out !== undefined);
    case 'forecast':
      return describeForecast(out.value);
    case 'explain':
      return describeExplanation(out.value);
    case 'risk':
      return describeRisk(out.value);
  }
}

function label(req: AnalysisCliRequest): string {
  return { evaluate: 'Evaluating', predict: 'Scoring', forecast: 'Forecasting', explain: 'Explaining', risk: 'Scoring the fleet' }[req.kind];
}

/** Runs an API job with a progress line on stderr; Ctrl-C cancels it. */
export async function followJob<T>(api: StudioApi, io: CliIo, what: string, run: (jobId: string) => Promise<T>): Promise<T> {
  const jobId = `cli-job-${randomUUID()}`;
  const progress = createProgressLine(io.stderr, what);
  const stopListening = api.events.onJobProgress((p) => {
    if (p.jobId === jobId) progress.update(p);
  });
  const stopSignals = onStopRequest(() => {
    progress.finish();
    io.stderr.write('Cancelling...\n');
    api.jobs.cancel({ jobId }).catch(() => {});
  }, io.stderr);
  try {
    return await run(jobId);
  } catch (err) {
    if ((err as { kind?: string }).kind === 'cancelled') throw new CancelledError(`${what}: cancelled.`);
    throw err;
  } finally {
    progress.finish();
    stopListening();
    stopSignals();
  }
}
