import { describe, expect, it } from 'vitest';
import { checkLoopbackRequest } from '../src-main/host/net/loopback-server.js';

const PORT = 4555;
const TOKEN = 'secret-token-123';
const req = (remoteAddress: string, headers: Record<string, string> = {}) => ({
  remoteAddress,
  headers: { host: `127.0.0.1:${PORT}`, ...headers },
});

describe('the loopback guard in front of the control API', () => {
  it('refuses any request from a non-loopback address, even with the right token', () => {
    for (const address of ['192.168.1.20', '10.0.0.7', '::ffff:192.168.1.20', 'fe80::1']) {
      expect(checkLoopbackRequest(req(address), PORT, TOKEN, TOKEN, true)).toBe('not-loopback');
    }
  });

  it('accepts loopback with the right token, in IPv4, mapped and IPv6 forms', () => {
    for (const address of ['127.0.0.1', '::ffff:127.0.0.1', '::1']) {
      expect(checkLoopbackRequest(req(address), PORT, TOKEN, TOKEN, true)).toBeNull();
    }
  });

  it('refuses a missing or wrong token, another host name (DNS rebinding) and another origin', () => {
    expect(checkLoopbackRequest(req('127.0.0.1'), PORT, TOKEN, null, true)).toBe('bad-token');
    expect(checkLoopbackRequest(req('127.0.0.1'), PORT, TOKEN, 'secret-token-124', true)).toBe('bad-token');
    expect(checkLoopbackRequest(req('127.0.0.1', { host: `evil.example:${PORT}` }), PORT, TOKEN, TOKEN, true)).toBe('bad-host');
    expect(checkLoopbackRequest(req('127.0.0.1', { origin: 'http://evil.example' }), PORT, TOKEN, TOKEN, true)).toBe('bad-origin');
    expect(checkLoopbackRequest(req('127.0.0.1', { origin: `http://localhost:${PORT}` }), PORT, TOKEN, TOKEN, true)).toBeNull();
  });

  it('serves the static pages without a token but still only to loopback', () => {
    expect(checkLoopbackRequest(req('127.0.0.1'), PORT, TOKEN, null, false)).toBeNull();
    expect(checkLoopbackRequest(req('192.168.1.20'), PORT, TOKEN, null, false)).toBe('not-loopback');
  });
});
