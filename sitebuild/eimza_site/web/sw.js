// E-İmza Rehberi service worker: keeps the calculator page and its Pyodide runtime
// available offline after one visit. Every other request goes to the network untouched.
// The build replaces the config below (cache name changes with every runtime edition).
const CONFIG = /*__EIMZA_SW_CONFIG__*/ {};
const PREFIX = "eimza-calculator-";
const scope = new URL(self.registration.scope);
const abs = (path) => new URL(path, scope).href;
const PAGE = abs(CONFIG.page);
const PRECACHED = new Set(CONFIG.urls.map(abs));

// A pattern matching exactly this same-origin URL (URLPattern syntax characters escaped).
const exactly = (url) => ({
  urlPattern: new URLPattern({ pathname: new URL(url).pathname.replace(/[*:(){}?+\\]/g, "\\$&") }),
});

self.addEventListener("install", (event) => {
  // Where the browser supports static routing, the precached files come straight from this
  // edition's cache without starting this script (a miss goes to the network); elsewhere
  // the fetch handler below does the same.
  if (event.addRoutes) {
    const files = [...PRECACHED].filter((url) => url !== PAGE);
    event
      .addRoutes({
        condition: { or: files.map(exactly) },
        source: { cacheName: CONFIG.cache },
      })
      .catch((err) => console.warn("eimza sw: static routes not added:", err));
  }
  event.waitUntil(
    caches
      .open(CONFIG.cache)
      .then((cache) => cache.addAll([...PRECACHED]))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) =>
        Promise.all(
          keys.filter((k) => k.startsWith(PREFIX) && k !== CONFIG.cache).map((k) => caches.delete(k)),
        ),
      )
      .then(() => self.clients.claim()),
  );
});

function pageKey(url) {
  const u = new URL(url);
  u.search = "";
  u.hash = "";
  if (u.pathname.endsWith("/index.html")) u.pathname = u.pathname.slice(0, -10);
  return u.href;
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const key = pageKey(request.url);
  if (request.mode === "navigate") {
    if (key !== PAGE) return;
    // Network first (a new edition shows at once), the cached page when offline.
    event.respondWith(
      fetch(request).catch(() =>
        caches.open(CONFIG.cache).then((c) => c.match(PAGE)).then((r) => r || Response.error()),
      ),
    );
    return;
  }
  if (!PRECACHED.has(key)) return;
  // Versioned, immutable files: cache first.
  event.respondWith(
    caches
      .open(CONFIG.cache)
      .then((c) => c.match(key))
      .then((hit) => hit || fetch(request)),
  );
});
