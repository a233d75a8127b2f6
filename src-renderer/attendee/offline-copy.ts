/**
 * Keeps a copy of the phone app in a service worker (public/sw.js), so a reload without a network still
 * opens the app, which then reads the room from IndexedDB. Browsers allow service workers only in secure
 * contexts (https, localhost); on a plain-http LAN page this is skipped and `data-offline-ready` says so.
 */
export function registerOfflineCopy(): void {
  const body = document.body;
  if (!('serviceWorker' in navigator) || !window.isSecureContext) {
    body.dataset.offlineReady = 'false';
    return;
  }
  navigator.serviceWorker
    .register('/sw.js', { scope: '/' })
    .then(() => navigator.serviceWorker.ready)
    .then(() => {
      body.dataset.offlineReady = 'true';
    })
    .catch(() => {
      body.dataset.offlineReady = 'false';
    });
}
