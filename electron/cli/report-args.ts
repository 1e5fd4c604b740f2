/**
 * `lstm-studio report`: its options, help, and the conversion of parsed options into a typed
 * request. The format comes from --out's extension (.html or .pdf). No I/O here.
 */
import type { ImportOptions } from '../../shared/dataset';
import type { AlarmLimit } from '../../shared/evaluation/analysis-types';
import { REPORT_KINDS, type ReportFormat, type ReportKind } from '../../shared/reports/types';
import { ArgError, type OptionSpecs, type ParsedArgs } from './args';
import { parseLimit } from './analysis-args';
import { DATA_IMPORT_OPTIONS } from './import-options';
import { PROGRAM } from './program';

/** The report command's spec, merged into the CLI's command table. */
export const REPORT_COMMAND = {
  report: {
    summary: 'Write a report to hand over: one self-contained HTML file or a PDF (model version, fleet risk or drift)',
    args: '',
    options: {
      model: { type: 'string', valueName: 'NAME[@VERSION|:ALIAS]', description: 'The model version (default version: the latest)' },
      data: { type: 'string', valueName: 'FILE|ID', description: 'A file (imported, or reused if already imported) or a dataset id (required)' },
      out: { type: 'string', valueName: 'FILE.html|FILE.pdf', description: 'Where to write the report; the extension chooses HTML or PDF (required)' },
      kind: { type: 'string', valueName: 'model|risk|drift', description: 'model: validation, forecasts, explanations (default); risk: the ranked fleet; drift: a drift check' },
      limit: { type: 'string', valueName: 'COL>VALUE', description: 'Alarm limit on a forecast column, e.g. "temp>95" (repeatable; risk reports of forecast models)' },
      coverage: { type: 'string', valueName: 'P', description: 'Interval coverage from 0.5 to 0.99 (default 0.9)' },
      entities: { type: 'string', valueName: 'A,B', description: 'Model report of a forecast model: the entities to forecast (default: the first 3)' },
      check: { type: 'string', valueName: 'ID', description: 'Drift report of a recorded check (then --model and --data are not needed; default: run a new check)' },
      tables: { type: 'string', valueName: 'DIR', description: 'Also write every table of the report as DIR/<table>.csv and DIR/<table>.json' },
      ...DATA_IMPORT_OPTIONS,
    },
    notes: [
      'The HTML file needs no network to open (charts are inline SVG). A PDF is printed by headless Chromium (Debian: apt-get install chromium; or set LSTM_STUDIO_CHROMIUM).',
      'Model reports hold the data summary, configuration, training curves, metrics against the baselines (the numbers of `evaluate`), forecasts with intervals, attention and importance, the risk table (RUL models, or forecast models given --limit) and the environment.',
      'With --json it prints {"path", "bytes", "kind", "format", "title", "model", "dataset", "sections", "tables", "tableFiles", ...}.',
      'Examples:',
      `  ${PROGRAM} report --model pumps-forecast@2 --data 1 --out pumps.html`,
      `  ${PROGRAM} report --kind risk --model pumps-forecast --data fleet.csv --limit 'temperature>80' --out risk.pdf --tables risk-tables/`,
    ],
  },
} satisfies Record<string, { summary: string; args: string; options: OptionSpecs; notes: string[] }>;

/** What `report` asks for. */
export interface ReportCliRequest {
  kind: 'report';
  global: { home?: string; json: boolean };
  report: ReportKind;
  format: ReportFormat;
  model: string;
  /** Null for a recorded drift check (--check), which names its own model and dataset. */
  data: { file: string; options: ImportOptions } | { datasetId: number } | null;
  out: string;
  limits: AlarmLimit[];
  coverage?: number;
  entities?: string[];
  checkId?: number;
  tables?: string;
}

/** Builds the request from parsed options (`limits` are the repeated --limit values). */
export function reportRequest(parsed: ParsedArgs, global: ReportCliRequest['global'], data: ReportCliRequest['data'], limits: readonly string[]): ReportCliRequest {
  const check = text(parsed, 'check');
  const model = text(parsed, 'model') ?? '';
  if (!model && check === undefined) throw new ArgError(`${PROGRAM} report needs --model NAME[@VERSION]: see \`${PROGRAM} models list\`.`);
  const out = text(parsed, 'out');
  if (!out) throw new ArgError(`${PROGRAM} report needs --out FILE.html or --out FILE.pdf: where to write the report.`);
  const format = /\.html?$/i.test(out) ? 'html' : /\.pdf$/i.test(out) ? 'pdf' : null;
  if (!format) throw new ArgError(`--out "${out}" must end in .html (a self-contained web page) or .pdf.`);
  const kind = text(parsed, 'kind') ?? (check !== undefined ? 'drift' : 'model');
  if (!(REPORT_KINDS as readonly string[]).includes(kind)) throw new ArgError(`--kind must be one of ${REPORT_KINDS.join(', ')}; got "${kind}".`);
  const coverage = text(parsed, 'coverage');
  const c = coverage === undefined ? undefined : Number(coverage);
  if (c !== undefined && !(c >= 0.5 && c <= 0.99)) throw new ArgError(`--coverage must be a number from 0.5 to 0.99 (e.g. 0.9 for 90% intervals); got "${coverage}".`);
  if (check !== undefined && !/^\d+$/.test(check.trim())) throw new ArgError(`--check must be the id of a drift check (a whole number); got "${check}".`);
  if (check !== undefined && kind !== 'drift') throw new ArgError('--check names a recorded drift check: use it with --kind drift.');
  const entities = text(parsed, 'entities')?.split(',').map((e) => e.trim()).filter((e) => e !== '');
  return {
    kind: 'report',
    global,
    report: kind as ReportKind,
    format,
    model,
    data,
    out,
    limits: limits.map(parseLimit),
    coverage: c,
    entities: entities && entities.length > 0 ? entities : undefined,
    checkId: check === undefined ? undefined : Number(check.trim()),
    tables: text(parsed, 'tables'),
  };
}

function text(parsed: ParsedArgs, key: string): string | undefined {
  const v = parsed.values[key];
  return typeof v === 'string' ? v : undefined;
}
