import { WebSocket as WsWebSocket } from 'ws';

const HANDLERS = ['onopen', 'onmessage', 'onerror', 'onclose'] as const;

/**
 * `ws`'s WebSocket with a browser's behaviour for exceptions thrown by `on*` handlers: reported, not thrown
 * into ws's socket reader (where they would be uncaught and take the whole host down). Used by the
 * clients the host runs itself: the gateway's (y-webrtc signaling, y-websocket) and the relay link's
 * (Hocuspocus provider, y-websocket).
 */
export class NodeWebSocket extends WsWebSocket {}

/** `fn` as a browser calls an event handler: what it throws is reported (`what` names it), never thrown on. */
function reportingThrows(fn: (...a: unknown[]) => unknown, what: string): (...a: unknown[]) => unknown {
  return function (this: unknown, ...args: unknown[]) {
    try {
      return fn.apply(this, args);
    } catch (err) {
      console.error(`[host] WebSocket ${what} threw`, err);
      return undefined;
    }
  };
}
for (const name of HANDLERS) {
  const desc = Object.getOwnPropertyDescriptor(WsWebSocket.prototype, name);
  if (!desc?.set || !desc.get) continue;
  const { get, set } = desc;
  Object.defineProperty(NodeWebSocket.prototype, name, {
    configurable: true,
    enumerable: true,
    get(this: WsWebSocket) {
      const current = get.call(this) as ((...a: unknown[]) => unknown) & { original?: unknown } | null;
      return current?.original ?? current;
    },
    set(this: WsWebSocket, handler: unknown) {
      if (typeof handler !== 'function') return set.call(this, handler);
      const fn = handler as (...a: unknown[]) => unknown;
      const guarded = Object.assign(reportingThrows(fn, `${name} handler`), { original: handler });
      set.call(this, guarded);
    },
  });
}

/** Sets globalThis.WebSocket (used by y-webrtc's signaling client) when the runtime has none. */
export function installNodeWebSocket(): void {
  const g = globalThis as { WebSocket?: unknown };
  if (typeof g.WebSocket === 'undefined') g.WebSocket = NodeWebSocket;
}


/** The same guard for listeners added with addEventListener (the Hocuspocus provider's way). */
const guardedListeners = new WeakMap<object, (...a: unknown[]) => unknown>();
const wsAdd = WsWebSocket.prototype.addEventListener;
const wsRemove = WsWebSocket.prototype.removeEventListener;
Object.assign(NodeWebSocket.prototype, {
  addEventListener(this: WsWebSocket, type: string, listener: unknown, options?: unknown) {
    if (typeof listener !== 'function') return (wsAdd as (...a: unknown[]) => void).call(this, type, listener, options);
    const fn = listener as (...a: unknown[]) => unknown;
    const guarded = guardedListeners.get(fn) ?? reportingThrows(fn, `${type} listener`);
    guardedListeners.set(fn, guarded);
    return (wsAdd as (...a: unknown[]) => void).call(this, type, guarded, options);
  },
  removeEventListener(this: WsWebSocket, type: string, listener: unknown) {
    const guarded = typeof listener === 'function' ? guardedListeners.get(listener) : undefined;
    return (wsRemove as (...a: unknown[]) => void).call(this, type, guarded ?? listener);
  },
});
