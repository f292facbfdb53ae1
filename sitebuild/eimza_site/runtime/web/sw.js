// E-İmza Rehberi service worker: keeps the calculator page and its Pyodide runtime
// available offline after one visit. Every other request goes to the network untouched.
// The build replaces the config below: cache (changes with every runtime edition), urls,
// page, and build (the id in the page's <meta name="eimza-build">).
//
// One edition, one copy: each edition (mike puts them under /<date>/, each with its own
// sw.js) has its own scope, and its cache name ends with that scope; a worker deletes only
// its own scope's older caches (also its unscoped one from an older sw.js), never another
// edition's (ARCHITECTURE.md, "Offline").
const CONFIG = /*__EIMZA_SW_CONFIG__*/ {};
const PREFIX = "eimza-calculator-";
const scope = new URL(self.registration.scope);
const CACHE = `${CONFIG.cache} ${scope.pathname}`;
const abs = (path) => new URL(path, scope).href;
const PAGE = abs(CONFIG.page);
const PRECACHED = new Set(CONFIG.urls.map(abs));
const BUILD_META = `<meta name="eimza-build" content="${CONFIG.build}">`;
// The page's offline notice (overrides/calculator.html), shown by dropping `hidden`.
const OFFLINE_HIDDEN = "data-eimza-offline hidden";

// A pattern matching exactly this same-origin URL (URLPattern syntax characters escaped).
const exactly = (url) => ({
  urlPattern: new URLPattern({ pathname: new URL(url).pathname.replace(/[*:(){}?+\\]/g, "\\$&") }),
});

// Fill this edition's cache from the network, never from the HTTP cache (a host may send the
// page with max-age=600: the old edition's page must not become the new edition's copy), and
// refuse a page of another build.
async function precache() {
  const cache = await caches.open(CACHE);
  try {
    await cache.addAll([...PRECACHED].map((url) => new Request(url, { cache: "reload" })));
    const page = await cache.match(PAGE);
    const html = page ? await page.text() : "";
    if (!html.includes(BUILD_META)) {
      const err = new Error(`eimza sw: the calculator page is not of build ${CONFIG.build}; not installed`);
      console.warn(String(err));
      throw err;
    }
  } catch (err) {
    // (a network failure, e.g. offline, is an ordinary failed install: the next visit retries)
    await caches.delete(CACHE);
    throw err;
  }
}

self.addEventListener("install", (event) => {
  // Where the browser supports static routing, the precached files come straight from this
  // edition's cache without starting this script (a miss goes to the network); elsewhere
  // the fetch handler below does the same.
  if (event.addRoutes) {
    const files = [...PRECACHED].filter((url) => url !== PAGE);
    event
      .addRoutes({
        condition: { or: files.map(exactly) },
        source: { cacheName: CACHE },
      })
      .catch((err) => console.warn("eimza sw: static routes not added:", err));
  }
  event.waitUntil(precache().then(() => self.skipWaiting()));
});

// A copy made by an sw.js of before scoped cache names is named "eimza-calculator-<hex>" and
// holds the page of the scope it was made for. When that is this scope's page, the worker that
// made it was this scope's (one registration per scope), which this worker replaces: nothing
// else can own it. Another scope's old copy may be its live old worker's: left alone.
const UNSCOPED = /^eimza-calculator-[0-9a-f]+$/;
async function oldCopyOfThisScope(name) {
  if (!UNSCOPED.test(name)) return false;
  const requests = await (await caches.open(name)).keys();
  return requests.some((r) => r.url === PAGE);
}

self.addEventListener("activate", (event) => {
  const mine = async (k) => (k.startsWith(PREFIX) && k.endsWith(` ${scope.pathname}`)) || oldCopyOfThisScope(k);
  event.waitUntil(
    caches
      .keys()
      .then((keys) =>
        Promise.all(keys.filter((k) => k !== CACHE).map(async (k) => (await mine(k)) && caches.delete(k))),
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

// The offline copy, saying so: the page's notice names this edition's date.
async function offlineCopy() {
  const cached = await (await caches.open(CACHE)).match(PAGE);
  if (!cached) return Response.error();
  const html = (await cached.text()).replace(OFFLINE_HIDDEN, "data-eimza-offline");
  const headers = new Headers(cached.headers);
  headers.delete("Content-Length"); // the body changed
  return new Response(html, { status: cached.status, headers });
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const key = pageKey(request.url);
  if (request.mode === "navigate") {
    if (key !== PAGE) return;
    // Network first, revalidated (a new edition shows at once, even behind max-age), the
    // offline copy when the network fails.
    event.respondWith(
      fetch(request.url, { cache: "no-cache", credentials: "same-origin" }).then(
        (response) => (response.redirected ? Response.redirect(response.url, 302) : response),
        () => offlineCopy(),
      ),
    );
    return;
  }
  if (!PRECACHED.has(key)) return;
  // Versioned, immutable files: cache first.
  event.respondWith(
    caches
      .open(CACHE)
      .then((c) => c.match(key))
      .then((hit) => hit || fetch(request)),
  );
});
