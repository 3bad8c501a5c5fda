// Installs the service worker (fingerprinted assets cache-first, an offline page when the server
// cannot be reached). Deferred, so it never delays the page.
if ("serviceWorker" in navigator) {
  navigator.serviceWorker.register("/service-worker.js", { scope: "/" })
    .catch((error) => console.warn("VoiceHub: service worker not registered", error));
}
