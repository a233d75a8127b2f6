import type { IncomingMessage, ServerResponse } from 'node:http';
import { joinRequestSchema, type JoinResponse } from '../../../src-shared/endpoints.js';
import { LIMITS, MINUTE_MS } from '../../../src-shared/limits.js';
import { RateLimiter } from '../../../src-shared/rate-limit.js';
import { deviceCookie, deviceTokenFromCookie, type JoinContext, type JoinResult } from '../pipeline/join-policy.js';
import { clientAddress, readJson, sendJson } from './http-util.js';

export const JOIN_REFUSED_RATE = 'Too many phones joined from this network in the last minute. Try again shortly.';

interface JoinDeps {
  join(code: string, who: JoinContext): JoinResult;
  onPhone?(via: 'page' | 'join', req: IncomingMessage): void;
}

/** `POST /join` on the LAN listener: a phone's code, limited per address, answered with its room. */
export class JoinHandler {
  private readonly limiter = new RateLimiter(LIMITS.joinsPerMinutePerAddress, MINUTE_MS);

  constructor(private readonly deps: JoinDeps) {}

  async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const now = Date.now();
    this.limiter.prune(now);
    if (!this.limiter.take(clientAddress(req), now)) {
      sendJson(res, 429, { ok: false, error: JOIN_REFUSED_RATE } satisfies JoinResponse);
      return;
    }
    const parsed = joinRequestSchema.safeParse(await readJson(req, 1024));
    if (!parsed.success) {
      sendJson(res, 400, { ok: false, error: parsed.error.issues[0]?.message ?? 'Invalid code.' } satisfies JoinResponse);
      return;
    }
    const result = this.deps.join(parsed.data.code, {
      address: clientAddress(req),
      token: deviceTokenFromCookie(req.headers.cookie),
      ...(parsed.data.paper !== undefined ? { paperCode: parsed.data.paper } : {}),
      ...(parsed.data.lang !== undefined ? { lang: parsed.data.lang } : {}),
    });
    this.deps.onPhone?.(result.ok ? 'join' : 'page', req);
    // The host could not record the join: the try is given back (a host-side failure spends no budget).
    if (!result.ok && result.hostFailure) this.limiter.refund(clientAddress(req), now);
    if (!result.ok) {
      const status = result.tooMany ? 429 : result.paperCode ? 403 : 404;
      sendJson(res, status, { ok: false, error: result.error, ...(result.paperCode ? { paperCode: result.paperCode } : {}) } satisfies JoinResponse);
      return;
    }
    const { token, ...answer } = result;
    res.setHeader('set-cookie', deviceCookie(token));
    sendJson(res, 200, answer satisfies JoinResponse);
  }
}
