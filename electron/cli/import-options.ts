/** The options that describe how to read a data file, shared by `import`, `train` and the analysis commands. */
import type { OptionSpecs } from './args';

/** Options of `import`, also accepted by commands whose --data is a file (which is imported first). */
export const IMPORT_OPTIONS = {
  name: { type: 'string', valueName: 'NAME', description: 'Dataset name (default: the file name)' },
  time: { type: 'string', valueName: 'COL', description: 'Time column, or "none" for row order (default: detected)' },
  entity: { type: 'string', valueName: 'COL', description: 'Asset/unit column, or "none" for one series (default: detected)' },
  label: { type: 'string', valueName: 'COL', description: 'Label (class) column, or "none"' },
  'no-header': { type: 'flag', description: 'The first row is data; columns are named c1, c2, ...' },
  delimiter: { type: 'string', valueName: 'D', description: 'Field delimiter: , ; tab | whitespace (default: detected)' },
  decimal: { type: 'string', valueName: '.|,', description: 'Decimal separator (default: detected)' },
  columns: { type: 'string', valueName: 'a,b,c', description: 'New column names, in file order' },
  format: { type: 'string', valueName: 'long|wide', description: 'long: one time step per row; wide: one sequence per row' },
} satisfies OptionSpecs;

const { name: _datasetName, ...withoutName } = IMPORT_OPTIONS;
void _datasetName;

/** The import options of commands whose --data is a file (their --name, if any, names something else). */
export const DATA_IMPORT_OPTIONS: Omit<typeof IMPORT_OPTIONS, 'name'> = withoutName;
