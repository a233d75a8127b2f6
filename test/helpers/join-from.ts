import { request } from 'node:http';
import { TestPhone, type TestHost } from './host-harness';

export interface Joined {
  status: number;
  body: { ok: boolean; deviceId?: string; roomId?: string; error?: string; token?: unknown; paperCode?: string };
  /** `of_device=…`, as a browser would send it back. */
  cookie: string | undefined;
}

/** POST /api/join from the loopback address `from`, sending `cookie` back if given (what a browser does). */
export function joinFrom(h: TestHost, code: string, from: string, cookie?: string, paper?: string): Promise<Joined> {
  const url = new URL('/api/join', h.lanOrigin);
  return new Promise((resolve, reject) => {
    const req = request(
      { host: url.hostname, port: url.port, path: url.pathname, method: 'POST', localAddress: from, headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) } },
      (res) => {
        let text = '';
        res.on('data', (d: Buffer) => (text += d.toString()));
        res.on('end', () => {
          const set = res.headers['set-cookie']?.[0];
          resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) as Joined['body'], cookie: set?.split(';')[0] });
        });
      },
    );
    req.on('error', reject);
    req.end(JSON.stringify({ code, ...(paper !== undefined ? { paper } : {}) }));
  });
}

/** Each room (a device's) votes for `questionId`, through its own stock phone; resolves once every vote has its receipt. */
export async function voteFromEach(h: TestHost, roomIds: Iterable<string>, questionId: string, keep: TestPhone[]): Promise<void> {
  for (const roomId of new Set(roomIds)) {
    const p = new TestPhone(h.lanOrigin, roomId);
    keep.push(p);
    await p.synced();
    const v = p.send({ kind: 'vote', questionId });
    await p.until(() => p.receipt(v));
  }
}
