// VoiceHub's service worker: fingerprinted static assets (their URL changes with their content)
// come from a cache first; pages go to the network, and to a small offline page when it fails.
// Everything live (the Blazor circuit, API data) needs the server, so nothing else is cached.
const ASSETS = "voicehub-assets-v1";
const SHELL = "voicehub-shell-v1";
const SHELL_FILES = ["/offline.html", "/icons/icon.svg"];
const MAX_ASSETS = 60;
// name.{fingerprint}.ext, as MapStaticAssets and Blazor's @Assets write them (e.g. app.k2b9x0qz1m.css).
const FINGERPRINTED = /\.[a-z0-9]{8,16}\.(css|js|mjs|png|svg|webmanifest|woff2?)$/i;

self.addEventListener("install", (event) => {
  event.waitUntil(caches.open(SHELL).then((cache) => cache.addAll(SHELL_FILES)).then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.filter((k) => k !== ASSETS && k !== SHELL).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()));
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin) return;
  if (request.mode === "navigate") {
    event.respondWith(fetch(request).catch(() => caches.match("/offline.html")));
  } else if (FINGERPRINTED.test(url.pathname)) {
    event.respondWith(cacheFirst(request, event));
  } else if (SHELL_FILES.includes(url.pathname)) {
    event.respondWith(fetch(request).catch(() => caches.match(url.pathname)));
  }
});

async function cacheFirst(request, event) {
  const cache = await caches.open(ASSETS);
  const cached = await cache.match(request);
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok) {
    event.waitUntil(cache.put(request, response.clone()).then(() => trim(cache)));
  }
  return response;
}

// Old fingerprints are never asked for again; keep the newest entries only.
async function trim(cache) {
  const keys = await cache.keys();
  await Promise.all(keys.slice(0, Math.max(0, keys.length - MAX_ASSETS)).map((k) => cache.delete(k)));
}
