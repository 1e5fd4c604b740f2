/**
 * Condition-wise normalisation for multi-regime data (e.g. turbofan run-to-failure histories flown
 * at several operating conditions): the operating-setting columns are clustered with seeded k-means
 * on training rows only, and every other input is normalised per cluster with that cluster's
 * training mean and standard deviation. The fitted state is plain JSON, stored with the model and
 * applied unchanged at scoring time.
 */
import { UserError, fmtInt } from '../errors';
import { MAX_CONDITION_CLUSTERS, type VariantConfig } from '../model/variant';
import { createRng } from '../random';
import type { EntitySeries } from './entity-series';
import { fillMissing } from './fill-missing';

/** 'auto' takes the fewest clusters that leave at most this share of the settings' variance within clusters. */
const AUTO_WITHIN_SHARE = 0.01;
/** k-means runs on at most this many training rows (a seeded sample). */
const MAX_FIT_ROWS = 20_000;

/** The fitted normalisation: settings scaling, cluster centres and per-cluster statistics of each normalised input. */
export interface ConditionState {
  settings: string[];
  /** Per setting: the training mean and standard deviation that put settings on one scale for clustering. */
  center: number[];
  spread: number[];
  /** Cluster centres in those standardised units. */
  centroids: number[][];
  /** The inputs normalised per cluster, and per cluster, per input, its training mean and std. */
  inputs: string[];
  stats: { mean: number; std: number }[][];
}

/**
 * Fits the normalisation on the rows marked in `trainRows` (per entity, 1 = a training row), or
 * returns null when `scaling.conditions.columns` is empty. `inputs` are the base input columns;
 * the settings and targets among them are left as they are.
 */
export function fitConditions(series: readonly EntitySeries[], trainRows: readonly Uint8Array[], inputs: readonly string[], config: VariantConfig): ConditionState | null {
  // Targets keep their own units: a regression target that is also an input is not normalised.
  const { columns: settings, clusters } = config.scaling.conditions;
  if (settings.length === 0) return null;
  checkSettings(series, settings);
  const rows = sampleRows(series, trainRows, settings, createRng(config.training.seed));
  if (rows.length === 0) throw new UserError('scaling.conditions: there are no training rows to cluster the operating settings on.');
  const { center, spread } = standardise(rows);
  const points = rows.map((r) => r.map((v, j) => (v - center[j]) / spread[j]));
  const centroids = clusters === 'auto' ? autoKMeans(points, config.training.seed) : kMeans(points, Math.min(clusters, points.length), config.training.seed).centroids;
  const normalised = inputs.filter((name) => !settings.includes(name) && !config.input.targets.includes(name));
  const state: ConditionState = { settings: [...settings], center, spread, centroids, inputs: normalised, stats: [] };
  state.stats = clusterStats(series, trainRows, state);
  return state;
}

/** Copies of the entities with each normalised input replaced by its per-cluster z-score (missing values stay missing). */
export function applyConditions(series: readonly EntitySeries[], state: ConditionState): EntitySeries[] {
  checkSettings(series, state.settings);
  return series.map((s) => {
    const cluster = clustersOf(s, state);
    const columns = { ...s.columns };
    state.inputs.forEach((name, j) => {
      const raw = s.columns[name];
      if (!raw) return;
      const out = new Float64Array(raw.length);
      for (let r = 0; r < raw.length; r++) {
        const st = state.stats[cluster[r]][j];
        out[r] = (raw[r] - st.mean) / st.std;
      }
      columns[name] = out;
    });
    return { ...s, columns };
  });
}

