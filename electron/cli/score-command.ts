/** `lstm-studio score`: batch scoring with progress (Ctrl-C cancels), the skipped rows and entities, and the CSV. */
import type { ScoringRun } from '../../shared/scoring/types';
import { fmtBytes, fmtCount } from '../../shared/format';
import { checkOutputFile, copyFileAtomic } from '../app/output-file';
import { followJob } from './analysis-command';
import { resolveDatasetFor } from './data-source';
import { printJson, type CliIo } from './io';
import type { OpsCliRequest } from './ops-args';
import { withSession } from './session';

/** Runs the scoring job, copies the stored CSV to --out (atomically) and prints the summary. */
export async function runScoreCommand(req: OpsCliRequest, io: CliIo): Promise<number> {
  if (req.out) checkOutputFile(req.out, '--out'); // before the work, so a wrong path costs nothing
  return withSession(req.global, 'cli', io, async ({ api }) => {
    const datasetId = await resolveDatasetFor(api, req.model, req.data, io);
    const run = await followJob(api, io, `Scoring with ${req.model}`, (jobId) => api.scoring.run({ jobId, model: req.model, datasetId, stride: req.stride }));
    if (req.out) {
      const target = copyFileAtomic(run.file, req.out, '--out');
      io.stderr.write(`Wrote ${fmtCount(run.windows)} rows to ${target}.\n`);
    }
    if (req.global.json) printJson(io, run);
    else io.stdout.write(describeScoring(run));
    return 0;
  });
}

/** The run in words: what was scored, what was skipped and why, and where the rows are. */
export function describeScoring(r: ScoringRun): string {
  const lines = [
    `Scored ${fmtCount(r.windows)} windows of ${r.dataset.name} (${fmtCount(r.entities)} entit${r.entities === 1 ? 'y' : 'ies'}) with ${r.model.name} v${r.model.version} in ${(r.durationMs / 1000).toFixed(1)} s.`,
    `Reliability: ${fmtCount(r.reliability.ok)} ok, ${fmtCount(r.reliability.caution)} caution, ${fmtCount(r.reliability.unreliable)} unreliable.`,
  ];
  if (r.skippedRows.count > 0) {
    lines.push(`Skipped ${fmtCount(r.skippedRows.count)} bad row${r.skippedRows.count === 1 ? '' : 's'} of the file:`);
    for (const e of r.skippedRows.examples.slice(0, 10)) lines.push(`  ${e}`);
    if (r.skippedRows.count > 10) lines.push(`  ... and ${fmtCount(r.skippedRows.count - 10)} more.`);
  }
  if (r.skippedEntities.length > 0) {
    lines.push(`Skipped ${fmtCount(r.skippedEntities.length)} entit${r.skippedEntities.length === 1 ? 'y' : 'ies'}:`);
    for (const e of r.skippedEntities.slice(0, 10)) lines.push(`  ${e.entity}: ${e.reason}`);
  }
  lines.push(`Stored as ${r.file} (${fmtBytes(r.bytes)}), run ${r.id}.`);
  for (const n of r.notes) lines.push(`Note: ${n}`);
  return lines.join('\n') + '\n';
}
