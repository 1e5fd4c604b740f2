/** `lstm-studio bench`: runs the benchmark and prints its table (or the report with --json). */
import { runBench, type BenchReport, type BenchResult } from '../bench/run-bench';
import type { CliRequest } from './commands';
import { formatTable } from './format';
import { printJson, type CliIo } from './io';

/** Runs the parts asked for, with progress on stderr; the table or JSON goes to stdout. */
export async function runBenchCommand(req: Extract<CliRequest, { kind: 'bench' }>, io: CliIo): Promise<number> {
  const report = await runBench({
    quick: req.quick,
    repeat: req.repeat,
    parts: req.parts,
    reference: req.reference,
    env: io.env,
    log: (line) => io.stderr.write(`bench: ${line}\n`),
  });
  if (req.global.json) printJson(io, report);
  else io.stdout.write(benchText(report));
  return 0;
}

/** The report as text: machine line, engines, the table and notes. */
export function benchText(r: BenchReport): string {
  const m = r.machine;
  const rows = r.results.map((x) => [x.name, figure(x.ours, x.unit), figure(x.reference, x.unit), x.unit, x.ratio === null ? '-' : `${x.ratio.toFixed(2)}x`, x.better]);
  return [
    `${m.cpu}, ${m.cores} cores, ${m.memoryGb} GB, ${m.platform}, Node ${m.node}; load average ${m.loadAverage[0]} at the start, ${m.loadAverage[1]} at the end`,
    `ours: ${r.engines.ours.join('; ') || '-'}`,
    `reference: ${r.engines.reference.join('; ') || '-'}`,
    `runs per part: ${r.workload.repeat} (medians)`,
    '',
    formatTable(['figure', 'ours', 'reference', 'unit', 'ours/ref', 'better'], rows, new Set([1, 2, 4])).trimEnd(),
    ...r.notes.map((n) => `note: ${n}`),
    '',
  ].join('\n');
}

function figure(v: number | null, unit: BenchResult['unit']): string {
  if (v === null || !Number.isFinite(v)) return '-';
  const digits = unit === 'ms' ? 2 : unit === 'MB/s' ? 1 : 0;
  return v.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}
