/**
 * A report section made of parts: HTML fragments (charts, paragraphs) and tables. The tables are
 * rendered in place and collected, so every table of a report is also exported as CSV and JSON.
 */
import type { TimeKind } from '../../../shared/dataset';
import type { ReportTable } from '../../../shared/reports/types';
import { tableHtml, type ReportSection } from './document';

/** A section with the tables it shows. */
export interface BuiltSection extends ReportSection {
  tables: ReportTable[];
}

/** A part of a section: HTML, a table, or nothing (skipped). */
export type Part = string | ReportTable | null | undefined | false;

/** Builds a section from its parts in order. `pageStart` starts it on a new printed page. */
export function section(id: string, title: string, parts: Part[], options: { pageStart?: boolean } = {}): BuiltSection {
  const tables: ReportTable[] = [];
  const html = parts
    .map((p) => {
      if (!p) return '';
      if (typeof p === 'string') return p;
      tables.push(p);
      return tableHtml(p);
    })
    .join('\n');
  return { id, title, html, tables, pageStart: options.pageStart === true };
}

/** The title of a time axis. */
export function timeAxisTitle(kind: TimeKind, column: string | null): string {
  if (kind === 'datetime') return `${column ?? 'time'} (UTC)`;
  return kind === 'row' ? 'row' : (column ?? 'step');
}
