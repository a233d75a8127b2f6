import type { LoggedEvent } from '../../../src-shared/events.js';
import { renderArchiveJson } from '../../../src-shared/minutes/archive.js';
import { buildMinutes } from '../../../src-shared/minutes/build.js';
import { EXPORT_FORMATS, exportFileName, type ExportFormat } from '../../../src-shared/minutes/formats.js';
import { renderMinutesMarkdown } from '../../../src-shared/minutes/markdown.js';
import type { Minutes } from '../../../src-shared/minutes/model.js';
import type { Store } from '../store/store.js';
import { renderEventsCsv, renderQuestionsCsv } from './csv.js';
import { renderPollsCsv } from './poll-csv.js';
import { renderSpeakersCsv } from './speakers-csv.js';

export interface ExportedFile {
  fileName: string;
  mime: string;
  data: Uint8Array;
}

export interface ExportOptions {
  /** BCP 47 locale for dates; defaults to this machine's. */
  locale?: string;
  /** When the export is made (epoch ms); defaults to now. */
  now?: number;
}

/** A refusal the caller shows as is (unknown session). */
export class ExportError extends Error {}

export const defaultLocale = (): string => Intl.DateTimeFormat().resolvedOptions().locale;

/**
 * One session, live or closed, as one file. Reads the log (a consistent snapshot: one SELECT) and
 * renders it; never writes. PDF and DOCX renderers are loaded on first use (they are large).
 */
export async function exportSession(
  store: Pick<Store, 'events'>,
  sessionId: string,
  format: ExportFormat,
  opts: ExportOptions = {},
): Promise<ExportedFile> {
  const events = store.events(sessionId);
  if (events.length === 0) throw new ExportError(`No session with id “${sessionId}” in this data directory.`);
  return exportEvents(events, format, opts);
}

export async function exportEvents(events: readonly LoggedEvent[], format: ExportFormat, opts: ExportOptions = {}): Promise<ExportedFile> {
  const now = opts.now ?? Date.now();
  const minutes = buildMinutes(events, { locale: opts.locale ?? defaultLocale(), generatedAt: now });
  const file = (data: Uint8Array | string): ExportedFile => ({
    fileName: exportFileName(minutes.session, format),
    mime: EXPORT_FORMATS[format].mime,
    data: typeof data === 'string' ? new TextEncoder().encode(data) : data,
  });
  switch (format) {
    case 'md':
      return file(renderMinutesMarkdown(minutes));
    case 'csv':
      return file(renderQuestionsCsv(minutes));
    case 'events-csv':
      return file(renderEventsCsv(events));
    case 'polls-csv':
      return file(renderPollsCsv(minutes));
    case 'speakers-csv':
      return file(renderSpeakersCsv(minutes));
    case 'json':
      return file(renderArchiveJson(events, now));
    case 'pdf':
      return file(await renderPdf(minutes));
    case 'docx':
      return file(await renderDocx(minutes));
  }
}

async function renderPdf(minutes: Minutes): Promise<Uint8Array> {
  const { renderMinutesPdf } = await import('./pdf.js');
  return renderMinutesPdf(minutes);
}

async function renderDocx(minutes: Minutes): Promise<Uint8Array> {
  const { renderMinutesDocx } = await import('./docx.js');
  return renderMinutesDocx(minutes);
}
