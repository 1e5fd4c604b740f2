/**
 * Portable versions: export one version as a single `.lsmodel` file (model, weights, metadata and
 * its registry record: lineage, metrics, tags, notes, training reference) and import such a file
 * into another project as the next version of its name, checked before it is registered.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type Database from 'better-sqlite3';
import type { DriftReference } from '../../shared/drift/types';
import { UserError, clipPath } from '../../shared/errors';
import type { ModelMetadata } from '../../shared/model/metadata';
import { isPlainObject } from '../../shared/model/variant';
import type { ModelSummary } from '../../shared/model/training';
import type { ExportResult, ModelLineage } from '../../shared/registry/types';
import { readAppVersion } from '../app/version';
import { loadModel } from '../engine/model-files';
import { checkMetadata, checkModelTopology, parseModelJson } from '../engine/model-checks';
import { checkModelName, getModel } from '../store/models-repo';
import { saveModelVersion } from '../training/save-version';
import { readArchive, writeArchive } from './archive-format';
import { getReference } from './registry-repo';
import { resolveModelRef } from './resolve-ref';
import { versionDetail } from './version-detail';

/** The registry record carried in an export. */
interface RegistryRecord {
  name: string;
  version: number;
  task: ModelSummary['task'];
  createdAt: string;
  metrics: Record<string, number>;
  parameters: number;
  tags: string[];
  notes: string;
  lineage: ModelLineage;
  reference: DriftReference | null;
}

/** Writes the version `ref` names into one file at `out`. */
export function exportVersion(db: Database.Database, ref: string, out: string): ExportResult {
  const summary = resolveModelRef(db, ref);
  const detail = versionDetail(db, summary);
  const folder = summary.path;
  const modelJson = JSON.parse(readFile(folder, 'model.json').toString('utf8')) as { weightsManifest?: { paths: string[] }[] };
  const weightFiles = (modelJson.weightsManifest ?? []).flatMap((g) => g.paths);
  const record: RegistryRecord = {
    name: summary.name,
    version: summary.version,
    task: summary.task,
    createdAt: summary.createdAt,
    metrics: summary.metrics,
    parameters: summary.parameters,
    tags: summary.tags,
    notes: detail.notes,
    lineage: detail.lineage,
    reference: getReference(db, summary.name, summary.version),
  };
  const entries = [
    { name: 'model.json', data: readFile(folder, 'model.json') },
    ...weightFiles.map((f) => ({ name: f, data: readFile(folder, f) })),
    { name: 'metadata.json', data: readFile(folder, 'metadata.json') },
    { name: 'registry.json', data: Buffer.from(JSON.stringify(record), 'utf8') },
  ];
  const written = writeArchive(out, { kind: 'lstm-studio-model-export', exportedAt: new Date().toISOString(), appVersion: readAppVersion(), model: { name: summary.name, version: summary.version, task: summary.task } }, entries);
  return { path: path.resolve(out), ...written, model: { name: summary.name, version: summary.version } };
}

function readFile(folder: string, name: string): Buffer {
  const file = path.join(folder, name);
  if (!fs.existsSync(file)) throw new UserError(`${file} is missing: the model's folder is incomplete, so it cannot be exported. Retrain the model.`);
  return fs.readFileSync(file);
}

/**
 * Imports an export file as the next version of its name (or of `name`). The files are written to
 * a temporary folder and loaded by TensorFlow.js before the version is registered.
 */
