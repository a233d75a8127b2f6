/** Every Yjs transaction the host makes names why it happened; the room observer acts only on remote ones. */
export type TransactionOrigin = 'host:board' | 'host:desk' | 'host:receipt' | 'host:load';

export const isHostOrigin = (origin: unknown): origin is TransactionOrigin =>
  typeof origin === 'string' && origin.startsWith('host:');
