/**
 * What an analysis page works on: a saved model version and a dataset (by default the one the model
 * was trained on), with the run that trained the model (its config names the window, horizon and
 * targets before anything has run) and the dataset's details (entities, column ranges).
 */
import { useMemo } from 'react';
import type { DatasetDetail } from '../../../shared/dataset';
import type { ModelSummary, RunDetail } from '../../../shared/model/training';
import type { Task } from '../../../shared/model/variant';
import { useOperation } from '../common/use-operation';
import { useDatasetDetail } from '../datasets/dataset-queries';

/** One model version as the pickers offer it. */
export interface ModelChoice {
  /** `NAME@VERSION` (or `NAME:ALIAS`), as the analysis operations take it. */
  ref: string;
  summary: ModelSummary;
  /** The alias this choice follows (`summary` is the version it points at now), if any. */
  alias?: string;
  /** The dataset it was trained on, when that run is still recorded. */
  trainedOn: number | null;
  /** Why this page cannot use it (wrong task), or null. */
  blocked: string | null;
}

/** The chosen model and dataset, and what is known about them. */
export interface AnalysisTarget {
  /** Every model version, newest first; null while loading. */
  models: ModelChoice[] | null;
  model: ModelChoice | null;
  /** The route named a model that does not exist (deleted, mistyped). */
  missing: string | null;
  datasetId: number | null;
  /** The run that trained the chosen model (null while loading or when it is gone). */
  run: RunDetail | null;
  /** The chosen dataset's details (null while loading). */
  detail: DatasetDetail | null;
}

/** The reference of a model version: `NAME@VERSION`. */
export function modelRef(m: { name: string; version: number }): string {
  return `${m.name}@${m.version}`;
}

/**
 * Resolves the route's model and dataset against the saved models: no model means the newest one
 * this page can use (`tasks`), no dataset means the model's training dataset. With `withAliases`
 * the choices start with each alias (`NAME:production`), following the version it points at.
 */
export function useAnalysisTarget(routeModel: string | null, routeDataset: number | null, tasks: readonly Task[], pageName: string, withAliases = false): AnalysisTarget {
  const modelList = useOperation('models:list', undefined, 'Loading the models');
  const runList = useOperation('runs:list', {}, 'Loading the models');
  // After a failure the pickers show no models rather than waiting forever.
  const failed = modelList.isError || runList.isError;
  const list = useMemo(
    () => (failed ? { models: [], runs: [] } : modelList.data && runList.data ? { models: modelList.data, runs: runList.data } : null),
    [failed, modelList.data, runList.data],
  );

  const models = useMemo(() => {
    if (!list) return null;
    const trainedOn = new Map(list.runs.map((r) => [r.id, r.datasetId]));
    const choice = (summary: ModelSummary, alias?: string): ModelChoice => ({
      ref: alias ? `${summary.name}:${alias}` : modelRef(summary),
      summary,
      ...(alias ? { alias } : {}),
      trainedOn: trainedOn.get(summary.runId) ?? null,
      blocked: tasks.includes(summary.task) ? null : `a ${summary.task} model: ${pageName} needs ${tasks.join(' or ')}`,
    });
    const aliased = withAliases ? list.models.flatMap((m) => [...m.aliases].sort().map((a) => choice(m, a))) : [];
    return [...aliased, ...list.models.map((m) => choice(m))];
  }, [list, tasks, pageName, withAliases]);

  const model = useMemo(() => {
    if (!models) return null;
    if (routeModel) return models.find((m) => m.ref === routeModel) ?? models.find((m) => !m.alias && m.summary.name === routeModel) ?? null;
    return models.find((m) => m.blocked === null) ?? null;
  }, [models, routeModel]);
  const datasetId = routeDataset ?? model?.trainedOn ?? null;

  const runId = model?.summary.runId ?? null;
  // The run may have been deleted: the page works without its config (no error shown).
  const run = useOperation('runs:get', runId ? { id: runId } : null, null).data ?? null;

  const { detail } = useDatasetDetail(datasetId, 'Loading the dataset');

  const missing = models && routeModel && !model ? routeModel : null;
  return { models, model, missing, datasetId, run, detail };
}
