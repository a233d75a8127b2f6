import type { Locale } from '../../../../src-shared/i18n/format.js';
import { LIMITS } from '../../../../src-shared/limits.js';
import type { ExportedFile } from '../../export/export-session.js';
import { attachmentName, HttpError } from '../../net/http-util.js';
import type { SessionManager } from '../../pipeline/session-manager.js';

/**
 * `GET /venue/paper-codes.pdf?first=&last=`: the slips of the live session's printed codes (all of them
 * without a range). Null when no session is live or no code is printed.
 */
export async function paperCodesFile(sessions: SessionManager, languages: readonly Locale[], query: URLSearchParams): Promise<ExportedFile | null> {
  const live = sessions.current;
  const join = sessions.joinInfo();
  if (!live || !join || live.log.state.status === 'closed') return null;
  const { issued } = live.log.state.paperCodes;
  if (issued === 0) return null;
  const number = (key: string, fallback: number): number => {
    const raw = query.get(key);
    if (raw === null) return fallback;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < 1 || n > issued) throw new HttpError(400, `Codes are numbered 1 to ${issued}.`);
    return n;
  };
  const first = number('first', 1);
  const last = number('last', issued);
  if (last < first) throw new HttpError(400, 'The first code comes before the last one.');
  if (last - first + 1 > LIMITS.paperCodesPerSession) throw new HttpError(400, 'Too many codes for one file.');
  // Loaded on first use, like the handout: nobody pays for pdfkit before printing.
  const { renderPaperCodesPdf } = await import('../../venue/paper-codes-pdf.js');
  const data = await renderPaperCodesPdf({
    title: live.log.state.title,
    joinUrl: join.url,
    joinCode: join.code,
    codes: live.paperCodes.codes(first, last),
    languages,
  });
  const range = first === last ? `${first}` : `${first}-${last}`;
  return { fileName: attachmentName(`Paper codes ${range} ${live.log.state.title}.pdf`), mime: 'application/pdf', data };
}
