import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startHost, type Host } from '../src-main/host/host.js';
import { gatewayConfig, RoomSet } from '../src-main/shell-logic/gateway-config.js';
import { openPhone } from './fixtures/pages.js';
import { expect, test } from './fixtures/test.js';

/**
 * The desktop app's hidden gateway window without Electron: the built page (src-renderer/gateway) in
 * Chromium, served by a host started as the app starts it (`gateway: 'external'`), with the gateway
 * preload's bridge stood in by Playwright bindings wired exactly as src-main/shell.ts wires IPC. A phone
 * whose WebSocket is blocked joins, and its WebRTC connection must reach the gateway page, which reports it
 * to the host.
 */
test('the gateway page bridges a phone over WebRTC and reports its peer to the host', async ({ browser, newPhone }) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'open-floor-gateway-window-'));
  const rooms = new RoomSet();
  const peers: Array<[string, number]> = [];
  let push: ((name: string, change: 'opened' | 'closed') => void) | null = null;
  const host: Host = await startHost({
    dataDir,
    lanPort: 0,
    joinAddress: '127.0.0.1',
    buildDir: join(__dirname, '..', 'out'),
    gateway: 'external',
    onRoom: (name, change) => {
      if (rooms.apply(name, change)) push?.(name, change);
    },
  });
  const gatewayContext = await browser.newContext();
  try {
    const page = await gatewayContext.newPage();
    await page.exposeFunction('__openFloorStart', () => gatewayConfig(host, rooms.list()));
    await page.exposeFunction('__openFloorPeers', (room: string, n: number) => {
      peers.push([room, n]);
      host.setRoomPeers(room, n);
    });
    await page.addInitScript(() => {
      const w = window as unknown as Record<string, unknown>;
      const listeners: Array<(c: unknown) => void> = [];
      w.__openFloorRoom = (change: unknown) => listeners.forEach((l) => l(change));
      w.openFloorGateway = {
        start: () => (w.__openFloorStart as () => Promise<unknown>)(),
        onRoom: (l: (c: unknown) => void) => {
          listeners.push(l);
          return () => undefined;
        },
        reportPeers: (room: string, n: number) => void (w.__openFloorPeers as (r: string, n: number) => Promise<void>)(room, n),
      };
    });
    push = (name, change) =>
      void page
        .evaluate((c) => (window as unknown as { __openFloorRoom(c: unknown): void }).__openFloorRoom(c), { name, change })
        .catch(() => undefined);
    await page.goto(`${host.loopbackOrigin}/gateway/index.html`);
    await expect(page.locator('body')).toHaveAttribute('data-app-state', 'ready');

    expect(host.control('createSession', { title: 'Gateway window' }).ok).toBe(true);
    const opened = host.control('openSession', {});
    expect(opened.ok).toBe(true);
    const joinUrl = opened.ok ? (opened.value as { joinUrl: string }).joinUrl : '';

    // A phone uses WebRTC when its WebSocket does not carry the room (it loads y-webrtc only then).
    const { context, page: phone } = await newPhone('Pixel 7');
    await context.routeWebSocket(/\/sync\//, (ws) => ws.close({ code: 1008, reason: 'blocked by test' }));
    await openPhone(phone, joinUrl);
    await expect.poll(() => peers.some(([room, n]) => room.startsWith('room-') && n >= 1), { timeout: 30_000 }).toBe(true);
    expect(rooms.list()).toHaveLength(1);
  } finally {
    push = null;
    await gatewayContext.close();
    await host.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
