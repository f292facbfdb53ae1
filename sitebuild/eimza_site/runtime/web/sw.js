// E-İmza Rehberi service worker: the offline copy of one edition (docs/dev/runtime.md, "Offline").
// The build replaces the config below (eimza_site.runtime.offline):
//   cache    this edition's cache name (changes whenever a kept file does)
//   build    the id in every page's <meta name="eimza-build">
//   pack     one file holding every page ({path: html}); pages: their paths
//   files    what the pages use (styles, scripts, icons, search, the calculator's scripts)
//   runtime  Pyodide and the snapshot: kept only once the reader has used Python or asked for
//            it (a page's {type: "eimza-keep-runtime"} message), never fetched otherwise
//   digests  every kept file's {sha256, size}: the copy keeps only the build's bytes
//
// Pages and files are kept at install (a light copy: every page and every instant answer
// works offline); the runtime joins on request, and a new edition's worker keeps it again
// when its scope's older copy had it. Pages are served network first (a new edition shows
// at once), the offline copy when the network fails; kept files from the cache.
//
// What is checked where: every file is checked against its digest before it is kept (a
// mismatch, once more past the HTTP cache, fails the install or the runtime's keep: the
// previous copy stays). The runtime's files are checked again by what runs them (the boot
// script's start checks the worker's script, the worker Pyodide's files and the snapshot),
// which asks for a file that differs once more past every cache (cache: "reload"); such a
// request, and the failure message's "Yeniden dene", go to the network, and a response with
// the build's bytes replaces the copy's entry. The pages' files have no such reader: this
// worker checks them each time it answers with one, and replaces one that differs. So no
// state of the copy keeps an online site broken.
//
// One edition, one copy: each edition (mike puts them under /<date>/, each with its own
// sw.js) has its own scope, and its cache name ends with that scope; a worker deletes only
// its own scope's older caches (also its unscoped one from an older sw.js), never another
// edition's.
const CONFIG = /*__EIMZA_SW_CONFIG__*/ {};
const PREFIX = "eimza-calculator-";
const scope = new URL(self.registration.scope);
const CACHE = `${CONFIG.cache} ${scope.pathname}`;
const abs = (path) => new URL(path, scope).href;
const PAGES = new Set(CONFIG.pages.map(abs));
const FILES = CONFIG.files.map(abs);
const RUNTIME = CONFIG.runtime.map(abs);
const KEPT = new Set([...FILES, ...RUNTIME]);
// the pages' files: checked each time they are served (the runtime's are checked by what runs them)
const SELF_CHECKED = new Set(FILES);
const DIGESTS = new Map(Object.entries(CONFIG.digests).map(([path, digest]) => [abs(path), digest]));
const BUILD_META = `<meta name="eimza-build" content="${CONFIG.build}">`;
// The pages' offline notice (partials/offline-notice.html, every page), shown by dropping `hidden`.
const OFFLINE_HIDDEN = "data-eimza-offline hidden";
// What the server sends with a page, for the copies made from the pack (the pages' own
// <meta> carries their Content-Security-Policy).
const PAGE_HEADERS = {
  "Content-Type": "text/html; charset=utf-8",
  "Content-Security-Policy": "frame-ancestors 'none'",
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "no-referrer",
};

const hex = (buffer) => Array.from(new Uint8Array(buffer), (b) => b.toString(16).padStart(2, "0")).join("");

// Whether these are the build's bytes of the kept file `url` (its SHA-256 and size).
async function intact(url, bytes) {
  const want = DIGESTS.get(url);
  if (!want || bytes.byteLength !== want.size) return false;
  return hex(await crypto.subtle.digest("SHA-256", bytes)) === want.sha256;
}

// A kept file from the network: the response (its body unread) when it has the build's bytes,
// else null.
async function fromNetwork(url, mode) {
  const response = await fetch(new Request(url, { cache: mode }));
  if (!response.ok) throw new Error(`eimza sw: ${url}: HTTP ${response.status}`);
  if (await intact(url, await response.clone().arrayBuffer())) return response;
  response.body?.cancel().catch(() => {});
  return null;
}

// A kept file, checked: fetched with `mode`, and once more past the HTTP cache (an immutable
// bad copy there) when its bytes differ; a second difference is an error (nothing kept).
async function checked(url, mode) {
  const response = (await fromNetwork(url, mode)) ?? (mode === "reload" ? null : await fromNetwork(url, "reload"));
  if (!response) {
    const err = new Error(`eimza sw: ${url}: not the build's bytes (SHA-256 or size); not kept`);
    console.warn(String(err));
    throw err;
  }
  return response;
}

// Files into this edition's cache, each only with the build's bytes. Pages and unversioned
// files are revalidated ("no-cache": a host may send them with max-age=600, and the old
// edition's copy must not become the new edition's); the runtime's versioned, immutable
// files may come from the HTTP cache (the calculator's worker has usually just downloaded
// them: no second download).
async function keep(cache, urls, mode) {
  await Promise.all(urls.map(async (url) => cache.put(url, await checked(url, mode))));
}

// Every page, from the pack; refused when a page is not of this worker's build.
async function keepPages(cache) {
  const pages = await (await checked(abs(CONFIG.pack), "no-cache")).json();
  for (const path of CONFIG.pages) {
    if (typeof pages[path] !== "string" || !pages[path].includes(BUILD_META)) {
      const err = new Error(`eimza sw: the page ${path || "/"} is not of build ${CONFIG.build}; not installed`);
      console.warn(String(err));
      throw err;
    }
  }
  await Promise.all(
    CONFIG.pages.map((path) => cache.put(abs(path), new Response(pages[path], { headers: PAGE_HEADERS }))),
  );
}

