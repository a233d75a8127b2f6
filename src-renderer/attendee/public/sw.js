/* global self, caches, fetch, URL, Response, setTimeout */
// The phone app's offline copy: the app shell (same HTML for / and /j/<code>) and its hashed assets.
// Navigations go to the network first (a fresh app when the laptop is reachable), the cache otherwise.
const CACHE = 'open-floor-app-v1';
const SHELL = '/';
const NETWORK_WAIT_MS = 4000;

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      const response = await fetch(SHELL, { cache: 'no-store' });
      if (!response.ok) throw new Error('The app shell is not available.');
      const html = await response.clone().text();
      await cache.put(SHELL, response);
      const assets = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((m) => m[1]);
      await cache.addAll(assets);
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const key of await caches.keys()) if (key !== CACHE) await caches.delete(key);
      await self.clients.claim();
    })(),
  );
});

function networkFirstShell(request) {
  const network = fetch(request).then(async (response) => {
    if (response.ok) {
      const copy = response.clone();
      const cache = await caches.open(CACHE);
      await cache.put(SHELL, copy);
    }
    return response;
  });
  const slow = new Promise((resolve) => setTimeout(resolve, NETWORK_WAIT_MS, null));
  return Promise.race([network.catch(() => null), slow]).then(
    async (response) => response || (await caches.match(SHELL)) || network,
  );
}

async function cacheFirst(request) {
  const hit = await caches.match(request);
  if (hit) return hit;
  const response = await fetch(request);
  if (response.ok) {
    const cache = await caches.open(CACHE);
    await cache.put(request, response.clone());
  }
  return response;
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.mode === 'navigate' && (url.pathname === '/' || url.pathname.startsWith('/j/'))) {
    event.respondWith(networkFirstShell(request).then((r) => r || Response.error()));
  } else if (url.pathname.startsWith('/assets/')) {
    event.respondWith(cacheFirst(request));
  }
});
