/** A `--data ID|FILE` argument as a dataset id: a number is an imported dataset, anything else a file to import first. */
import type { StudioApi } from '../../shared/api';
import { importWithProgress } from './import-command';
import type { CliIo } from './io';

/** Returns the dataset id `data` names, importing the file first (with progress on stderr) when it is not a number. */
export async function datasetArg(api: StudioApi, data: string, io: CliIo): Promise<number> {
  if (/^\d+$/.test(data.trim())) return Number(data.trim());
  const detail = await importWithProgress(api, data, {}, io, 'Import cancelled; nothing was stored.');
  return detail.summary.id;
}
