/**
 * The state every analysis page starts from: the model and dataset of its route, one analysis job
 * (forgotten when either changes), navigation that keeps the page, and a way to start the job.
 */
import { useCallback, useEffect } from 'react';
import type { Task } from '../../../shared/model/variant';
import { isBusy, useAnalysisJob, type AnalysisJob } from '../common/analysis-job';
import { useAnalysisTarget, type AnalysisTarget } from './analysis-target';
import type { AnalysisRoute, AnalysisView } from '../common/route';

/**
 * The analyses, their titles, the model tasks each works with and what they are called in messages;
 * `aliases`: the model picker also offers `NAME:ALIAS` (e.g. the version in production).
 */
export const VIEWS: Record<AnalysisView, { title: string; tasks: readonly Task[]; doing: string; aliases?: boolean }> = {
  evaluate: { title: 'Evaluation', tasks: ['forecast', 'regress', 'rul', 'classify'], doing: 'the evaluation' },
  forecast: { title: 'Forecast', tasks: ['forecast'], doing: 'forecasting' },
  explain: { title: 'Explain', tasks: ['forecast', 'regress', 'rul', 'classify'], doing: 'explaining' },
  risk: { title: 'Fleet risk', tasks: ['forecast', 'rul'], doing: 'fleet risk' },
  drift: { title: 'Drift', tasks: ['forecast', 'regress', 'rul', 'classify'], doing: 'the drift check', aliases: true },
  score: { title: 'Batch scoring', tasks: ['forecast', 'regress', 'rul', 'classify'], doing: 'batch scoring', aliases: true },
};

/** An analysis page's model, dataset and job. */
export interface AnalysisPageState<T> {
  route: AnalysisRoute;
  target: AnalysisTarget;
  job: AnalysisJob<T>;
  busy: boolean;
  /** Another model: its training data becomes the dataset. */
  onModel(ref: string): void;
  onDataset(id: number): void;
  /** Runs `call` as the page's job for the chosen model and dataset (nothing when either is missing). */
  start(call: (jobId: string, model: string, datasetId: number) => Promise<T>): void;
}

/** Holds the page state of `route`'s view; `navigate` moves between models and datasets on the same page. */
export function useAnalysisPage<T>(route: AnalysisRoute, navigate: (r: AnalysisRoute) => void): AnalysisPageState<T> {
  const view = VIEWS[route.view];
  const target = useAnalysisTarget(route.model, route.datasetId, view.tasks, view.doing, view.aliases ?? false);
  const job = useAnalysisJob<T>();
  const ref = target.model?.ref ?? null;
  const datasetId = target.datasetId;
  const { reset, run } = job;
  useEffect(() => reset(), [ref, datasetId, reset]);
  const onModel = useCallback((m: string) => navigate({ ...route, model: m, datasetId: null }), [navigate, route]);
  const onDataset = useCallback((id: number) => navigate({ ...route, model: ref, datasetId: id }), [navigate, route, ref]);
  const start = useCallback(
    (call: (jobId: string, model: string, datasetId: number) => Promise<T>) => {
      if (ref && datasetId !== null) void run((jobId) => call(jobId, ref, datasetId));
    },
    [ref, datasetId, run],
  );
  return { route, target, job, busy: isBusy(job.status), onModel, onDataset, start };
}
