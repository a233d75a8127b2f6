/**
 * Which shape of the record a program writes and reads (issue 18). Format 1 is the record as written
 * since the first release. A later release that changes how stored events must be read bumps this number
 * and adds one step to `UPGRADE_STEPS` (upgrade-event.ts); stored bodies are never rewritten.
 */
export const RECORD_FORMAT = 1;

/** What a record carries its format in, for the messages. */
export type RecordHolder = 'archive' | 'data folder';

/** The record was written by a newer Open Floor: said plainly, never a crash. */
export function newerFormatMessage(holder: RecordHolder, format: number): string {
  return `This ${holder} was written by a newer Open Floor (format ${format}); this version reads up to format ${RECORD_FORMAT}. Update Open Floor to open it.`;
}

/** A record this version cannot read as it is (a newer format, or stored events of no known shape). */
export class RecordFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RecordFormatError';
  }
}

/** Null when `format` is one this version reads; otherwise the message to show. */
export function unreadableFormat(holder: RecordHolder, format: unknown): string | null {
  if (typeof format !== 'number' || !Number.isInteger(format) || format < 1) return `This ${holder} names no record format Open Floor knows.`;
  return format > RECORD_FORMAT ? newerFormatMessage(holder, format) : null;
}
