import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { TOKEN_QUERY } from '../../src-shared/paths';
import { websocketConnection, type ConnectionStore } from './connection';
import { wsOrigin } from './page';

export interface ReadOnlyDoc {
  doc: Y.Doc;
  connection: ConnectionStore;
  destroy: () => void;
}

/** A host-written document (desk or board) over the loopback `/sync`, authorised by the page token. */
export function connectReadOnly(docName: string, token: string): ReadOnlyDoc {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(`${wsOrigin()}/sync`, docName, doc, { params: { [TOKEN_QUERY]: token } });
  const connection = websocketConnection(provider);
  return {
    doc,
    connection,
    destroy() {
      provider.destroy();
      doc.destroy();
    },
  };
}
