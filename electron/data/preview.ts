import * as path from 'node:path';
import type { ImportOptions, ImportPreview } from '../../shared/dataset';
import { sniff } from '../../shared/import/sniff';
import { readSample } from './file-sample';

/** Reads the start of a file and shows how it would be imported, so the user can adjust the options. */
export async function previewFile(file: string, options: ImportOptions = {}): Promise<ImportPreview> {
  const sample = readSample(file);
  const s = sniff(sample.text, options);
  return {
    path: file,
    fileName: path.basename(file),
    sizeBytes: sample.sizeBytes,
    options: { ...s.options, name: options.name ?? defaultDatasetName(file) },
    columns: s.options.columns,
    columnTypes: s.columnTypes,
    sampleRows: s.sampleRows,
    notes: s.notes,
  };
}

/** A dataset's default name: the file name without its extension. */
export function defaultDatasetName(file: string): string {
  const base = path.basename(file);
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(0, dot) : base;
}
