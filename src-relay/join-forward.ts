import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Hocuspocus } from '@hocuspocus/server';
import type { RedisInstance } from '@hocuspocus/extension-redis';
import { LIMITS, MINUTE_MS } from '../src-shared/limits.js';
import { RateLimiter } from '../src-shared/rate-limit.js';
import { fireAndLog } from './redis-command.js';
import { forwardedJoinSchema, joinAnswerSchema, parseMessage, type ForwardedJoin, type JoinAnswer } from './control-messages.js';
import { RELAY_CONTROL_DOC } from './relay-token.js';

/**
 * `POST /api/join` on the relay: the relay decides nothing, it carries the join to the laptop and its answer
 * back (control-messages.ts). Joins go over Redis because the phone's request may land on any instance and
 * the laptop is connected to one of them.
 */

const JOIN_CHANNEL = 'open-floor:join';
const ANSWER_CHANNEL = 'open-floor:join-answer';
const MAX_BODY_BYTES = 1024;
const NO_LAPTOP = "The meeting room is not connected right now. Try again in a moment.";

export interface JoinForwardOptions {
  instance: Hocuspocus;
  /** Publishes on Redis (the Redis extension's publishing client). */
  pub: RedisInstance;
  /** A client of its own for subscribing (a subscribed ioredis client can do nothing else). */
  sub: RedisInstance;
  /** Read the client's address from X-Forwarded-For (only behind a proxy that sets it). */
  trustProxy: boolean;
  /** How long a phone waits for the laptop (default 5 s). */
  timeoutMs?: number;
  log(line: string): void;
}

const send = (res: ServerResponse, status: number, body: unknown, setCookie?: string): void => {
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    ...(setCookie ? { 'set-cookie': setCookie } : {}),
  });
  res.end(JSON.stringify(body));
};

/** The client's address: the socket's, or with a trusted proxy the one it appended last to X-Forwarded-For. */
export function clientAddress(req: IncomingMessage, trustProxy: boolean): string {
  const header = req.headers['x-forwarded-for'];
  const forwarded = typeof header === 'string' ? header.split(',').map((a) => a.trim()).filter(Boolean).at(-1) : undefined;
  const a = (trustProxy && forwarded) || req.socket.remoteAddress || '';
  return (a.startsWith('::ffff:') ? a.slice(7) : a).slice(0, 64);
}

function readBody(req: IncomingMessage): Promise<string | null> {
  return new Promise((resolve) => {
    let text = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => {
      text += chunk;
      if (text.length > MAX_BODY_BYTES) {
        resolve(null);
        req.destroy();
      }
    });
    req.on('end', () => resolve(text));
    req.on('error', () => resolve(null));
  });
}

export class JoinForwarder {
  private readonly pending = new Map<string, (answer: JoinAnswer) => void>();
  private readonly limiter = new RateLimiter(LIMITS.joinsPerMinutePerAddress, MINUTE_MS);

  constructor(private readonly opts: JoinForwardOptions) {
    fireAndLog(opts.sub.subscribe(JOIN_CHANNEL, ANSWER_CHANNEL), opts.log, 'subscribe');
    opts.sub.on('message', (channel: string, text: string) => {
      if (channel === JOIN_CHANNEL) this.toLaptop(text);
      else if (channel === ANSWER_CHANNEL) this.answered(text);
    });
  }

  /** A phone's join: checked, limited per address, published; answered with the laptop's answer. */
  async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const address = clientAddress(req, this.opts.trustProxy);
    const now = Date.now();
    this.limiter.prune(now);
    if (!this.limiter.take(address, now)) return send(res, 429, { ok: false, error: 'Too many phones joined from this network in the last minute. Try again shortly.' });
    const body = parseMessage(forwardedJoinSchema.pick({ code: true, paper: true, lang: true }), (await readBody(req)) ?? '');
    if (!body) return send(res, 400, { ok: false, error: 'That is not a valid code.' });
    const cookie = req.headers.cookie;
    const join: ForwardedJoin = { type: 'join', id: randomBytes(12).toString('base64url'), ...body, address, ...(cookie && cookie.length <= 4096 ? { cookie } : {}) };
    const answer = await new Promise<JoinAnswer | null>((resolve) => {
      const timer = setTimeout(() => {
        this.pending.delete(join.id);
        resolve(null);
      }, this.opts.timeoutMs ?? 5000);
      this.pending.set(join.id, (a) => {
        clearTimeout(timer);
        this.pending.delete(join.id);
        resolve(a);
      });
      fireAndLog(this.opts.pub.publish(JOIN_CHANNEL, JSON.stringify(join)), this.opts.log, 'publish');
    });
    if (!answer) return send(res, 503, { ok: false, error: NO_LAPTOP });
    send(res, answer.status, answer.body, answer.setCookie);
  }

  /** The laptop's answer, from its control connection on this instance (relay.ts's onStateless). */
  fromLaptop(answer: JoinAnswer): void {
    fireAndLog(this.opts.pub.publish(ANSWER_CHANNEL, JSON.stringify(answer)), this.opts.log, 'publish');
  }

  /** A join published by any instance: sent to the laptop if it is connected here. */
  private toLaptop(text: string): void {
    const doc = this.opts.instance.documents.get(RELAY_CONTROL_DOC);
    if (!doc || !parseMessage(forwardedJoinSchema, text)) return;
    for (const connection of doc.getConnections()) connection.sendStateless(text);
  }

  private answered(text: string): void {
    const answer = parseMessage(joinAnswerSchema, text);
    if (answer) this.pending.get(answer.id)?.(answer);
  }
}
