/**
 * Batch scoring: every window of a dataset scored by a version in chunks (progress, cancel), the
 * rows written to a CSV in `<home>/scores/` as they come, and the run recorded with what was left
 * out: rows the lenient import skipped, and entities that give no window (too short, or an input
 * with no value at all), each with its reason.
 */
import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type Database from 'better-sqlite3';
import { skippedRows } from '../../shared/dataset';
import { csvText, predictionsCsv } from '../../shared/evaluation/analysis-csv';
import type { PredictionRow } from '../../shared/evaluation/analysis-types';
import { countFlags } from '../../shared/evaluation/reliability';
import { UserError, fmtInt } from '../../shared/errors';
import type { ScoreRequest, ScoringRun, SkippedEntity } from '../../shared/scoring/types';
import { baseFeatureNames } from '../../shared/training/scoring-pipeline';
import type { Analysis } from '../evaluation/analysis-context';
import type { AnalysisControl } from '../evaluation/analysis-control';
import { predictionTable } from '../evaluation/predict-version';
import { scoreWindowSet } from '../evaluation/window-scores';
import { scoringChunks } from '../evaluation/window-sets';
import { insertScoringRun } from './scoring-repo';

/** Windows scored per chunk (bounds the memory of one input batch). */
export const SCORE_CHUNK = 10_000;
/** Rows kept for the preview. */
const PREVIEW_ROWS = 20;
/** Folder of the stored results inside the home. */
export const SCORES_DIR = 'scores';

/** Scores the dataset, stores the CSV and records the run. */
export async function scoreVersion(a: Analysis, req: ScoreRequest, control: AnalysisControl, db: Database.Database): Promise<ScoringRun> {
  if (req.stride !== undefined && !(Number.isInteger(req.stride) && req.stride >= 1 && req.stride <= 1e9)) {
    throw new UserError(`The stride must be a whole number of at least 1 (every N-th window); got ${JSON.stringify(req.stride)?.slice(0, 40)}.`);
  }
  const started = Date.now();
  const m = a.metadata;
  const id = randomUUID();
  const home = path.dirname(db.name);
  const file = path.join(home, SCORES_DIR, `${a.summary.name.replace(/[^\w.-]+/g, '_')}-v${a.summary.version}-${id.slice(0, 8)}.csv`);
  const skippedEntities = entitiesToSkip(a);
  const usable = a.series.filter((s) => !skippedEntities.some((e) => e.entity === s.name)).map((s) => s.name);
  if (usable.length === 0) {
    throw new UserError(`No entity of ${a.detail.summary.name} can be scored by ${a.summary.name} v${a.summary.version}: ${skippedEntities.slice(0, 5).map((e) => `${e.entity} (${e.reason})`).join('; ')}.`);
  }
  control.step('Cutting the windows', 0.05);
  const plan = scoringChunks(a, { stride: req.stride ?? 1, entities: usable.length < a.series.length ? usable : undefined });
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const partial = `${file}.part`;
  const out = fs.openSync(partial, 'w');
  const preview: PredictionRow[] = [];
  const flags: PredictionRow['reliability'][] = [];
  const perEntity = new Map<string, number>();
  try {
    for (let from = 0; from < plan.windows; from += SCORE_CHUNK) {
      const to = Math.min(plan.windows, from + SCORE_CHUNK);
      control.step(`Scoring windows ${fmtInt(from + 1)}-${fmtInt(to)} of ${fmtInt(plan.windows)}`, 0.1 + (0.85 * from) / plan.windows);
      const set = plan.chunk(from, to);
      const scored = scoreWindowSet(a, set);
      const rows = set.batch.meta.map((w, i): PredictionRow => ({ entity: w.entity, time: w.end, values: Array.from(scored.predicted.subarray(i * m.outputs, (i + 1) * m.outputs)), reliability: scored.reliability[i].flag }));
      const csv = predictionsCsv(predictionTable(a, rows));
      fs.writeSync(out, csvText(from === 0 ? csv : csv.slice(1)));
      for (const r of rows) {
        flags.push(r.reliability);
        perEntity.set(r.entity, (perEntity.get(r.entity) ?? 0) + 1);
        if (preview.length < PREVIEW_ROWS) preview.push(r);
      }
    }
    fs.fsyncSync(out);
    fs.closeSync(out);
    fs.renameSync(partial, file);
  } catch (err) {
    fs.closeSync(out);
    fs.rmSync(partial, { force: true });
    throw err;
  }
  const run: ScoringRun = {
    id,
    model: { name: a.summary.name, version: a.summary.version },
    requested: req.model,
    dataset: { id: a.detail.summary.id, name: a.detail.summary.name, rows: a.detail.summary.rows },
    at: new Date().toISOString(),
    durationMs: Date.now() - started,
    windows: plan.windows,
    entities: perEntity.size,
    skippedEntities,
    skippedRows: skippedRows(a.detail.warnings),
    reliability: countFlags(flags),
    file,
    bytes: fs.statSync(file).size,
    columns: predictionsCsv(predictionTable(a, []))[0] as string[],
    entityColumn: predictionTable(a, []).entityColumn,
    preview,
    notes: plan.notes,
  };
  insertScoringRun(db, run);
  return run;
}

/** Entities that cannot give a prediction: shorter than the window, or an input with no value at all. */
function entitiesToSkip(a: Analysis): SkippedEntity[] {
  const window = a.metadata.window;
  const inputs = baseFeatureNames(a.metadata);
  const wide = a.detail.summary.format === 'wide';
  const out: SkippedEntity[] = [];
  a.series.forEach((s, e) => {
    const rows = a.detail.entities[e]?.length ?? 0;
    if (!wide && rows < window) return out.push({ entity: s.name, rows, reason: `${fmtInt(rows)} row${rows === 1 ? '' : 's'}, fewer than the model's window of ${fmtInt(window)}` });
    const empty = inputs.find((name) => {
      const col = s.columns[name];
      return col !== undefined && !col.some((v) => v === v);
    });
    if (empty) out.push({ entity: s.name, rows, reason: `input \`${empty}\` has no value at all` });
  });
  return out;
}
