import { contextBridge, ipcRenderer } from 'electron';
import { GATEWAY_BRIDGE_KEY, IPC_CHANNELS, type GatewayBridge, type GatewayConfig, type RoomChange } from '../src-shared/shell-api';

/**
 * The hidden gateway window's bridge, `window.openFloorGateway`: its configuration and rooms from main,
 * peer counts back. Nothing else (no control commands, no raw `ipcRenderer`).
 */
const isRoomChange = (value: unknown): value is RoomChange => {
  const v = value as Partial<RoomChange> | null;
  return typeof v === 'object' && v !== null && typeof v.name === 'string' && (v.change === 'opened' || v.change === 'closed');
};

const bridge = {
  start: () => ipcRenderer.invoke(IPC_CHANNELS.gatewayStart) as Promise<GatewayConfig>,
  onRoom: (listener: (change: RoomChange) => void) => {
    const handler = (_event: unknown, change: unknown) => {
      if (isRoomChange(change)) listener(change);
    };
    ipcRenderer.on(IPC_CHANNELS.gatewayRoom, handler);
    return () => void ipcRenderer.removeListener(IPC_CHANNELS.gatewayRoom, handler);
  },
  reportPeers: (roomName: string, peers: number) => ipcRenderer.send(IPC_CHANNELS.gatewayPeers, roomName, peers),
} satisfies GatewayBridge;

contextBridge.exposeInMainWorld(GATEWAY_BRIDGE_KEY, bridge);
