import { CONTENT_SECURITY_POLICY } from '../../src-node/static-files.js';

/**
 * The Content-Security-Policy of every page the shell shows. It is the host's own policy (served with every
 * page), with `connect-src` narrowed from any ws:/wss: host to the two listeners of this launch: the
 * loopback listener (console, projector and the gateway's host link) and the LAN listener on 127.0.0.1
 * (the gateway's y-webrtc signaling). No remote origin anywhere.
 */
export function shellContentSecurityPolicy(loopbackOrigin: string, lanPort: number): string {
  const loopback = new URL(loopbackOrigin);
  const ws = `ws://${loopback.host}`;
  const signaling = `ws://127.0.0.1:${lanPort}`;
  return CONTENT_SECURITY_POLICY.split(';')
    .map((d) => d.trim())
    .map((d) => (d.startsWith('connect-src ') ? `connect-src 'self' ${ws} ${signaling}` : d))
    .join('; ');
}

/** Response headers with the shell's CSP in place of any the response carried (case-insensitive). */
export function withContentSecurityPolicy(
  headers: Record<string, string[] | string> | undefined,
  csp: string,
): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (name.toLowerCase() === 'content-security-policy') continue;
    out[name] = Array.isArray(value) ? value : [value];
  }
  out['Content-Security-Policy'] = [csp];
  return out;
}
