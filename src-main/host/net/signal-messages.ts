/**
 * The y-webrtc signaling protocol's messages (see signal-server.ts for the wire protocol): their types,
 * and the validation of what a client sends. Nothing unvalidated passes through: a forwarded publish is
 * rebuilt from these fields.
 */

/** What y-webrtc puts in `data` of a publish (no password: plain JSON, never an encrypted string). */
export type SignalData =
  | { type: 'announce'; from: string }
  | { type: 'signal'; from: string; to: string; token?: number; signal: Record<string, unknown> };

export type ClientMessage =
  | { type: 'subscribe'; topics: string[] }
  | { type: 'unsubscribe'; topics: string[] }
  | { type: 'publish'; topic: string; data: SignalData }
  | { type: 'ping' };

export type ServerMessage =
  | { type: 'publish'; topic: string; data: SignalData; clients: number }
  | { type: 'pong' }
  | { type: 'error'; reason: 'unknown room' | 'room full'; topic: string };
export type PublishOut = Extract<ServerMessage, { type: 'publish' }>;

const MAX_TOPIC_CHARS = 200;
const MAX_TOPICS_PER_MESSAGE = 5_000;
const MAX_PEER_ID_CHARS = 100;
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isTopic = (v: unknown): v is string => typeof v === 'string' && v.length > 0 && v.length <= MAX_TOPIC_CHARS;
const isPeerId = (v: unknown): v is string => typeof v === 'string' && v.length > 0 && v.length <= MAX_PEER_ID_CHARS;

function parseData(v: unknown): SignalData | null {
  if (!isRecord(v) || !isPeerId(v.from)) return null;
  if (v.type === 'announce') return { type: 'announce', from: v.from };
  if (v.type === 'signal') {
    if (!isPeerId(v.to) || !isRecord(v.signal)) return null;
    if (v.token !== undefined && typeof v.token !== 'number') return null;
    const out: SignalData = { type: 'signal', from: v.from, to: v.to, signal: v.signal };
    if (v.token !== undefined) out.token = v.token;
    return out;
  }
  return null;
}

/** Validates one decoded JSON value; null means "unknown shape". */
export function parseClientMessage(v: unknown): ClientMessage | null {
  if (!isRecord(v)) return null;
  switch (v.type) {
    case 'subscribe':
    case 'unsubscribe': {
      // y-webrtc always sends an array (possibly empty); the stock server treats a missing one as [].
      const topics = v.topics ?? [];
      if (!Array.isArray(topics) || topics.length > MAX_TOPICS_PER_MESSAGE || !topics.every(isTopic)) return null;
      return { type: v.type, topics };
    }
    case 'publish': {
      if (!isTopic(v.topic)) return null;
      const data = parseData(v.data);
      return data ? { type: 'publish', topic: v.topic, data } : null;
    }
    case 'ping':
      return { type: 'ping' };
    default:
      return null;
  }
}
