import { useSyncExternalStore } from 'react';
import type { WebsocketProvider } from 'y-websocket';

export type ConnectionStatus = 'connecting' | 'online' | 'offline';

export interface ConnectionState {
  status: ConnectionStatus;
  /** True once the document has been synced with the host at least once. */
  everSynced: boolean;
  /**
   * A remote phone reaches the relay but the laptop is not there (the venue's internet dropped): what it
   * sends waits. Absent on the LAN.
   */
  hostAway?: boolean;
}

/** A small external store of a connection state, for providers that are not y-websocket. */
export interface ConnectionStore {
  subscribe: (onChange: () => void) => () => void;
  getSnapshot: () => ConnectionState;
  set: (next: ConnectionState) => void;
}

export function createConnectionStore(initial: ConnectionState = { status: 'connecting', everSynced: false }): ConnectionStore {
  let state = initial;
  const listeners = new Set<() => void>();
  return {
    subscribe(onChange) {
      listeners.add(onChange);
      return () => listeners.delete(onChange);
    },
    getSnapshot: () => state,
    set(next) {
      if (next.status === state.status && next.everSynced === state.everSynced && Boolean(next.hostAway) === Boolean(state.hostAway)) return;
      state = next;
      for (const l of listeners) l();
    },
  };
}

/** Tracks one y-websocket provider: online once synced, offline after a drop, connecting before. */
export function websocketConnection(provider: WebsocketProvider): ConnectionStore {
  const store = createConnectionStore();
  const update = (): void => {
    const { everSynced } = store.getSnapshot();
    const synced = provider.synced && provider.wsconnected;
    store.set({
      status: synced ? 'online' : everSynced ? 'offline' : 'connecting',
      everSynced: everSynced || synced,
    });
  };
  provider.on('status', update);
  provider.on('sync', update);
  update();
  return store;
}

export function useConnection(store: ConnectionStore): ConnectionState {
  return useSyncExternalStore(store.subscribe, store.getSnapshot);
}
