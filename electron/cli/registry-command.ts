/** `lstm-studio models show|history|deploy|rollback|compare|delete|policy`: the registry's actions. */
import * as path from 'node:path';
import { fmtBytes, fmtNumber } from '../../shared/format';
import type { StudioApi } from '../../shared/api';
import { formatThreshold } from '../../shared/registry/thresholds';
import type { AliasEvent, GateReport, ModelVersionDetail } from '../../shared/registry/types';
import { UserError } from '../../shared/errors';
import { followJob } from './analysis-command';
import { resolveDataset } from './data-source';
import { formatTable } from './format';
import { printJson, type CliIo } from './io';
import type { ModelsCliRequest } from './models-args';
import { formatMetrics } from './models-command';
import { PROGRAM } from './program';
import { withSession } from './session';

type Req = Exclude<ModelsCliRequest, { action: 'list' }>;

/** Runs one registry action and prints its result (a table or text, or JSON with --json). */
export async function runRegistryAction(req: Req, io: CliIo): Promise<number> {
  return withSession(req.global, 'cli', io, async ({ api }) => {
    const out = (json: unknown, text: () => string) => (req.global.json ? printJson(io, json) : io.stdout.write(text()));
    switch (req.action) {
      case 'show': {
        const model = await api.models.get({ ref: req.ref });
        const history = await api.models.history({ name: model.name });
        out({ model, aliasHistory: history }, () => showText(model) + historyText(history));
        return 0;
      }
      case 'history': {
        const events = await api.models.history({ name: req.name, alias: req.alias });
        out({ events }, () => historyText(events) || `No alias of ${req.name} has been moved yet.\n`);
        return 0;
      }
      case 'gates': {
        const v = await api.models.get({ ref: req.ref });
        const datasetId = req.data === undefined ? undefined : await resolveDataset(api, dataArg(req.data), io);
        const what = `Scoring ${v.name} v${v.version} on its test split`;
        const report = req.evaluate ? await followJob(api, io, what, (jobId) => api.models.gates({ name: v.name, version: v.version, alias: req.alias, datasetId, evaluate: true, jobId })) : await api.models.gates({ name: v.name, version: v.version, alias: req.alias, datasetId });
        out(report, () => `${report.passed ? 'Every gate passes' : 'A gate fails'} for ${v.name} v${v.version} as ${report.alias}.\n${gatesText(report)}`);
        return 0;
      }
      case 'deploy': {
        const v = await api.models.get({ ref: req.ref });
        const datasetId = req.data === undefined ? undefined : await resolveDataset(api, dataArg(req.data), io);
        const request = { name: v.name, version: v.version, alias: req.alias, force: req.force, reason: req.reason, datasetId };
        const what = `Scoring ${v.name} v${v.version} on its test split`;
        const result = req.evaluate ? await followJob(api, io, what, (jobId) => api.models.deploy({ ...request, evaluate: true, jobId })) : await api.models.deploy(request);
        const e = result.event;
        out(result, () => `${e.forced ? 'Deployed with failed gates overridden' : 'Deployed'}: ${e.name} v${e.toVersion} is now ${e.alias}${e.fromVersion === null ? '' : ` (was v${e.fromVersion})`}.\n${gatesText(result.report)}`);
        return 0;
      }
      case 'rollback': {
        const event = await api.models.rollback({ name: req.name, alias: req.alias, reason: req.reason });
        out({ event }, () => `Rolled back: ${event.name} ${event.alias} is v${event.toVersion} again (was v${event.fromVersion}).\n`);
        return 0;
      }
      case 'compare': {
        const c = await api.models.compare({ a: req.a, b: req.b });
        out(c, () => compareText(c));
        return 0;
      }
      case 'export': {
        const r = await api.models.export({ ref: req.ref, path: path.resolve(req.out) });
        out(r, () => `Exported ${r.model.name} v${r.model.version} to ${r.path} (${fmtBytes(r.bytes)}, SHA-256 ${r.sha256.slice(0, 16)}…).\n`);
        return 0;
      }
      case 'import': {
        const file = path.resolve(req.file);
        const k = req.keras;
        const m = k
          ? await api.models.importKeras({ path: file, name: req.name ?? path.basename(path.dirname(file)), datasetId: await resolveDataset(api, dataArg(k.data), io), task: k.task, features: k.features, targets: k.targets, classes: k.classes, window: k.window, scaling: k.scaling })
          : await api.models.import({ path: file, name: req.name });
        out({ model: m }, () => `Imported ${path.basename(file)} as ${m.name} v${m.version} (${m.task}, ${m.source}).\n`);
        return 0;
      }
      case 'delete':
        return deleteVersion(api, req, io);
      case 'policy': {
        const hasChange = Object.keys(req.policy).length > 0;
        const policy = hasChange ? await api.models.setPolicy({ name: req.name, policy: req.policy }) : await api.models.policy({ name: req.name });
        out({ name: req.name, policy }, () =>
          [
            `${hasChange ? 'Saved the policy of' : 'Policy of'} ${req.name}:`,
            `  thresholds      ${policy.thresholds.map(formatThreshold).join(', ') || 'none'}`,
            `  max model age   ${policy.maxModelAgeDays === null ? 'no limit' : `${fmtNumber(policy.maxModelAgeDays)} days`}`,
            `  max data age    ${policy.maxDataAgeDays === null ? 'no limit' : `${fmtNumber(policy.maxDataAgeDays)} days`}`,
            `  drift alert at  ${Math.round(policy.driftShare * 100)}% of features drifting`,
            `  baseline gate   ${policy.baselineGate === 'naive' ? 'beat the naive baseline (last value; mean RUL; majority class)' : 'beat the best baseline measured'}`,
            '',
          ].join('\n'),
        );
        return 0;
      }
    }
  });
}