export async function importVersion(db: Database.Database, home: string, file: string, name?: string): Promise<ModelSummary> {
  const { header, entries } = readArchive(file);
  const base = path.basename(file);
  const entry = (n: string) => {
    const data = entries.get(n);
    if (!data) throw new UserError(`${base} lacks ${n}, so it holds no complete model. Export the model again.`);
    return data;
  };
  const record = checkRecord(parseJson(entry('registry.json'), base, 'registry.json'), base);
  const metadata = checkMetadata(parseJson(entry('metadata.json'), base, 'metadata.json'), `${base}:`);
  checkModelTopology(parseJson(entry('model.json'), base, 'model.json') as object, `model.json in ${base}`, 'Export the model again.');
  const modelName = checkModelName(name ?? (record.name || header.model?.name || ''));
  const files = header.entries.filter((e) => e.name !== 'registry.json').map((e) => ({ name: e.name, data: entry(e.name) }));
  if (files.some((f) => f.name !== path.basename(f.name) || f.name.startsWith('.'))) throw new UserError(`${base} lists a file outside the model folder; it was not written by LSTM Studio.`);
  const lineage: ModelLineage = { ...record.lineage, source: 'imported', runInProject: false, importedFrom: { file: path.resolve(file), name: record.name, version: record.version, at: new Date().toISOString() } };
  const saved = await saveModelVersion(
    db,
    home,
    {
      name: modelName,
      task: metadata.task,
      runId: record.lineage.runId,
      datasetId: datasetWithFingerprint(db, record.lineage.fingerprint),
      datasetName: record.lineage.datasetName,
      createdAt: record.createdAt,
      metrics: record.metrics,
      parameters: record.parameters,
      source: 'imported',
      tags: record.tags,
      notes: record.notes,
      lineage,
      reference: record.reference ?? undefined,
    },
    (dir, version) => writeChecked(dir, files, { ...metadata, name: modelName, version }),
  );
  return getModel(db, modelName, saved.version);
}

/** The id of a dataset in this project with the given fingerprint, or 0. */
export function datasetWithFingerprint(db: Database.Database, fingerprint: string): number {
  const row = db.prepare('SELECT id FROM datasets WHERE fingerprint = ? ORDER BY id DESC LIMIT 1').get(fingerprint) as { id: number } | undefined;
  return row?.id ?? 0;
}

/** Writes the files into a temporary folder, loads the model from it, then renames it to `dir`. */
async function writeChecked(dir: string, files: { name: string; data: Buffer }[], metadata: ModelMetadata): Promise<void> {
  const tmp = `${dir}.tmp-import`;
  fs.rmSync(tmp, { recursive: true, force: true });
  fs.mkdirSync(tmp, { recursive: true });
  try {
    for (const f of files) fs.writeFileSync(path.join(tmp, f.name), f.name === 'metadata.json' ? JSON.stringify(metadata, null, 2) : f.data);
    const { model } = await loadModel(tmp);
    model.dispose();
    fs.renameSync(tmp, dir);
  } catch (err) {
    fs.rmSync(tmp, { recursive: true, force: true });
    throw err;
  }
}

function parseJson(data: Buffer, file: string, entry: string): unknown {
  return parseModelJson(data.toString('utf8'), `${entry} in ${file}`, 'Export the model again.');
}

/**
 * The registry record of an export, checked field by field (a record such as `{}` names what it
 * lacks); optional fields an older export may lack take empty values.
 */
function checkRecord(value: unknown, file: string): RegistryRecord {
  const lacks = (what: string) => new UserError(`registry.json in ${clipPath(file)} lacks ${what}: the export is damaged or was not written by LSTM Studio. Export the model again.`);
  if (!isPlainObject(value)) throw lacks('the version\'s record');
  const r = value as Partial<RegistryRecord>;
  const lineage = r.lineage as Partial<ModelLineage> | undefined;
  if (!isPlainObject(lineage) || typeof lineage.fingerprint !== 'string' || typeof lineage.runId !== 'string') throw lacks('the lineage (run and dataset fingerprint)');
  if (typeof r.createdAt !== 'string' || Number.isNaN(Date.parse(r.createdAt))) throw lacks('the creation time');
  if (r.metrics !== undefined && (!isPlainObject(r.metrics) || !Object.values(r.metrics).every((v) => typeof v === 'number'))) throw lacks('valid metrics');
  if (r.tags !== undefined && (!Array.isArray(r.tags) || !r.tags.every((t) => typeof t === 'string'))) throw lacks('valid tags');
  return {
    ...(r as RegistryRecord),
    name: typeof r.name === 'string' ? r.name : '',
    version: Number.isInteger(r.version) ? (r.version as number) : 0,
    metrics: r.metrics ?? {},
    parameters: typeof r.parameters === 'number' ? r.parameters : 0,
    tags: r.tags ?? [],
    notes: typeof r.notes === 'string' ? r.notes : '',
    reference: isPlainObject(r.reference) ? (r.reference as DriftReference) : null,
  };
}
