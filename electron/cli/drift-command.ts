/** `lstm-studio drift`: a drift check of a dataset against a version's training data, as a table or JSON. */
import type { DriftReport, FeatureDrift } from '../../shared/drift/types';
import { fmtCount, fmtNumber, fmtPct } from '../../shared/format';
import { followJob } from './analysis-command';
import { resolveDatasetFor } from './data-source';
import { formatTable } from './format';
import { printJson, type CliIo } from './io';
import type { OpsCliRequest } from './ops-args';
import { withSession } from './session';

/** Runs the check (a job with progress; Ctrl-C cancels) and prints its verdict. */
export async function runDriftCommand(req: OpsCliRequest, io: CliIo): Promise<number> {
  return withSession(req.global, 'cli', io, async ({ api }) => {
    const datasetId = await resolveDatasetFor(api, req.model, req.data, io);
    const report = await followJob(api, io, `Checking drift with ${req.model}`, (jobId) => api.drift.run({ jobId, model: req.model, datasetId }));
    if (req.global.json) printJson(io, report);
    else io.stdout.write(describeDrift(report));
    return 0;
  });
}

/** The report as text: the verdict, one row per feature, predictions and performance. */
export function describeDrift(r: DriftReport): string {
  const row = (f: FeatureDrift) => [
    f.name,
    f.untested !== undefined ? '-' : f.test === 'ks' ? 'KS p-value' : 'Wasserstein/std',
    f.untested !== undefined ? '-' : fmtNumber(f.statistic),
    f.untested !== undefined ? '-' : `${f.test === 'ks' ? '<' : '>='} ${f.threshold}`,
    f.untested !== undefined ? 'NOT TESTED' : f.drifted ? 'DRIFTED' : 'ok',
    fmtNumber(f.referenceMean),
    fmtNumber(f.currentMean),
    fmtCount(f.currentCount),
  ];
  const rows = [...r.features.map(row), ...(r.predictions ? [row(r.predictions)] : [])];
  const untested = r.features.filter((f) => f.untested !== undefined);
  const tested = r.features.length - untested.length;
  const lines = [
    `${r.dataset.name} against ${r.model.name} v${r.model.version}: ${r.drifted ? 'DRIFTED' : 'no drift'} (${fmtPct(r.share, 0)} of ${untested.length > 0 ? `the ${tested} tested ` : ''}features drifted; the threshold is ${fmtPct(r.shareThreshold, 0)}).`,
    ...untested.map((f) => `Not tested: ${f.name}: ${f.untested}.`),
    '',
    formatTable(['feature', 'test', 'statistic', 'drift if', 'verdict', 'training mean', 'new mean', 'values'], rows, new Set([2, 5, 6, 7])),
  ];
  if (r.performance) {
    const p = r.performance;
    lines.push(`Performance: ${p.metric} ${fmtNumber(p.current)} on ${fmtCount(p.windows)} windows against ${fmtNumber(p.reference)} at validation (${fmtNumber(p.ratio)}x): ${p.degraded ? 'DEGRADED' : 'ok'}.`);
  }
  if (r.unchecked?.predictions) lines.push(`Prediction drift cannot be checked: ${r.unchecked.predictions}.`);
  if (r.unchecked?.performance) lines.push(`Performance drift cannot be checked: ${r.unchecked.performance}.`);
  for (const n of r.notes) lines.push(`Note: ${n}`);
  lines.push('', r.method, '');
  return lines.join('\n');
}
