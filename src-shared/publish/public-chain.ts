import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import { canonicalJson, GENESIS_HASH } from '../hash-chain.js';

/**
 * The public record's own hash chain (docs/ARCHITECTURE.md, "Publishing the record"). Kept apart from
 * the derivation (public-record.ts) so the browser's verify script bundles only this and @noble/hashes:
 * crypto.subtle is missing on a page opened over plain http or from some file:// viewers.
 */
export const PUBLIC_RECORD_FORMAT = 'open-floor-public-record';
export const PUBLIC_RECORD_VERSION = 1;

/** Who did it, as the public may know: never a device id. */
export type PublicActor = 'facilitator' | 'host' | 'phone';

/** One entry per logged event, in the log's order. */
export interface PublicEntry {
  seq: number;
  at: number;
  type: string;
  by: PublicActor;
  /** The public fields of the event (see public-record.ts); `{}` when none may be shown. */
  fields: Record<string, unknown>;
  /** The hash of the original event in the full log. */
  sourceHash: string;
  prevHash: string;
  hash: string;
}

export interface PublicSession {
  id: string;
  title: string;
  place: string;
  timeZone: string;
  status: 'draft' | 'open' | 'closed';
  createdAt: number;
  openedAt: number | null;
  closedAt: number | null;
}

export interface PublicRecord {
  format: typeof PUBLIC_RECORD_FORMAT;
  version: typeof PUBLIC_RECORD_VERSION;
  session: PublicSession;
  /** The hash of the last event of the full log (the minutes' "final hash"). */
  sourceFinalHash: string;
  /** The hash of the last entry of this record. */
  finalHash: string;
  entries: PublicEntry[];
}

export type UnhashedEntry = Omit<PublicEntry, 'prevHash' | 'hash'>;

/** SHA-256 of a string's UTF-8 bytes, as 64 hexadecimal digits. The host passes node:crypto's (faster). */
export type Sha256Hex = (text: string) => string;

const nobleSha256Hex: Sha256Hex = (text) => bytesToHex(sha256(utf8ToBytes(text)));

export function publicEntryHash(prevHash: string, e: UnhashedEntry, hash: Sha256Hex = nobleSha256Hex): string {
  // canonicalJson({ seq, at, type, by, fields, sourceHash }), its keys written in sorted order by hand
  // (the same bytes; a test holds them equal): this runs once per event of every meeting published.
  const payload = `{"at":${JSON.stringify(e.at)},"by":${JSON.stringify(e.by)},"fields":${canonicalJson(e.fields)},"seq":${JSON.stringify(e.seq)},"sourceHash":${JSON.stringify(e.sourceHash)},"type":${JSON.stringify(e.type)}}`;
  return hash(`${prevHash}\n${payload}`);
}

/** Chains entries in order, from the genesis hash. */
export function chainEntries(entries: readonly UnhashedEntry[], sha: Sha256Hex = nobleSha256Hex): PublicEntry[] {
  let prevHash = GENESIS_HASH;
  return entries.map((e) => {
    const hash = publicEntryHash(prevHash, e, sha);
    const chained: PublicEntry = { seq: e.seq, at: e.at, type: e.type, by: e.by, fields: e.fields, sourceHash: e.sourceHash, prevHash, hash };
    prevHash = hash;
    return chained;
  });
}

export type PublicCheck =
  | { ok: true; entries: number; finalHash: string; sourceFinalHash: string }
  /** `badSeq` names the first entry that fails; null when the file is not a public record at all. */
  | { ok: false; badSeq: number | null; reason: PublicCheckReason };

export type PublicCheckReason = 'not-a-record' | 'sequence' | 'link' | 'content' | 'final-hash' | 'source-final-hash';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const HEX64 = /^[0-9a-f]{64}$/;

function isEntry(v: unknown): v is PublicEntry {
  if (!isObject(v)) return false;
  return (
    typeof v.seq === 'number' &&
    typeof v.at === 'number' &&
    typeof v.type === 'string' &&
    typeof v.by === 'string' &&
    isObject(v.fields) &&
    typeof v.sourceHash === 'string' &&
    typeof v.prevHash === 'string' &&
    typeof v.hash === 'string'
  );
}

/** Checks a public record's chain, in the browser or in Node. Never throws. */
export function verifyPublicRecord(json: unknown): PublicCheck {
  if (!isObject(json) || json.format !== PUBLIC_RECORD_FORMAT || !Array.isArray(json.entries) || json.entries.length === 0) {
    return { ok: false, badSeq: null, reason: 'not-a-record' };
  }
  let prevHash = GENESIS_HASH;
  let expected = 1;
  for (const e of json.entries as unknown[]) {
    if (!isEntry(e)) return { ok: false, badSeq: expected, reason: 'content' };
    if (e.seq !== expected) return { ok: false, badSeq: e.seq, reason: 'sequence' };
    if (e.prevHash !== prevHash) return { ok: false, badSeq: e.seq, reason: 'link' };
    if (!HEX64.test(e.hash) || publicEntryHash(prevHash, e) !== e.hash) return { ok: false, badSeq: e.seq, reason: 'content' };
    prevHash = e.hash;
    expected++;
  }
  const last = json.entries[json.entries.length - 1] as PublicEntry;
  if (json.finalHash !== prevHash) return { ok: false, badSeq: last.seq, reason: 'final-hash' };
  if (json.sourceFinalHash !== last.sourceHash) return { ok: false, badSeq: last.seq, reason: 'source-final-hash' };
  return { ok: true, entries: json.entries.length, finalHash: prevHash, sourceFinalHash: last.sourceHash };
}
