/**
 * Opens what every analysis needs: the model version (files checked), its metadata, and the dataset
 * it is applied to with all its series, plus whether that dataset is the one it was trained on
 * (then the held-out test split is used).
 */
import type Database from 'better-sqlite3';
import type * as TF from '@tensorflow/tfjs';
import type { DatasetDetail } from '../../shared/dataset';
import type { AnalysedModel } from '../../shared/evaluation/analysis-types';
import type { ModelMetadata } from '../../shared/model/metadata';
import type { ModelSummary } from '../../shared/model/training';
import type { EntitySeries } from '../../shared/training/entity-series';
import { loadModel } from '../engine/model-files';
import { loadEntitySeries } from '../training/load-series';
import { resolveModelRef } from '../registry/resolve-ref';

/** A model and a dataset, opened for an analysis. Call `dispose` when done. */
export interface Analysis {
  summary: ModelSummary;
  model: TF.LayersModel;
  metadata: ModelMetadata;
  info: AnalysedModel;
  detail: DatasetDetail;
  series: EntitySeries[];
  /** The dataset is the model's training data (same source file and columns). */
  sameAsTraining: boolean;
  dispose(): void;
}

/** Loads the model named by `modelRef` and the dataset `datasetId`. */
export async function openAnalysis(db: Database.Database, modelRef: string, datasetId: number): Promise<Analysis> {
  const summary = resolveModelRef(db, modelRef);
  const { detail, series } = loadEntitySeries(db, datasetId);
  const { model, metadata } = await loadModel(summary.path);
  const columns = detail.columns.map((c) => c.name);
  const sameAsTraining = detail.summary.fingerprint === metadata.training.fingerprint && columns.join('\u0000') === metadata.training.columns.join('\u0000');
  return { summary, model, metadata, info: analysedModel(summary, metadata, model), detail, series, sameAsTraining, dispose: () => model.dispose() };
}

/** How analyses name a model version. */
export function analysedModel(summary: ModelSummary, m: ModelMetadata, model?: TF.LayersModel): AnalysedModel {
  return {
    name: summary.name,
    version: summary.version,
    task: m.task,
    createdAt: m.createdAt,
    trainedOn: m.training.datasetName,
    window: m.window,
    horizon: m.horizon,
    featureNames: m.featureNames,
    targetNames: m.targetNames,
    classNames: m.classNames,
    attention: model ? model.layers.some((l) => l.name === 'attention') : m.config.attention.enabled,
  };
}
