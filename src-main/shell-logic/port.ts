import { createServer } from 'node:net';

/**
 * Whether the phones' port can be had on all interfaces. Asked before the host starts, so the app can
 * take a free port instead (phones use the QR code, the port number does not matter to them) rather than
 * fail because `open-floor serve` or another program holds 4321.
 */
export function portIsFree(port: number, host = '0.0.0.0'): Promise<boolean> {
  if (port === 0) return Promise.resolve(true);
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, host, () => server.close(() => resolve(true)));
  });
}
