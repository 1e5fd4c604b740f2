/**
 * Splits windows into train / validation / test without leakage: chronologically within each entity
 * (targets of one split never reach into the next split's period) or by whole entities.
 */
import { UserError } from '../errors';
import type { SplitInfo } from '../model/training';
import type { VariantConfig } from '../model/variant';
import { createRng, shuffled } from '../random';
import { entityWindows, type WindowLayout, type WindowRef } from './window-plan';

/** One of the three splits, as named in PreparedData. */
export type SplitName = 'train' | 'validation' | 'test';
/** The splits in order. */
export const SPLIT_NAMES: readonly SplitName[] = ['train', 'validation', 'test'];

/** The minimum the entity-wise split needs: one entity for each of train, validation and test. */
export const MIN_SPLIT_ENTITIES = 3;

/** What the splitter needs to know of an entity. */
export interface SplitEntity {
  name: string;
  length: number;
  time: Float64Array | null;
  /** Class label, used to stratify the sequence split. */
  label?: string | null;
}

/** The windows of each split, with the split described for reports and charts. */
export interface SplitWindows extends Record<SplitName, WindowRef[]> {
  info: SplitInfo;
}

type Fractions = VariantConfig['training']['split'];

/**
 * Splits n items into counts by fractions (largest remainder). When there are enough items, every
 * split with a positive fraction gets at least one, taken from the largest.
 */
export function allocate(n: number, fractions: readonly number[]): number[] {
  const raw = fractions.map((f) => f * n);
  const counts = raw.map(Math.floor);
  let left = n - counts.reduce((a, b) => a + b, 0);
  const order = raw.map((_r, i) => i).sort((a, b) => raw[b] - Math.floor(raw[b]) - (raw[a] - Math.floor(raw[a])) || a - b);
  for (let k = 0; left > 0; k = (k + 1) % order.length, left--) counts[order[k]]++;
  if (n >= fractions.filter((f) => f > 0).length) {
    fractions.forEach((f, i) => {
      if (f > 0 && counts[i] === 0) {
        counts[counts.indexOf(Math.max(...counts))]--;
        counts[i]++;
      }
    });
  }
  return counts;
}

/**
 * Chronological split: each entity's candidate windows are cut at the train and validation
 * fractions of their end positions. Validation starts at the first target row of the first
 * validation window, test likewise; a window belongs to a split only if all its target rows lie in
 * that split's period, so windows straddling a boundary (horizon > 1) are left out.
 */
export function splitChronological(entities: readonly SplitEntity[], layout: WindowLayout, stride: number, fractions: Fractions): SplitWindows {
  const out: SplitWindows = { train: [], validation: [], test: [], info: info('chronological', fractions) };
  entities.forEach((ent, e) => {
    const windows = entityWindows(e, ent.length, layout, stride);
    const [nTrain, nVal] = allocate(windows.length, [fractions.train, fractions.validation, fractions.test]);
    const cut = (k: number) => (k < windows.length ? windows[k].end + layout.firstTarget : null);
    const testStart = cut(nTrain + nVal);
    const validationStart = cut(nTrain) ?? testStart;
    for (const w of windows) {
      const first = w.end + layout.firstTarget;
      const last = w.end + layout.lastTarget;
      if (validationStart === null || last < validationStart) out.train.push(w);
      else if (first >= validationStart && (testStart === null || last < testStart)) out.validation.push(w);
      else if (testStart !== null && first >= testStart) out.test.push(w);
    }
    const at = (row: number | null) => (row === null ? null : ent.time ? ent.time[row] : row);
    out.info.boundaries.push({ entity: ent.name, validationStart: nVal > 0 ? at(validationStart) : null, testStart: at(testStart) });
  });
  return out;
}

/**
 * Entity-wise split: whole entities go to train, validation or test after a shuffle seeded by
 * `training.seed` (the same seed gives the same split). With labels (wide sequences) the shuffle
 * is stratified: each class is spread evenly over the order before it is cut.
 */
export function splitByEntity(entities: readonly SplitEntity[], layout: WindowLayout, stride: number, fractions: Fractions, seed: number): SplitWindows {
  const windows = entities.map((ent, e) => entityWindows(e, ent.length, layout, stride));
  const usable = entities.map((_, e) => e).filter((e) => windows[e].length > 0);
  const what = layout.whole ? 'sequences' : 'entities';
  if (usable.length < MIN_SPLIT_ENTITIES) {
    throw new UserError(
      `training.split.mode: an entity-wise split needs at least ${MIN_SPLIT_ENTITIES} ${what} with enough rows for a window (one each for training, validation and test); this dataset has ${usable.length}. Use training.split.mode: chronological.`,
    );
  }
  const order = stratifiedOrder(usable, (e) => entities[e].label ?? null, seed);
  const counts = allocate(order.length, [fractions.train, fractions.validation, fractions.test]);
  const out: SplitWindows = { train: [], validation: [], test: [], info: info('entity', fractions) };
  const lists: Record<SplitName, string[]> = { train: [], validation: [], test: [] };
  let at = 0;
  SPLIT_NAMES.forEach((split, s) => {
    const members = order.slice(at, at + counts[s]).sort((a, b) => a - b);
    at += counts[s];
    for (const e of members) {
      out[split].push(...windows[e]);
      lists[split].push(entities[e].name);
    }
  });
  out.info.entities = lists;
  return out;
}

/**
 * The split a config's `training.split.mode` stands for on this data: 'auto' is by entity for rul,
 * regress and classify when at least MIN_SPLIT_ENTITIES entities give windows (a model of assets is
 * judged on assets it has never seen; a chronological split inside each history leaks the same
 * asset's behaviour into every split), else chronological. Forecasts are judged on the future, so
 * 'auto' keeps them chronological.
 */
export function resolveSplitMode(mode: VariantConfig['training']['split']['mode'], task: VariantConfig['task'], usableEntities: number): SplitInfo['mode'] {
  if (mode !== 'auto') return mode;
  return task !== 'forecast' && usableEntities >= MIN_SPLIT_ENTITIES ? 'entity' : 'chronological';
}

/** A seeded shuffle in which each label's members are spread evenly (interleaved by their rank). */
function stratifiedOrder(items: number[], label: (item: number) => string | null, seed: number): number[] {
  const rng = createRng(seed);
  const groups = new Map<string | null, number[]>();
  for (const item of shuffled(rng, items)) {
    const key = label(item);
    const members = groups.get(key);
    if (members) members.push(item);
    else groups.set(key, [item]);
  }
  const ranked: { item: number; position: number; group: number }[] = [];
  [...groups.values()].forEach((members, g) => members.forEach((item, k) => ranked.push({ item, position: (k + 0.5) / members.length, group: g })));
  return ranked.sort((a, b) => a.position - b.position || a.group - b.group).map((r) => r.item);
}

function info(mode: SplitInfo['mode'], f: Fractions): SplitInfo {
  return { mode, fractions: { train: f.train, validation: f.validation, test: f.test }, windows: { train: 0, validation: 0, test: 0 }, boundaries: [] };
}
