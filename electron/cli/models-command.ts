/** `lstm-studio models list` and `lstm-studio presets`: the model registry and the built-in presets. */
import { fmtInt } from '../../shared/errors';
import { fmtNumber } from '../../shared/format';
import { PROGRAM, type CliRequest } from './commands';
import { formatTable } from './format';
import { runRegistryAction } from './registry-command';
import { printJson, type CliIo } from './io';
import { withSession } from './session';

/** `models list` prints the saved models as a table (or `{"models": [ModelSummary...]}` with --json); other actions go to the registry. */
export async function runModels(req: Extract<CliRequest, { kind: 'models' }>, io: CliIo): Promise<number> {
  if (req.action !== 'list') return runRegistryAction(req, io);
  const models = await withSession(req.global, 'cli', io, ({ api }) => api.models.list());
  if (req.global.json) {
    printJson(io, { models });
  } else if (models.length === 0) {
    io.stdout.write(`No models yet. Train one with \`${PROGRAM} train --data FILE --task forecast --target COL\`.\n`);
  } else {
    const rows = models.map((m) => [
      m.name,
      String(m.version),
      m.task,
      m.datasetName,
      formatMetrics(m.metrics),
      fmtInt(m.parameters),
      m.createdAt.slice(0, 16).replace('T', ' '),
      m.aliases.join(', '),
    ]);
    io.stdout.write(formatTable(['name', 'version', 'task', 'dataset', 'validation', 'parameters', 'created', 'aliases'], rows, new Set([1, 5])));
  }
  return 0;
}

/** Prints the presets (name, tasks, description), or `{"presets": [PresetInfo...]}` with --json. */
export async function runPresets(req: Extract<CliRequest, { kind: 'presets' }>, io: CliIo): Promise<number> {
  const presets = await withSession(req.global, 'cli', io, ({ api }) => api.presets.list());
  if (req.global.json) {
    printJson(io, { presets });
  } else {
    const rows = presets.map((p) => [p.name, p.tasks.join(', '), p.title]);
    io.stdout.write(formatTable(['name', 'tasks', 'model'], rows));
    io.stdout.write(`\nTrain with one: ${PROGRAM} train --preset NAME ...\n`);
  }
  return 0;
}

/**
 * "mae 1.234, rmse 2.05, loss 0.1 (baselines: last value mae 1.3, rmse 2.2; linear mae 1.2, ...)":
 * the model's metrics, loss last (it is in scaled units), then each baseline's beside them (models
 * saved before there were several show "(last-value baseline: mae 1.3, rmse 2.2)").
 */
export function formatMetrics(metrics: Record<string, number>): string {
  const list = (keys: string[], name: (k: string) => string) =>
    keys
      .sort((a, b) => (a === 'loss' ? 1 : b === 'loss' ? -1 : a.localeCompare(b)))
      .map((k) => `${name(k)} ${fmtNumber(metrics[k])}`)
      .join(', ');
  const all = Object.keys(metrics);
  const own = list(all.filter((k) => !k.startsWith('baseline_')), (k) => k);
  const perKey = new Map<string, string[]>();
  for (const k of all) {
    const m = /^baseline_([a-z-]+)_([a-z0-9]+)$/.exec(k);
    if (m) perKey.set(m[1], [...(perKey.get(m[1]) ?? []), k]);
  }
  if (perKey.size > 0) {
    const parts = [...perKey].map(([key, keys]) => `${key} ${list(keys, (k) => k.slice(`baseline_${key}_`.length))}`);
    return `${own || '—'} (baselines: ${parts.join('; ')})`;
  }
  const legacy = list(all.filter((k) => /^baseline_[a-z0-9]+$/.test(k)), (k) => k.slice('baseline_'.length));
  return (own || '—') + (legacy ? ` (last-value baseline: ${legacy})` : '');
}
