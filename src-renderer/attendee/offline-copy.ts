/** The service worker's cache (public/sw.js uses the same name). */
const CACHE = 'open-floor-app-v1';
let registered = false;

/** The app's own scripts and styles this page has loaded so far, lazy chunks included. */
function loadedAssets(): string[] {
  const out = new Set<string>();
  for (const entry of performance.getEntriesByType('resource')) {
    const url = new URL(entry.name);
    if (url.origin === location.origin && url.pathname.startsWith('/assets/')) out.add(url.pathname);
  }
  return [...out];
}

/**
 * Keeps a copy of the phone app in a service worker (public/sw.js), so a reload without a network still
 * opens the app, which then reads the room from IndexedDB and the outbox. Browsers allow service workers
 * only in secure contexts (https, localhost); on a plain-http LAN page this is skipped and
 * `data-offline-ready` says so. Called once the page has what it needs (after the first render, and on a
 * join page after the live room's chunk loaded): the worker precaches the page and its entry assets, and
 * the chunks loaded before it took control are added here. Runs once per page.
 */
export function registerOfflineCopy(): void {
  if (registered) return;
  registered = true;
  const body = document.body;
  if (!('serviceWorker' in navigator) || !window.isSecureContext) {
    body.dataset.offlineReady = 'false';
    return;
  }
  navigator.serviceWorker
    .register('/sw.js', { scope: '/' })
    .then(() => navigator.serviceWorker.ready)
    .then(() => caches.open(CACHE))
    .then((cache) => cache.addAll(loadedAssets()))
    .then(() => {
      body.dataset.offlineReady = 'true';
    })
    .catch(() => {
      body.dataset.offlineReady = 'false';
    });
}
