/**
 * `--data FILE|ID` for commands that use a dataset: an id is used as it is; a file is imported,
 * unless the same unchanged file (same SHA-256) was imported before with the same options.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { StudioApi } from '../../shared/api';
import type { ImportOptions } from '../../shared/dataset';
import { fmtInt } from '../../shared/errors';
import { importWithProgress } from './import-command';
import type { CliIo } from './io';
import { checkReadableFile } from './readable-file';

/** The dataset of a command that uses a model, the model reference checked first: a wrong one imports nothing. */
export async function resolveDatasetFor(api: StudioApi, model: string, data: { file: string; options: ImportOptions } | { datasetId: number }, io: CliIo): Promise<number> {
  await api.models.get({ ref: model });
  return resolveDataset(api, data, io);
}

/** The dataset id for `data`, importing the file when needed (progress on stderr). */
export async function resolveDataset(api: StudioApi, data: { file: string; options: ImportOptions } | { datasetId: number }, io: CliIo): Promise<number> {
  if ('datasetId' in data) return data.datasetId;
  const file = path.resolve(data.file);
  checkReadableFile(file, '--data');
  if (Object.keys(data.options).length === 0) {
    const fingerprint = await sha256(file);
    const existing = (await api.datasets.list()).find((d) => d.fingerprint === fingerprint && d.sourcePath === file);
    if (existing) {
      io.stderr.write(`Using dataset ${existing.id} (${existing.name}), imported from this file before.\n`);
      return existing.id;
    }
  }
  const detail = await importWithProgress(api, file, data.options, io, 'Import cancelled; nothing was stored.');
  io.stderr.write(`Imported ${path.basename(file)} as dataset ${detail.summary.id} (${fmtInt(detail.summary.rows)} rows).\n`);
  return detail.summary.id;
}

function sha256(file: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    fs.createReadStream(file)
      .on('data', (chunk) => hash.update(chunk))
      .on('error', reject)
      .on('end', () => resolve(hash.digest('hex')));
  });
}
