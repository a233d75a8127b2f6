import { ipcMain, type IpcMainEvent, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { IPC_CHANNELS, type EventChannel, type InvokeChannel, type IpcContract, type SendChannel } from '../src-shared/shell-api.js';
import { authorize, type InvokeHandlers, type SendHandlers, type SenderInfo } from './shell-logic/ipc-handlers.js';
import type { WindowKind } from './shell-logic/window-options.js';

/**
 * Wires the handler map (shell-logic/ipc-handlers, typed from src-shared/shell-api) to ipcMain. Every
 * message is checked first: the channel's window, and a frame on the app's origin.
 */
export interface IpcWiring {
  handlers: { invoke: InvokeHandlers; send: SendHandlers };
  windowOf(contents: WebContents): WindowKind | null;
  appOrigin(): string | null;
}

export function registerIpc(wiring: IpcWiring): () => void {
  const sender = (event: IpcMainEvent | IpcMainInvokeEvent): SenderInfo => ({
    window: wiring.windowOf(event.sender),
    frameUrl: event.senderFrame?.url,
  });
  const invokeChannels = Object.keys(wiring.handlers.invoke) as InvokeChannel[];
  const sendChannels = Object.keys(wiring.handlers.send) as SendChannel[];
  for (const channel of invokeChannels) {
    ipcMain.handle(IPC_CHANNELS[channel], (event, ...args: unknown[]) => {
      if (!authorize(channel, sender(event), wiring.appOrigin())) throw new Error(`Refused: ${channel}`);
      return wiring.handlers.invoke[channel](...args);
    });
  }
  const listeners = sendChannels.map((channel) => {
    const listener = (event: IpcMainEvent, ...args: unknown[]) => {
      if (authorize(channel, sender(event), wiring.appOrigin())) wiring.handlers.send[channel](...args);
    };
    ipcMain.on(IPC_CHANNELS[channel], listener);
    return [channel, listener] as const;
  });
  return () => {
    for (const channel of invokeChannels) ipcMain.removeHandler(IPC_CHANNELS[channel]);
    for (const [channel, listener] of listeners) ipcMain.removeListener(IPC_CHANNELS[channel], listener);
  };
}

/** Sends a main → renderer event, typed by the contract. */
export function sendEvent<C extends EventChannel>(contents: WebContents | undefined, channel: C, ...args: IpcContract['event'][C]): void {
  if (contents && !contents.isDestroyed()) contents.send(IPC_CHANNELS[channel], ...args);
}
