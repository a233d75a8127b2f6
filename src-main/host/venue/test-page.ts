import type { ServerResponse } from 'node:http';

/**
 * The page a facilitator's phone opens from the "Test with your phone" QR. Plain HTML, no script: loading
 * it is the test (the host notes the address it came in on). The address is escaped, though it is the
 * laptop's own.
 */
const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

export function testPageHtml(address: string): string {
  const a = escapeHtml(address);
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Open Floor: this phone reached the laptop</title>
<style>body{font:18px/1.5 system-ui,sans-serif;margin:2rem;color:#111}h1{font-size:1.6rem;color:#1d5e2c}</style></head>
<body><main><h1>This phone reached the laptop ✓</h1>
<p>Over <strong>${a}</strong>. The console on the laptop now says so too.</p>
<p>Phones on this network can join the meeting. You can close this page.</p></main></body></html>
`;
}

export function sendTestPage(res: ServerResponse, address: string, head: boolean): void {
  const body = testPageHtml(address);
  res.writeHead(200, {
    'content-type': 'text/html; charset=utf-8',
    'content-length': Buffer.byteLength(body),
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; frame-ancestors 'none'",
  });
  res.end(head ? undefined : body);
}
