/** `lstm-studio import FILE`: imports a file through the API, with progress on stderr and Ctrl-C to cancel. */
import { randomUUID } from 'node:crypto';
import * as path from 'node:path';
import type { StudioApi } from '../../shared/api';
import type { DatasetDetail, ImportOptions } from '../../shared/dataset';
import { CancelledError, fmtInt } from '../../shared/errors';
import type { CliRequest } from './commands';
import { fmtInterval, fmtNumber, fmtTimeValue } from '../../shared/format';
import { formatTable } from './format';
import { printJson, type CliIo } from './io';
import { createProgressLine } from './progress-line';
import { checkReadableFile } from './readable-file';
import { withSession } from './session';
import { onStopRequest } from './signals';

/** The message of a cancelled import (exit code 1). */
export const IMPORT_CANCELLED = 'Import cancelled; nothing was stored.';

/** Runs the import command; returns the exit code (errors are thrown, as in every command). */
export async function runImport(req: Extract<CliRequest, { kind: 'import' }>, io: CliIo): Promise<number> {
  const file = path.resolve(req.file);
  checkReadableFile(file, null);
  const detail = await withSession(req.global, 'cli', io, ({ api }) => importWithProgress(api, file, req.options, io, IMPORT_CANCELLED));
  if (req.global.json) printJson(io, importJson(detail));
  else io.stdout.write(describeDataset(detail));
  return 0;
}

/**
 * Imports a file through the API with a progress line on stderr; Ctrl-C cancels the import, which
 * then fails with `cancelledMessage`. Shared by `import` and `train --data FILE`.
 */
export async function importWithProgress(api: StudioApi, file: string, options: ImportOptions, io: CliIo, cancelledMessage: string): Promise<DatasetDetail> {
  const jobId = `cli-import-${randomUUID()}`;
  const progress = createProgressLine(io.stderr, `Importing ${path.basename(file)}`);
  const stopListening = api.events.onJobProgress((p) => {
    if (p.jobId === jobId) progress.update(p);
  });
  const stopSignals = onStopRequest(() => {
    progress.finish();
    io.stderr.write('Cancelling the import...\n');
    api.jobs.cancel({ jobId }).catch(() => {}); // the job may have just finished: nothing to cancel
  }, io.stderr);
  try {
    return await api.datasets.import({ jobId, path: file, options });
  } catch (err) {
    if ((err as { kind?: string }).kind === 'cancelled') throw new CancelledError(cancelledMessage);
    throw err;
  } finally {
    progress.finish();
    stopListening();
    stopSignals();
  }
}

/** The `--json` result: `{"dataset": {id, name, rows, entities, timeColumn, entityColumn, columns}}`. */
export function importJson(detail: DatasetDetail) {
  const s = detail.summary;
  return {
    dataset: {
      id: s.id,
      name: s.name,
      rows: s.rows,
      entities: s.entities,
      timeColumn: s.timeColumn,
      entityColumn: s.entityColumn,
      columns: detail.columns.map((c) => ({
        name: c.name,
        type: c.type,
        count: c.count,
        missing: c.missing,
        min: c.min,
        max: c.max,
        mean: c.mean,
        std: c.std,
      })),
    },
  };
}

/** The readable result: the dataset's id and facts, a profile table of its columns, and any warnings. */
export function describeDataset(detail: DatasetDetail): string {
  const s = detail.summary;
  const facts: [string, string][] = [
    ['rows', fmtInt(s.rows)],
    ['entities', `${fmtInt(s.entities)}${s.entityColumn ? ` (column ${s.entityColumn})` : ''}`],
    ['time column', s.timeColumn ? `${s.timeColumn} (${s.timeKind})` : 'none (row order)'],
    ['interval', fmtInterval(detail.interval, s.timeKind) + (detail.regularity === null ? '' : `, ${(detail.regularity * 100).toFixed(1)}% regular`)],
    ['gaps', fmtInt(detail.gapCount)],
  ];
  if (s.labelColumn) facts.push(['label column', s.labelColumn]);
  const width = Math.max(...facts.map(([k]) => k.length));
  const rows = detail.columns.map((c) => {
    if (c.type !== 'datetime') {
      return [c.name, c.type, fmtInt(c.count), fmtInt(c.missing), fmtNumber(c.min), fmtNumber(c.max), fmtNumber(c.mean), fmtNumber(c.std)];
    }
    const time = (v: number | null) => fmtTimeValue(v, 'datetime');
    return [c.name, c.type, fmtInt(c.count), fmtInt(c.missing), time(c.min), time(c.max), time(c.mean), fmtInterval(c.std, 'datetime')];
  });
  return [
    `Imported dataset ${s.id}: ${s.name}`,
    ...facts.map(([k, v]) => `  ${k.padEnd(width)}  ${v}`),
    '',
    formatTable(['name', 'type', 'count', 'missing', 'min', 'max', 'mean', 'std'], rows, new Set([2, 3, 4, 5, 6, 7])).trimEnd(),
    ...detail.warnings.map((w) => `Warning: ${w}`),
    '',
  ].join('\n');
}