const hasRuntime = async (cache) => (await Promise.all(RUNTIME.map((url) => cache.match(url)))).every(Boolean);

// This scope's caches other than this worker's (an older edition's, or an older sw.js's)
async function olderCopies() {
  const out = [];
  for (const name of await caches.keys()) {
    if (name !== CACHE && (await mine(name))) out.push(name);
  }
  return out;
}

// Whether the reader kept the runtime before: an older copy of this scope holds Pyodide.
async function runtimeWanted() {
  const pyodide = new URL("assets/pyodide/", scope).href;
  for (const name of await olderCopies()) {
    const requests = await (await caches.open(name)).keys();
    if (requests.some((r) => r.url.startsWith(pyodide))) return true;
  }
  return false;
}

async function install() {
  const cache = await caches.open(CACHE);
  try {
    await keepPages(cache);
    await keep(cache, FILES, "no-cache");
    if (await runtimeWanted()) await keep(cache, RUNTIME, "default");
  } catch (err) {
    // (a network failure, e.g. offline, is an ordinary failed install: the next visit retries)
    await caches.delete(CACHE);
    throw err;
  }
}

// (No static routes (InstallEvent.addRoutes): a route from the cache would answer a request
// made past every cache too, and a bad entry could never be replaced.)
self.addEventListener("install", (event) => {
  event.waitUntil(install().then(() => self.skipWaiting()));
});

// A copy made by an sw.js of before scoped cache names is named "eimza-calculator-<hex>" and
// holds the page of the scope it was made for. When that is this scope's page, the worker that
// made it was this scope's (one registration per scope), which this worker replaces: nothing
// else can own it. Another scope's old copy may be its live old worker's: left alone.
const UNSCOPED = /^eimza-calculator-[0-9a-f]+$/;
const CALC_PAGE = abs("ucret-hesaplama/");
async function mine(name) {
  if (name.startsWith(PREFIX) && name.endsWith(` ${scope.pathname}`)) return true;
  if (!UNSCOPED.test(name)) return false;
  const requests = await (await caches.open(name)).keys();
  return requests.some((r) => r.url === CALC_PAGE);
}

self.addEventListener("activate", (event) => {
  event.waitUntil(
    olderCopies()
      .then((names) => Promise.all(names.map((name) => caches.delete(name))))
      .then(() => self.clients.claim()),
  );
});

// A page asks for the runtime (Python was used, or the reader pressed the download button):
// kept in this worker's cache; the answer goes back on the message's port.
self.addEventListener("message", (event) => {
  if (event.data?.type !== "eimza-keep-runtime") return;
  const reply = (answer) => event.ports[0]?.postMessage(answer);
  event.waitUntil(
    caches
      .open(CACHE)
      .then(async (cache) => {
        if (!(await hasRuntime(cache))) await keep(cache, RUNTIME, "default");
        reply({ type: "eimza-runtime-kept", ok: true });
      })
      .catch((err) => {
        console.warn("eimza sw: runtime not kept:", err);
        reply({ type: "eimza-runtime-kept", ok: false });
      }),
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
async function offlineCopy(key) {
  const cached = await (await caches.open(CACHE)).match(key);
  if (!cached) return Response.error();
  const html = (await cached.text()).replace(OFFLINE_HIDDEN, "data-eimza-offline");
  return new Response(html, { status: cached.status, headers: cached.headers });
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const key = pageKey(request.url);
  if (request.mode === "navigate") {
    if (!PAGES.has(key)) return;
    // Network first, revalidated (a new edition shows at once, even behind max-age), the
    // offline copy when the network fails.
    event.respondWith(
      fetch(request.url, { cache: "no-cache", credentials: "same-origin" }).then(
        (response) => (response.redirected ? Response.redirect(response.url, 302) : response),
        () => offlineCopy(key),
      ),
    );
    return;
  }
  if (!KEPT.has(key)) return;
  event.respondWith(answerKept(event, key));
});

// Replacements under way, by URL: a request for one waits for it.
const replacing = new Map();

// A kept file: from the copy; past it when the request goes past every cache (cache:
// "reload": the worker's second try after a digest mismatch, "Yeniden dene"), when the copy
// lacks it (the runtime before it is kept) or when a page's file there is not the build's.
// A network answer with the build's bytes replaces the copy's entry (a page's file, or a
// runtime file the copy holds). No network: the copy's entry, if it has one; else a network
// error, as without this worker.
async function answerKept(event, key) {
  await replacing.get(key); // (a page reloaded by "Yeniden dene" gets the replaced entry)
  const cache = await caches.open(CACHE);
  let hit = await cache.match(key);
  const held = !!hit || SELF_CHECKED.has(key);
  if (hit && SELF_CHECKED.has(key) && !(await intact(key, await hit.clone().arrayBuffer()))) {
    console.warn(`eimza sw: ${key}: the offline copy's bytes differ from the build's; fetched again`);
    hit = undefined;
  }
  const reload = event.request.cache === "reload";
  if (hit && !reload) return hit;
  let response;
  try {
    response = await fetch(reload || !held ? event.request : new Request(key, { cache: "reload" }));
  } catch {
    return hit ?? Response.error();
  }
  if (response.ok && held) {
    const done = replace(cache, key, response.clone()).finally(() => {
      if (replacing.get(key) === done) replacing.delete(key);
    });
    replacing.set(key, done);
    event.waitUntil(done);
  }
  return response;
}

// The copy's entry for `key` replaced with this answer, if it has the build's bytes (never
// rejects: a cut answer replaces nothing).
async function replace(cache, key, response) {
  const kept = response.clone();
  try {
    if (await intact(key, await response.arrayBuffer())) return await cache.put(key, kept);
  } catch {}
  kept.body?.cancel().catch(() => {});
}
