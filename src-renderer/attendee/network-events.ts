/**
 * The phone knows its network dropped before its sockets do: `offline` runs at once if there is none, and
 * on every drop; `online` when it returns. Returns the function that stops following.
 */
export function followNetwork(offline: () => void, online: () => void): () => void {
  if (navigator.onLine === false) offline();
  window.addEventListener('online', online);
  window.addEventListener('offline', offline);
  return () => {
    window.removeEventListener('online', online);
    window.removeEventListener('offline', offline);
  };
}
