import { isoDate, slugify } from './format.js';

/**
 * What a session can be exported as. `csv` is the questions table (one row per question); the log as
 * one row per event is the separate `events-csv` format, so every export is one plain file.
 */
export const EXPORT_FORMATS = {
  pdf: { suffix: '.pdf', mime: 'application/pdf', label: 'PDF' },
  docx: {
    suffix: '.docx',
    mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    label: 'Word (DOCX)',
  },
  md: { suffix: '.md', mime: 'text/markdown; charset=utf-8', label: 'Markdown' },
  csv: { suffix: '.csv', mime: 'text/csv; charset=utf-8', label: 'CSV' },
  'events-csv': { suffix: ' events.csv', mime: 'text/csv; charset=utf-8', label: 'CSV of every event' },
  /** Poll results, aggregates only (issue 8). */
  'polls-csv': { suffix: ' polls.csv', mime: 'text/csv; charset=utf-8', label: 'CSV of poll results' },
  'speakers-csv': { suffix: ' speakers.csv', mime: 'text/csv; charset=utf-8', label: 'CSV of speakers' },
  json: { suffix: '.json', mime: 'application/json; charset=utf-8', label: 'archive (JSON)' },
} as const;

export type ExportFormat = keyof typeof EXPORT_FORMATS;
export const EXPORT_FORMAT_NAMES = Object.keys(EXPORT_FORMATS) as ExportFormat[];

export function isExportFormat(name: string): name is ExportFormat {
  return Object.hasOwn(EXPORT_FORMATS, name);
}

/** `2025-03-01 budget-forum.pdf`: the session's date in its own time zone, then the title. */
export function exportFileName(
  session: { title: string; timeZone: string; createdAt: number; openedAt: number | null },
  format: ExportFormat,
): string {
  return `${isoDate(session.openedAt ?? session.createdAt, session.timeZone)} ${slugify(session.title)}${EXPORT_FORMATS[format].suffix}`;
}
