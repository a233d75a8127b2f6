import { createGateway } from '../../src-gateway/gateway';
import { GATEWAY_BRIDGE_KEY, type GatewayBridge } from '../../src-shared/shell-api';
import { setAppState } from '../ui/page';

/**
 * The Electron app's WebRTC gateway: the same module the headless host runs in Node, here with Chromium's
 * WebSocket and WebRTC. Main tells it which rooms to bridge (through the gateway preload) and takes the
 * peer counts it reports. No ICE servers: nothing on the internet is used, phones reach the laptop's LAN
 * address directly (main appends disable-features=WebRtcHideLocalIpsWithMdns).
 */
async function run(bridge: GatewayBridge): Promise<void> {
  const pending: Array<{ name: string; change: 'opened' | 'closed' }> = [];
  let gateway: ReturnType<typeof createGateway> | null = null;
  const apply = (name: string, change: 'opened' | 'closed') => {
    if (change === 'opened') gateway?.addRoom(name);
    else gateway?.removeRoom(name);
  };
  // Subscribe before asking for the current rooms, so a room opened in between is not missed.
  bridge.onRoom(({ name, change }) => (gateway ? apply(name, change) : pending.push({ name, change })));
  const config = await bridge.start();
  gateway = createGateway({
    hostSyncUrl: config.hostSyncUrl,
    token: config.token,
    signalingUrl: config.signalingUrl,
    WebSocketImpl: WebSocket,
    peerOpts: { config: { iceServers: [] } },
    onPeers: (room, peers) => bridge.reportPeers(room, peers),
  });
  for (const room of config.rooms) gateway.addRoom(room);
  for (const { name, change } of pending.splice(0)) apply(name, change);
  window.addEventListener('pagehide', () => void gateway?.destroy());
  setAppState('ready');
}

const bridge = (window as unknown as Record<string, GatewayBridge | undefined>)[GATEWAY_BRIDGE_KEY];
if (bridge) {
  run(bridge).catch((err: unknown) => console.error('[gateway] could not start', err));
} else {
  console.error('[gateway] no bridge: this page runs only in the Open Floor desktop app');
}
