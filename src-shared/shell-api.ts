import type { ControlApi, ControlCommand, ControlResult } from './control.js';

/**
 * The contract between Electron's main process and its windows (the desktop shell). Types and constants
 * only: both preloads import this file, and a sandboxed preload must stay small and self-contained.
 *
 * - The console window gets `window.openFloor`, a `ShellApi`: the control contract (`ControlApi`, the same
 *   one the HTTP client implements) plus a few shell extras.
 * - The hidden gateway window gets `window.openFloorGateway`, a `GatewayBridge`: its configuration, the
 *   rooms to bridge, and a way to report peers. Nothing else.
 * - The projector window gets no bridge at all: it only reads the board over the loopback listener.
 */

export const SHELL_BRIDGE_KEY = 'openFloor';
export const GATEWAY_BRIDGE_KEY = 'openFloorGateway';

/** Menu actions the main process hands to the console page. */
export const SHELL_COMMANDS = ['new-session'] as const;
export type ShellCommand = (typeof SHELL_COMMANDS)[number];

export interface ShellExtras {
  readonly kind: 'electron';
  /** Shows the projector window (creates it if it was closed). */
  showProjector(): Promise<void>;
  /** Subscribes to menu actions meant for the console; returns the unsubscribe function. */
  onCommand(listener: (command: ShellCommand) => void): () => void;
}

/** What the console's preload exposes. */
export type ShellApi = ControlApi & ShellExtras;

export interface GatewayConfig {
  /** ws://127.0.0.1:<loopback>/sync */
  hostSyncUrl: string;
  /** The loopback token (the gateway connects to phone rooms on /sync). */
  token: string;
  /** ws://127.0.0.1:<lan>/signal */
  signalingUrl: string;
  /** Rooms open right now; later changes arrive through `onRoom`. */
  rooms: string[];
}

export interface RoomChange {
  name: string;
  change: 'opened' | 'closed';
}

/** What the gateway window's preload exposes. */
export interface GatewayBridge {
  start(): Promise<GatewayConfig>;
  onRoom(listener: (change: RoomChange) => void): () => void;
  reportPeers(roomName: string, peers: number): void;
}

/**
 * Every IPC channel, with its arguments and answer. `invoke` channels are renderer → main with an answer,
 * `send` channels renderer → main without one, `event` channels main → renderer.
 */
export interface IpcContract {
  invoke: {
    control: { args: [command: ControlCommand, input: unknown]; result: ControlResult<ControlCommand> };
    showProjector: { args: []; result: void };
    gatewayStart: { args: []; result: GatewayConfig };
  };
  send: {
    gatewayPeers: [roomName: string, peers: number];
  };
  event: {
    shellCommand: [command: ShellCommand];
    gatewayRoom: [change: RoomChange];
  };
}

export type InvokeChannel = keyof IpcContract['invoke'];
export type SendChannel = keyof IpcContract['send'];
export type EventChannel = keyof IpcContract['event'];
export type IpcChannel = InvokeChannel | SendChannel | EventChannel;

/** The wire names of the channels (prefixed so they never collide with Electron's own). */
export const IPC_CHANNELS = {
  control: 'open-floor:control',
  showProjector: 'open-floor:show-projector',
  gatewayStart: 'open-floor:gateway-start',
  gatewayPeers: 'open-floor:gateway-peers',
  shellCommand: 'open-floor:shell-command',
  gatewayRoom: 'open-floor:gateway-room',
} as const satisfies Record<IpcChannel, string>;

/** Which window may use which renderer → main channel. */
export const CHANNEL_WINDOWS = {
  control: 'console',
  showProjector: 'console',
  gatewayStart: 'gateway',
  gatewayPeers: 'gateway',
} as const satisfies Record<InvokeChannel | SendChannel, 'console' | 'gateway'>;