async function deleteVersion(api: StudioApi, req: Extract<Req, { action: 'delete' }>, io: CliIo): Promise<number> {
  const v = await api.models.get({ ref: req.ref });
  // A version in service is refused by the delete itself, whatever --yes says.
  if (!req.yes && v.aliases.length === 0) {
    throw new UserError(`${PROGRAM} models delete removes ${v.name} v${v.version} and its files for good: add --yes to confirm.`);
  }
  await api.models.delete({ name: v.name, version: v.version });
  if (req.global.json) printJson(io, { deleted: true, model: { name: v.name, version: v.version } });
  else io.stdout.write(`Deleted ${v.name} v${v.version} and its files.\n`);
  return 0;
}

function showText(m: ModelVersionDetail): string {
  const l = m.lineage;
  const rows: [string, string][] = [
    ['task', m.task],
    ['source', l.importedFrom ? `${m.source} from ${l.importedFrom.file} (${l.importedFrom.name} v${l.importedFrom.version})` : m.source],
    ['created', m.createdAt.slice(0, 19).replace('T', ' ')],
    ['dataset', `${l.datasetName} (fingerprint ${l.fingerprint.slice(0, 12)}…)`],
    ['run', `${l.runId}${l.runInProject ? '' : ' (not in this project)'}${l.preset ? `, preset ${l.preset}` : ''}`],
    ['inputs', `${m.featureNames.join(', ')} (window ${m.window})`],
    ['predicts', `${m.targetNames.join(', ')}${m.task === 'forecast' ? `, ${m.horizon} step${m.horizon === 1 ? '' : 's'} ahead` : ''}`],
    ['validation', formatMetrics(m.metrics)],
    ['aliases', m.aliases.join(', ') || 'none'],
    ['tags', m.tags.join(', ') || 'none'],
    ['path', m.path],
  ];
  if (m.notes) rows.push(['notes', m.notes]);
  return `${m.name} v${m.version}\n${rows.map(([k, v]) => `  ${k.padEnd(11)} ${v}`).join('\n')}\n`;
}

/** The recorded moves as a table (empty string when there are none). */
function historyText(events: AliasEvent[]): string {
  if (events.length === 0) return '';
  const rows = events.map((e) => [
    e.at.slice(0, 19).replace('T', ' '),
    e.alias,
    e.action + (e.forced ? ' (forced)' : ''),
    `${e.fromVersion === null ? '—' : `v${e.fromVersion}`} -> v${e.toVersion}`,
    e.reason || '—',
  ]);
  return `\nAlias moves:\n${formatTable(['time', 'alias', 'action', 'versions', 'reason'], rows)}`;
}

/** The gates of a report as a table. */
export function gatesText(report: GateReport): string {
  const rows = report.gates.map((g) => [g.status.toUpperCase(), g.title, g.detail]);
  const basis = report.basis === 'test' ? 'the held-out test split' : 'the validation metrics stored at training';
  return `Gates (on ${basis}):\n${formatTable(['status', 'gate', 'detail'], rows)}${report.notes.map((n) => `Note: ${n}\n`).join('')}`;
}

function compareText(c: Awaited<ReturnType<StudioApi['models']['compare']>>): string {
  const a = `${c.a.name} v${c.a.version}`;
  const b = `${c.b.name} v${c.b.version}`;
  const metrics = formatTable(
    ['metric', a, b, 'better'],
    c.metrics.map((m) => [m.name, fmtNumber(m.a), fmtNumber(m.b), m.better === null ? '—' : m.better === 'same' ? 'same' : m.better === 'a' ? a : b]),
    new Set([1, 2]),
  );
  const diff =
    c.differences.length === 0
      ? 'The configs are the same.\n'
      : `Config differences:\n${formatTable(['setting', a, b], c.differences.map((d) => [d.path, JSON.stringify(d.a) ?? '—', JSON.stringify(d.b) ?? '—']))}`;
  const note = c.sameData ? '' : 'Trained on different data: the validation metrics are not directly comparable.\n';
  return `${metrics}${note}\n${diff}`;
}

/** `--data ID|FILE`: a number is a dataset id, anything else a file (imported once, then reused). */
function dataArg(data: string): { datasetId: number } | { file: string; options: Record<string, never> } {
  return /^\d+$/.test(data.trim()) ? { datasetId: Number(data.trim()) } : { file: data, options: {} };
}
