import type { Server } from 'node:http';
import type { WebSocketServer } from 'ws';

/** An HTTP server whose upgraded WebSockets are ended too when it shuts down. */
export interface ListeningServer {
  server: Server;
  shutdown(): Promise<void>;
}

/**
 * `server.close()` waits for every socket, and upgraded WebSockets are not HTTP connections that
 * `closeAllConnections()` ends: without terminating them, a shutdown waits for the clients' keepalive.
 */
export function withSocketShutdown(server: Server, wssList: readonly WebSocketServer[]): ListeningServer {
  return {
    server,
    shutdown: () =>
      new Promise<void>((resolve) => {
        for (const wss of wssList) {
          for (const client of wss.clients) client.terminate();
          wss.close();
        }
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
