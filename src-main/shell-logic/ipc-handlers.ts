import { isControlCommand, type ControlCommand, type ControlResult } from '../../src-shared/control.js';
import {
  CHANNEL_WINDOWS,
  type GatewayConfig,
  type InvokeChannel,
  type IpcContract,
  type SendChannel,
} from '../../src-shared/shell-api.js';
import { isTrustedSender } from './navigation.js';
import type { WindowKind } from './window-options.js';
import { ROOM_DOC_PREFIX } from '../../src-shared/docs/room-doc.js';

/**
 * The main process's side of the IPC contract (src-shared/shell-api.ts), as plain functions: one handler
 * per channel, typed from the contract so a missing or mistyped handler is a compile error. Arguments come
 * from a page, so each handler checks them; `authorize` decides who may call a channel at all.
 */
export interface IpcDeps {
  control(command: ControlCommand, input: unknown): ControlResult<ControlCommand>;
  showProjector(): void | Promise<void>;
  gatewayConfig(): GatewayConfig;
  reportPeers(roomName: string, peers: number): void;
}

export type InvokeHandlers = {
  [C in InvokeChannel]: (...args: unknown[]) => IpcContract['invoke'][C]['result'] | Promise<IpcContract['invoke'][C]['result']>;
};
export type SendHandlers = { [C in SendChannel]: (...args: unknown[]) => void };

/** Who sent an IPC message: which of the app's windows (null for any other), and the URL of its frame. */
export interface SenderInfo {
  window: WindowKind | null;
  frameUrl: string | undefined;
}

export const ROOM_NAME_REGEX = new RegExp(`^${ROOM_DOC_PREFIX}[A-Za-z0-9_-]{1,64}$`);
const MAX_PEERS = 64;

export function createIpcHandlers(deps: IpcDeps): { invoke: InvokeHandlers; send: SendHandlers } {
  return {
    invoke: {
      control: (command, input) => {
        if (typeof command !== 'string' || !isControlCommand(command)) {
          return { ok: false, error: `Unknown command “${String(command).slice(0, 40)}”.` };
        }
        return deps.control(command, input);
      },
      showProjector: () => deps.showProjector(),
      gatewayStart: () => deps.gatewayConfig(),
    },
    send: {
      gatewayPeers: (roomName, peers) => {
        if (typeof roomName !== 'string' || !ROOM_NAME_REGEX.test(roomName)) return;
        if (typeof peers !== 'number' || !Number.isInteger(peers) || peers < 0 || peers > MAX_PEERS) return;
        deps.reportPeers(roomName, peers);
      },
    },
  };
}

/** A channel may be used only by its window (console or gateway), from a page of this launch's origin. */
export function authorize(channel: InvokeChannel | SendChannel, sender: SenderInfo, appOrigin: string | null): boolean {
  if (appOrigin === null || sender.window === null) return false;
  return CHANNEL_WINDOWS[channel] === sender.window && isTrustedSender(sender.frameUrl, appOrigin);
}
