/**
 * Everything the registry knows about a version: its row, its metadata.json, its lineage (from the
 * training run in this project, or as recorded where it was imported from) and its data period.
 */
import * as path from 'node:path';
import type Database from 'better-sqlite3';
import type { ModelMetadata } from '../../shared/model/metadata';
import type { ModelSummary, RunDetail } from '../../shared/model/training';
import type { ModelLineage, ModelVersionDetail, RegisteredModel } from '../../shared/registry/types';
import { checkMetadata, readJsonFile } from '../engine/model-checks';
import { driftAlert } from '../drift/drift-repo';
import { listModels } from '../store/models-repo';
import { getRun } from '../store/runs-repo';
import { modelAliases } from './alias-repo';
import { getReference, versionExtras } from './registry-repo';

/** Reads and checks a version's metadata.json. */
export function readVersionMetadata(summary: ModelSummary): ModelMetadata {
  return checkMetadata(readJsonFile(path.join(summary.path, 'metadata.json'), 'the model metadata'), summary.path);
}

/** A version with its lineage, notes, metadata facts and training period. */
export function versionDetail(db: Database.Database, summary: ModelSummary): ModelVersionDetail {
  const metadata = readVersionMetadata(summary);
  const extras = versionExtras(db, summary.name, summary.version);
  const lineage = versionLineage(db, summary, metadata, extras);
  return {
    ...summary,
    notes: extras.notes,
    lineage,
    featureNames: metadata.featureNames,
    targetNames: metadata.targetNames,
    classNames: metadata.classNames,
    window: metadata.window,
    horizon: metadata.horizon,
    inputShape: metadata.inputShape,
    appVersion: metadata.appVersion,
    tfjsVersion: metadata.tfjsVersion,
    dataPeriod: dataPeriod(db, summary, lineage),
  };
}

function versionLineage(db: Database.Database, summary: ModelSummary, metadata: ModelMetadata, extras: ReturnType<typeof versionExtras>): ModelLineage {
  const run = summary.source === 'trained' ? findRun(db, summary.runId) : null;
  if (run) {
    return {
      source: 'trained',
      runId: run.id,
      runInProject: true,
      datasetId: run.datasetId,
      datasetName: run.datasetName,
      fingerprint: run.fingerprint,
      config: run.config,
      preset: run.preset,
      history: run.history,
      split: run.split,
      importedFrom: null,
    };
  }
  const stored = (extras.lineage ?? {}) as Partial<ModelLineage>;
  return {
    source: summary.source,
    runId: summary.runId,
    runInProject: false,
    datasetId: extras.datasetId > 0 ? extras.datasetId : null,
    datasetName: stored.datasetName ?? metadata.training.datasetName,
    fingerprint: stored.fingerprint ?? metadata.training.fingerprint,
    config: stored.config ?? metadata.config,
    preset: stored.preset ?? null,
    history: stored.history ?? [],
    split: stored.split ?? null,
    importedFrom: stored.importedFrom ?? null,
  };
}

function findRun(db: Database.Database, id: string): RunDetail | null {
  try {
    return getRun(db, id);
  } catch {
    return null;
  }
}

/** The training rows' span from the stored reference, else the training dataset's span. */
function dataPeriod(db: Database.Database, summary: ModelSummary, lineage: ModelLineage): ModelVersionDetail['dataPeriod'] {
  const reference = getReference(db, summary.name, summary.version);
  if (reference?.period) return reference.period;
  if (lineage.datasetId === null) return null;
  const row = db
    .prepare('SELECT d.time_kind AS kind, MIN(e.start) AS start, MAX(e.end) AS end FROM datasets d JOIN entities e ON e.dataset_id = d.id WHERE d.id = ? AND d.fingerprint = ?')
    .get(lineage.datasetId, lineage.fingerprint) as { kind: 'datetime' | 'index' | 'row'; start: number | null; end: number | null } | undefined;
  return row && row.start !== null && row.end !== null ? { start: row.start, end: row.end, kind: row.kind } : null;
}

/** The registry by name: versions newest first, aliases and the latest version. */
export function registeredModels(db: Database.Database): RegisteredModel[] {
  const byName = new Map<string, ModelSummary[]>();
  for (const m of listModels(db)) {
    const list = byName.get(m.name);
    if (list) list.push(m);
    else byName.set(m.name, [m]);
  }
  return [...byName.entries()].map(([name, versions]) => {
    versions.sort((a, b) => b.version - a.version);
    const aliases = modelAliases(db, name);
    return { name, task: versions[0].task, versions, aliases, latest: versions[0].version, driftAlert: driftAlert(db, name, aliases.production) };
  });
}
