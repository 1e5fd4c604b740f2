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
 * "mae 1.234, rmse 2.05, loss 0.1 (last-value baseline: mae 1.3, rmse 2.2)": the model's metrics,
 * loss last (it is in scaled units), then the baseline's beside them.
 */
export function formatMetrics(metrics: Record<string, number>): string {
  const BASELINE = 'baseline_';
  const list = (keys: string[], name: (k: string) => string) =>
    keys
      .sort((a, b) => (a === 'loss' ? 1 : b === 'loss' ? -1 : a.localeCompare(b)))
      .map((k) => `${name(k)} ${fmtNumber(metrics[k])}`)
      .join(', ');
  const all = Object.keys(metrics);
  const own = list(all.filter((k) => !k.startsWith(BASELINE)), (k) => k);
  const baseline = list(all.filter((k) => k.startsWith(BASELINE)), (k) => k.slice(BASELINE.length));
  return (own || '—') + (baseline ? ` (last-value baseline: ${baseline})` : '');
}