/** A short sentence for the run's notes. */
export function conditionNote(state: ConditionState): string {
  return `Normalised ${fmtInt(state.inputs.length)} input${state.inputs.length === 1 ? '' : 's'} per operating condition: ${state.centroids.length} cluster${state.centroids.length === 1 ? '' : 's'} of ${state.settings.map((s) => `\`${s}\``).join(', ')} (k-means on training rows only).`;
}

/** Per row of an entity, the index of its nearest cluster centre. */
export function clustersOf(s: EntitySeries, state: ConditionState): Uint16Array {
  const cols = state.settings.map((name) => fillMissing(s.columns[name]).values);
  const n = cols[0]?.length ?? 0;
  const out = new Uint16Array(n);
  const point = new Array<number>(cols.length);
  for (let r = 0; r < n; r++) {
    for (let j = 0; j < cols.length; j++) point[j] = (cols[j][r] - state.center[j]) / state.spread[j];
    out[r] = nearest(point, state.centroids);
  }
  return out;
}

function checkSettings(series: readonly EntitySeries[], settings: readonly string[]): void {
  const first = series[0];
  if (!first) return;
  const missing = settings.filter((name) => !first.columns[name]);
  if (missing.length > 0) {
    throw new UserError(
      `scaling.conditions.columns: this dataset has no column ${missing.map((m) => `\`${m}\``).join(', ')}. Name the operating-setting columns as they are in the data (its columns: ${Object.keys(first.columns).slice(0, 20).join(', ')}).`,
    );
  }
}

/** The settings of the training rows (a seeded sample when there are many), rows with a missing setting left out. */
function sampleRows(series: readonly EntitySeries[], trainRows: readonly Uint8Array[], settings: readonly string[], rng: () => number): number[][] {
  const total = trainRows.reduce((sum, m) => sum + m.reduce((a, b) => a + b, 0), 0);
  const keep = Math.min(1, MAX_FIT_ROWS / Math.max(1, total));
  const rows: number[][] = [];
  series.forEach((s, e) => {
    const mark = trainRows[e];
    for (let r = 0; r < mark.length; r++) {
      if (!mark[r] || (keep < 1 && rng() >= keep)) continue;
      const row = settings.map((name) => s.columns[name][r]);
      if (row.every((v) => v === v)) rows.push(row);
    }
  });
  return rows;
}

function standardise(rows: readonly number[][]): { center: number[]; spread: number[] } {
  const d = rows[0].length;
  const center = new Array<number>(d).fill(0);
  const spread = new Array<number>(d).fill(0);
  for (const r of rows) for (let j = 0; j < d; j++) center[j] += r[j] / rows.length;
  for (const r of rows) for (let j = 0; j < d; j++) spread[j] += (r[j] - center[j]) ** 2 / rows.length;
  return { center, spread: spread.map((v) => (Math.sqrt(v) > 1e-12 ? Math.sqrt(v) : 1)) };
}

/** The fewest clusters (1..MAX) whose within-cluster variance is at most AUTO_WITHIN_SHARE of the total; 1 when none is (no distinct regimes). */
function autoKMeans(points: readonly number[][], seed: number): number[][] {
  const one = kMeans(points, 1, seed);
  if (one.within <= 1e-12) return one.centroids;
  for (let k = 2; k <= Math.min(MAX_CONDITION_CLUSTERS, points.length); k++) {
    const fit = kMeans(points, k, seed);
    if (fit.within <= AUTO_WITHIN_SHARE * one.within) return fit.centroids;
  }
  return one.centroids;
}

/** Seeded k-means (k-means++ start, Lloyd iterations): the centres and the sum of squared distances to them. */
export function kMeans(points: readonly number[][], k: number, seed: number): { centroids: number[][]; within: number } {
  const rng = createRng(seed);
  const centroids: number[][] = [points[Math.floor(rng() * points.length)].slice()];
  const dist = points.map((p) => squared(p, centroids[0]));
  while (centroids.length < k) {
    const total = dist.reduce((a, b) => a + b, 0);
    let pick = 0;
    if (total > 0) {
      let u = rng() * total;
      while (pick < points.length - 1 && (u -= dist[pick]) > 0) pick++;
    } else pick = Math.floor(rng() * points.length);
    centroids.push(points[pick].slice());
    points.forEach((p, i) => (dist[i] = Math.min(dist[i], squared(p, centroids[centroids.length - 1]))));
  }
  const assign = new Uint16Array(points.length);
  for (let iter = 0; iter < 100; iter++) {
    let moved = iter === 0;
    points.forEach((p, i) => {
      const c = nearest(p, centroids);
      if (c !== assign[i]) moved = true;
      assign[i] = c;
    });
    if (!moved) break;
    const sums = centroids.map((c) => new Array<number>(c.length).fill(0));
    const counts = new Array<number>(k).fill(0);
    points.forEach((p, i) => {
      counts[assign[i]]++;
      p.forEach((v, j) => (sums[assign[i]][j] += v));
    });
    sums.forEach((s, c) => counts[c] > 0 && (centroids[c] = s.map((v) => v / counts[c])));
  }
  const within = points.reduce((sum, p, i) => sum + squared(p, centroids[assign[i]]), 0);
  return { centroids, within };
}

/** Per cluster, per normalised input: mean and std over the training rows of that cluster (the overall ones for a cluster without rows). */
function clusterStats(series: readonly EntitySeries[], trainRows: readonly Uint8Array[], state: ConditionState): { mean: number; std: number }[][] {
  const K = state.centroids.length;
  const J = state.inputs.length;
  const acc = Array.from({ length: K + 1 }, () => Array.from({ length: J }, () => ({ n: 0, sum: 0, sq: 0 })));
  series.forEach((s, e) => {
    const cluster = clustersOf(s, state);
    const mark = trainRows[e];
    state.inputs.forEach((name, j) => {
      const col = s.columns[name];
      for (let r = 0; r < mark.length; r++) {
        const v = col[r];
        if (!mark[r] || v !== v) continue;
        for (const a of [acc[cluster[r]][j], acc[K][j]]) {
          a.n++;
          a.sum += v;
          a.sq += v * v;
        }
      }
    });
  });
  const stat = (a: { n: number; sum: number; sq: number }) => {
    const mean = a.n > 0 ? a.sum / a.n : 0;
    const std = a.n > 1 ? Math.sqrt(Math.max(0, a.sq / a.n - mean * mean)) : 0;
    return { mean, std: std > 1e-9 * Math.max(1, Math.abs(mean)) ? std : 1 };
  };
  return acc.slice(0, K).map((perInput) => perInput.map((a, j) => stat(a.n > 1 ? a : acc[K][j])));
}

function nearest(p: readonly number[], centroids: readonly number[][]): number {
  let best = 0;
  let bestD = Infinity;
  centroids.forEach((c, i) => {
    const d = squared(p, c);
    if (d < bestD) {
      bestD = d;
      best = i;
    }
  });
  return best;
}

function squared(a: readonly number[], b: readonly number[]): number {
  let s = 0;
  for (let j = 0; j < a.length; j++) s += (a[j] - b[j]) ** 2;
  return s;
}
