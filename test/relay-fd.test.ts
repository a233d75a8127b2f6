import { describe, expect, it, vi } from 'vitest';
import { relayAccess, REMOTE_FULL_ERROR } from '../src-main/host/relay-access.js';
import type { RelayLink } from '../src-main/host/net/relay-link.js';
import type { SessionManager } from '../src-main/host/pipeline/session-manager.js';

/**
 * A host near its file-descriptor limit refuses remote joins and re-bridges (each bridged room costs two
 * descriptors; at the limit the 10,000-remote bench stalled, docs/BENCHMARKS.md), and takes them again
 * once descriptors are free. Phones already in are not touched.
 */
describe('relay access near the file-descriptor limit', () => {
  const fakes = () => {
    const link = { addRoom: vi.fn(), tokenFor: vi.fn(() => 'tok'), serve: vi.fn(), connected: () => true, bridged: () => 1, pruneRooms: vi.fn(), destroy: vi.fn() };
    const sessions = { join: vi.fn(() => ({ ok: true, roomId: 'r1', token: 'device' })), current: { rooms: new Set(['r1']) } };
    return { link, sessions };
  };

  it('refuses a join (503, nothing recorded) while the guard refuses, and takes it after', () => {
    const { link, sessions } = fakes();
    let full = true;
    const log = vi.fn();
    const access = relayAccess(sessions as unknown as SessionManager, link as unknown as RelayLink, { refusal: () => (full ? '16100 of 20000 file descriptors in use' : null) }, log);
    const refused = access.join('ABC234', {} as never);
    expect(refused).toEqual({ ok: false, error: REMOTE_FULL_ERROR, hostFailure: true });
    expect(sessions.join).not.toHaveBeenCalled();
    expect(link.addRoom).not.toHaveBeenCalled();
    expect(log).toHaveBeenCalledWith(expect.stringContaining('file descriptors'));
    // The relay's answer for a forwarded join: 503, as the LAN's for a host failure.
    const serve = link.serve.mock.calls[0]![0] as { join(f: unknown): { status: number }; room(n: string): void };
    expect(serve.join({ type: 'join', id: 'j1', code: 'ABC234', address: '203.0.113.9' }).status).toBe(503);
    serve.room('room-r1');
    expect(link.addRoom).not.toHaveBeenCalled();
    full = false;
    expect(access.join('ABC234', {} as never).ok).toBe(true);
    expect(link.addRoom).toHaveBeenCalledWith('room-r1');
  });
});
