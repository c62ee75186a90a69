// The portal's service worker: keeps the shell's own static files and the libraries for offline use, nothing else.
// Never /api/** (patient data), never a response marked no-store, never the HTML pages (no-store by the server).
const CACHE = 'pavilion-shell-v1';
const OFFLINE = '/ui/shell/offline.html';
const PRECACHE = [OFFLINE, '/ui/shell/base.css', '/ui/shell/icons/icon-192.png'];

function cacheable(url) {
  return url.origin === self.location.origin
    && (url.pathname.startsWith('/ui/shell/') || url.pathname.startsWith('/ui/lib/'));
}

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE).then((c) => c.addAll(PRECACHE)).then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(caches.keys()
    .then((keys) => Promise.all(keys.filter((k) => k !== CACHE).map((k) => caches.delete(k))))
    .then(() => self.clients.claim()));
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.pathname.startsWith('/api/')) return; // straight to the network, never cached
  if (request.mode === 'navigate') {
    event.respondWith(fetch(request).catch(() => caches.match(OFFLINE)));
    return;
  }
  if (!cacheable(url)) return;
  // Network first, so an updated shell shows at once; the cached copy only when offline.
  event.respondWith(fetch(request).then((response) => {
    const cc = response.headers.get('Cache-Control') || '';
    if (response.ok && !/no-store/i.test(cc)) {
      const copy = response.clone();
      caches.open(CACHE).then((c) => c.put(request, copy));
    }
    return response;
  }).catch(() => caches.match(request).then((hit) => hit || Response.error())));
});
