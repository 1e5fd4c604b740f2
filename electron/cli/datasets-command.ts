/** `lstm-studio datasets`: lists the datasets of the project database. */
import { fmtInt } from '../../shared/errors';
import { PROGRAM, type CliRequest } from './commands';
import { formatTable } from './format';
import { printJson, type CliIo } from './io';
import { withSession } from './session';

/** Prints the datasets as a table, or `{"datasets": [DatasetSummary...]}` with --json. */
export async function runDatasets(req: Extract<CliRequest, { kind: 'datasets' }>, io: CliIo): Promise<number> {
  const datasets = await withSession(req.global, 'cli', io, ({ api }) => api.datasets.list());
  if (req.global.json) {
    printJson(io, { datasets });
  } else if (datasets.length === 0) {
    io.stdout.write(`No datasets yet. Import a file with \`${PROGRAM} import FILE\`.\n`);
  } else {
    const rows = datasets.map((d) => [
      String(d.id),
      d.name,
      fmtInt(d.rows),
      fmtInt(d.entities),
      d.format,
      d.createdAt.slice(0, 16).replace('T', ' '),
    ]);
    io.stdout.write(formatTable(['id', 'name', 'rows', 'entities', 'format', 'created'], rows, new Set([0, 2, 3])));
  }
  return 0;
}
