import { EXPORT_FORMAT_NAMES, EXPORT_FORMATS, type ExportFormat } from '../../src-shared/minutes/formats.js';

import { HANDOUT_PATH } from '../../src-shared/venue.js';
import { PAPER_CODES_PATH } from '../../src-shared/features/paper-codes/format.js';

export type { ExportFormat };

/**
 * Exports in the desktop app: the host serves `GET /export/<sessionId>.<format>?t=TOKEN` on the loopback
 * listener. The menu asks the console window to download that URL; `will-download` lets Electron show its
 * native save dialog with the options below, and cancels anything that is not an export of this host.
 * The formats are the host's own (src-shared/minutes/formats.ts).
 */
export const EXPORT_MENU = EXPORT_FORMAT_NAMES.map((format) => ({
  format,
  label: `Export as ${EXPORT_FORMATS[format].label}…`,
  extension: extensionOf(EXPORT_FORMATS[format].suffix),
}));

function extensionOf(suffix: string): string {
  return suffix.slice(suffix.lastIndexOf('.') + 1);
}

export const EXPORT_PATH = '/export/';

export function exportUrl(loopbackOrigin: string, token: string, sessionId: string, format: ExportFormat): string {
  return `${loopbackOrigin}${EXPORT_PATH}${encodeURIComponent(sessionId)}.${format}?t=${encodeURIComponent(token)}`;
}

/** Is this download an export (or the join handout, or the paper-code slips) from this launch's loopback listener? Anything else is cancelled. */
export function isExportDownload(url: string, loopbackOrigin: string): boolean {
  try {
    const u = new URL(url);
    return u.origin === loopbackOrigin && (u.pathname.startsWith(EXPORT_PATH) || u.pathname === HANDOUT_PATH || u.pathname === PAPER_CODES_PATH);
  } catch {
    return false;
  }
}

/** A file name without characters that Windows, macOS or Linux refuse. */
export function safeFileName(name: string): string {
  const cleaned = [...name]
    .map((ch) => (ch.charCodeAt(0) < 32 || '\\/:*?"<>|'.includes(ch) ? ' ' : ch))
    .join('')
    .split(/\s+/)
    .filter((part) => !/^\.+$/.test(part))
    .join(' ')
    .trim()
    .replace(/^\.+/, '');
  return cleaned.slice(0, 120) || 'Open Floor export';
}

export interface SaveDialogSpec {
  title: string;
  defaultPath: string;
  filters: Array<{ name: string; extensions: string[] }>;
}

/** The native save dialog for a download: named after the file the host suggests, in `folder`. */
export function exportSaveDialog(suggestedName: string, folder: string, join: (a: string, b: string) => string): SaveDialogSpec {
  const name = safeFileName(suggestedName);
  const ext = /\.([A-Za-z0-9]+)$/.exec(name)?.[1]?.toLowerCase() ?? '';
  const known = EXPORT_MENU.find((f) => f.extension === ext);
  return {
    title: 'Save export',
    defaultPath: join(folder, name),
    filters: [
      ...(known ? [{ name: EXPORT_FORMATS[known.format].label, extensions: [known.extension] }] : []),
      { name: 'All files', extensions: ['*'] },
    ],
  };
}
