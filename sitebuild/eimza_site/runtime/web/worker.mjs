// E-İmza Rehberi calculator worker (module worker): runs the eimza engine in Pyodide.
//
// Its start:    JSON in the worker's name (WorkerOptions.name; the boot script's
//               __eimzaNewWorker writes it), read at the module's first evaluation, so the
//               downloads begin at once (a message would wait for the page's thread to pass
//               it on: 80–90 ms while the page still parses). This module runs from a blob:
//               URL of its checked bytes (the boot script's WORKER_START, the worker's first
//               module, checked them against `files`); it runs Pyodide's two scripts the same
//               way, and every other file from the bytes it checked.
//               {worker, pyodide, wheel, snapshot, files, probe, reloadSnapshot, stallMs}
//                 (absolute URLs; snapshot may be null; files: {url: {sha256, size}}, the
//                  manifest's runtime files: each is checked on download, the snapshot before
//                  the restore; probe {request, sha256}: after the restore the engine's reply
//                  to request must have that digest, as at build time; reloadSnapshot: fetch
//                  the snapshot past the HTTP cache, the second try after a digest mismatch;
//                  stallMs: a snapshot download with no byte for that long is given up, and
//                  the page boots plainly)
// Messages in:  {type: "answer", id, case, person: {name, surname, tckn}, today}
//                 (today: the reader's today in Türkiye, "YYYY-MM-DD": the answer's head)
//               {type: "prefetch", cases: [{key, case, today}]}   answers the page keeps (no person),
//                 computed in the background, one per task (after ready: the warm-up)
// Messages out: {type: "progress", loaded, total}   bytes of this path's files so far (at most
//                                                   every 250 ms while bytes come, and at
//                                                   each step: the page's boot watchdog)
//               {type: "ready", mode: "snapshot"|"plain", ms}
//               {type: "answer", id, answer, tcknValid, personError}
//               {type: "prefetched", key, answer, tcknValid, personError}
//                 (what eimza.web.handle returns: answer is eimza.web.answer's object;
//                  personError the engine's message when it refused the name/surname)
//               {type: "restart-plain", message, refetch, offline}   snapshot unusable: start a
//                 fresh worker plainly (refetch: its digest did not match; try it once more
//                 with reloadSnapshot first; offline: see fatal)
//               {type: "fatal", message, offline}   Pyodide cannot run here at all (offline: a
//                 download got no answer at all, no network: the page says so)
//               {type: "console", level, text}      this worker's console errors/warnings, for
//                 engines whose driver does not show a worker's console (tests/engines.py)
//
// Name, surname and T.C. Kimlik No only ever travel by postMessage; nothing is fetched
// with them and nothing is stored.

for (const level of ["error", "warn"]) {
  const original = console[level].bind(console);
  console[level] = (...args) => {
    original(...args);
    try {
      self.postMessage({ type: "console", level, text: args.map(String).join(" ") });
    } catch {
      // a value that cannot be turned into text: the console has it
    }
  };
}

let handle = null;
let mode = null;
// Pyodide's loader can fail inside callbacks (e.g. the .wasm request is refused) without
// rejecting loadPyodide's promise: an unhandled error during start-up is a failed start.
let phase = "start"; // "snapshot" | "plain" | "ready"

// A snapshot whose bytes are not the build's (changed, cut, or another file): fetched once
// more past every cache (the HTTP cache's or the offline copy's bad copy), then a plain boot.
const BAD_SNAPSHOT = /snapshot: (digest mismatch|truncated|bad length|bad header|made for another)/;

function startFailed(err) {
  const offline = err?.offline === true;
  if (phase === "snapshot") {
    phase = "failed";
    const refetch = BAD_SNAPSHOT.test(String(err));
    self.postMessage({ type: "restart-plain", message: String(err), refetch, offline });
    self.close();
  } else if (phase !== "ready" && phase !== "failed") {
    phase = "failed";
    self.postMessage({ type: "fatal", message: String(err), offline });
  }
}
self.addEventListener("unhandledrejection", (event) => {
  // After a failed start (already reported) its leftovers may still reject as the worker
  // closes, e.g. Pyodide's own read of the lock file, aborted (Firefox logs each): not news.
  if (phase === "failed") event.preventDefault();
  else startFailed(event.reason);
});
// For the same reason, watch Pyodide's own downloads: a refused or failed core file
// (.wasm, stdlib, lock file) means this start cannot succeed.
let pyodideBase = null;
// The .wasm when the worker compiles it itself (snapshot path): Pyodide's own request for
// it gets an empty stand-in, its instantiateStreaming uses the compiled module.
let wasmCompiledHere = null;
// Files this worker downloaded and checked itself (url -> promise of the bytes): Pyodide's
// own request for one of them gets those bytes.
const checkedHere = new Map();
// Pyodide's own request for `url` gets `bytes` (a promise); their failure ends the start
// (Pyodide would only log it).
function handOver(url, bytes) {
  bytes.catch(startFailed);
  checkedHere.set(url, bytes);
}
const realFetch = self.fetch.bind(self);
self.fetch = async (input, init) => {
  const url = String(input instanceof Request ? input.url : input);
  if (url === wasmCompiledHere) {
    return new Response(new Uint8Array(0), { headers: { "Content-Type": "application/wasm" } });
  }
  if (checkedHere.has(url)) return new Response(await checkedHere.get(url));
  const watched = pyodideBase !== null && url.startsWith(pyodideBase);
  try {
    const response = await realFetch(input, init);
    if (watched && !response.ok) startFailed(new Error(`${url}: HTTP ${response.status}`));
    return response;
  } catch (err) {
    if (watched) startFailed(err);
    throw err;
  }
};
self.addEventListener("error", (event) => startFailed(event.message || event.error));
let readyResolve;
const ready = new Promise((resolve) => {
  readyResolve = resolve;
});

import {
  EMPTY_ZIP_BASE64,
  PROBE_REQUEST,
  onNextInstance,
  releaseSnapshot,
  restoreSnapshot,
  sha256Hex,
} from "./snapshot-format.mjs"; // inlined by the build

// The snapshot was sealed without the standard-library zip (scripts/make_snapshot.mjs): the
// restored interpreter needs none, so Pyodide gets an empty zip (22 bytes). Its request for
// this URL is answered here, from memory: no file, no request (Emscripten's start waits for
// it; behind the large downloads a request took 90 ms; a data: URL would need
// `connect-src data:` in the CSP).
const EMPTY_ZIP = "empty-stdlib.zip";
const EMPTY_ZIP_BYTES = Uint8Array.from(atob(EMPTY_ZIP_BASE64), (c) => c.charCodeAt(0));

// A snapshot download with no byte for this long is given up (the start's stallMs: tests only).
const STALL_MS = 15000;

// The snapshot, fetched by this worker (the page's thread never touches its 9.9 MB: on the
// page's thread its handling was the calculator page's long tasks) and unpacked as it streams
// in. A download that stalls (no byte for `stallMs`) is given up: the restore fails, and the
// page boots plainly.
async function* download(url, init, stallMs) {
  const abort = new AbortController();
  let timer = null;
  const watch = () => {
    clearTimeout(timer);
    timer = setTimeout(() => abort.abort(), stallMs);
  };
  watch();
  try {
    const reader = (await fetchOk(url, { ...init, signal: abort.signal })).body.getReader();
    let n = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      watch();
      n += value.length;
      progress(url, n);
      yield value;
    }
  } catch (err) {
    throw abort.signal.aborted ? new Error(`${url}: snapshot download stalled for ${stallMs} ms`) : err;
  } finally {
    clearTimeout(timer);
  }
}

// --- downloads: progress, and each runtime file checked against the manifest's digest ---
let files = {}; // url -> {sha256, size}
let canCheck = false; // Web Crypto present (a secure context)
const loaded = new Map(); // url -> bytes received so far (this try)
let total = 0;
let lastProgress = 0;

function progress(url, bytes, force = false) {
  if (url) loaded.set(url, bytes);
  const now = performance.now();
  if (!force && now - lastProgress < 250) return;
  lastProgress = now;
  let sum = 0;
  for (const n of loaded.values()) sum += n;
  self.postMessage({ type: "progress", loaded: Math.min(sum, total), total });
}

// The response's body, counted into the progress as it arrives.
async function readCounted(response, url) {
  const reader = response.body.getReader();
  const parts = [];
  let n = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    parts.push(value);
    n += value.length;
    progress(url, n);
  }
  if (parts.length === 1) return parts[0];
  const bytes = new Uint8Array(n);
  let at = 0;
  for (const p of parts) {
    bytes.set(p, at);
    at += p.length;
  }
  return bytes;
}

// A download with no answer at all (not a stall this worker gave up) is marked `offline`.
async function fetchOk(url, init = {}) {
  let response;
  try {
    response = await realFetch(url, init);
  } catch (err) {
    if (init.signal?.aborted) throw err;
    throw Object.assign(new Error(`${url}: ${err}`), { offline: true });
  }
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return response;
}

// A runtime file, tried at most twice: `attempt(response)` reads it ({bytes, finish}); when
// the bytes have the manifest's digest, `finish()` gives the result. The first try is an
// ordinary fetch; after a mismatch the second goes past the HTTP cache and an immutable copy
// (cache: "reload"); a second mismatch ends this start. Without Web Crypto (no secure
// context) or without a digest for the file, it is not checked.
async function checkedTries(url, attempt) {
  const want = canCheck ? files[url]?.sha256 : null;
  for (let tries = 0; ; tries++) {
    loaded.set(url, 0);
    const response = await fetchOk(url, tries ? { cache: "reload" } : {});
    const { bytes, finish } = await attempt(response);
    if (!want || (await sha256Hex(bytes)) === want) return finish();
    if (tries) throw new Error(`${url}: digest mismatch (twice, the second time fetched past the cache)`);
    console.warn(`eimza calculator: ${url}: digest mismatch, fetching it again past the cache`);
  }
}

const fetchChecked = (url) =>
  checkedTries(url, async (response) => {
    const bytes = await readCounted(response, url);
    return { bytes, finish: () => bytes };
  });

// The .wasm, compiled here on both paths and handed to Pyodide as a module: compileStreaming
// while it downloads (the browser may then cache the compiled code), its bytes read from a
// copy of the response for the digest and the progress. A wrong type or an invalid module
// ends the start at once (Pyodide would wait for ever on either).
const compileWasm = (url) =>
  checkedTries(url, async (response) => {
    const type = (response.headers.get("Content-Type") || "").split(";")[0].trim();
    if (type !== "application/wasm") throw new Error(`${url}: served as ${type || "no type"}, not application/wasm`);
    const streaming = typeof WebAssembly.compileStreaming === "function";
    const copy = streaming ? response.clone() : response;
    const module = streaming ? WebAssembly.compileStreaming(response) : null;
    module?.catch(() => {});
    const bytes = await readCounted(copy, url);
    const finish = async () => {
      try {
        return await (module ?? WebAssembly.compile(bytes));
      } catch (err) {
        throw new Error(`${url}: not a valid WebAssembly module (${err})`);
      }
    };
    return { bytes, finish };
  });

// A module script run from the very bytes that were checked: a blob: URL of them (importing
// its own URL would be a second request, which could bring other bytes; the page's policy
// allows blob: scripts for this). Pyodide's scripts import nothing by relative URL.
async function checkedImport(url) {
  const bytes = await fetchChecked(url);
  const blob = URL.createObjectURL(new Blob([bytes], { type: "text/javascript" }));
  try {
    return await import(blob);
  } finally {
    URL.revokeObjectURL(blob);
  }
}

// The engine's entry point for the worker (eimza.web.handle, a Python function).
const HANDLE_PY = "import eimza.web\neimza.web.handle";

// Background answers (the page's prefetch: the other situations and roles at the form's
// date, its warm-up too: the engine's first answers take 20–35 ms here, later ones 4–10 ms),
// one per task, so that a reader's own request, a message, is answered between two of them.
const background = [];
function runBackground() {
  const next = background.shift();
  if (!next) return;
  try {
    const out = JSON.parse(handle(JSON.stringify({ case: next.case, today: next.today })));
    if (out && typeof out.answer === "object") self.postMessage({ type: "prefetched", key: next.key, ...out });
  } catch {
    // an answer the reader asks for reports its own failure
  }
  if (background.length) setTimeout(runBackground, 0);
}

async function setUp(pyodide, wheelBytes) {
  const sitePackages = pyodide.runPython(
    "import sysconfig; sysconfig.get_paths()['purelib']",
  );
  pyodide.unpackArchive(wheelBytes, "wheel", { extractDir: sitePackages });
  const fn = pyodide.runPython(HANDLE_PY);
  // A plain boot that cannot answer is as bad as one that cannot load (the snapshot's probe
  // request: one case of the national file, the same for every build).
  const out = JSON.parse(fn(PROBE_REQUEST));
  if (!out || typeof out.answer !== "object") throw new Error("engine probe failed");
  return fn;
}

async function init(cfg) {
  const t0 = performance.now();
  pyodideBase = cfg.pyodide;
  files = cfg.files || {};
  canCheck = !!self.crypto?.subtle;
  const at = (name) => new URL(name, cfg.pyodide).href;
  const wasmURL = at("pyodide.asm.wasm");
  // Start every independent download at once: the snapshot (unpacked as it streams in; the
  // engine is imported in it, so only a plain boot needs the wheel), the .wasm (compiled
  // here) and Pyodide's JavaScript (both scripts run from their checked bytes). A snapshot is
  // used only with its digest and probe, and where Web Crypto can check them.
  const useSnapshot = !!(cfg.snapshot && files[cfg.snapshot]?.sha256 && cfg.probe && canCheck);
  const lockURL = at("pyodide-lock.json");
  const sized = [at("pyodide.mjs"), at("pyodide.asm.mjs"), wasmURL, lockURL];
  sized.push(...(useSnapshot ? [cfg.snapshot] : [at("python_stdlib.zip"), cfg.wheel]));
  total = sized.reduce((n, url) => n + (files[url]?.size || 0), 0);
  progress(null, 0, true);
  const chunks = useSnapshot
    ? download(cfg.snapshot, cfg.reloadSnapshot ? { cache: "reload" } : {}, cfg.stallMs || STALL_MS)
    : null;
  const snapshot = chunks ? restoreSnapshot(chunks, files[cfg.snapshot].sha256) : null;
  // Pyodide's lock file, fetched now (Pyodide would ask only once its scripts are in, behind
  // the large downloads: loadPyodide waits for it) and checked; its own request gets these
  // bytes. On the plain path, so does its request for the standard library.
  handOver(lockURL, fetchChecked(lockURL));
  if (snapshot) handOver(at(EMPTY_ZIP), Promise.resolve(EMPTY_ZIP_BYTES));
  let wheel = null;
  if (!snapshot) {
    handOver(at("python_stdlib.zip"), fetchChecked(at("python_stdlib.zip")));
    wheel = fetchChecked(cfg.wheel);
    wheel.catch(() => {});
  }
  const compiled = compileWasm(wasmURL);
  compiled.catch(() => {});
  wasmCompiledHere = wasmURL;
  // Pyodide's module factory, from its checked bytes: loadPyodide takes it as an option
  // (createPyodideModule) instead of importing pyodide.asm.mjs by its URL.
  const asmReady = checkedImport(at("pyodide.asm.mjs")).then((module) => module.default);
  asmReady.catch(() => {});
  let loadPyodide;
  try {
    ({ loadPyodide } = await checkedImport(at("pyodide.mjs")));
  } catch (err) {
    phase = "failed";
    self.postMessage({ type: "fatal", message: String(err), offline: err?.offline === true });
    return;
  }
  const base = { indexURL: cfg.pyodide, stdout: () => {}, stderr: () => {} };
  if (snapshot) {
    phase = "snapshot";
    // Pyodide instantiates as soon as the snapshot's head gives the memory size and the .wasm
    // is compiled; the rest streams in meanwhile (fsInit holds the restore until it is in
    // and checked) and is completed from the fresh instance's memory.
    const { failed, fsInit } = snapshot.completeOnInstantiation(compiled);
    try {
      const createPyodideModule = await asmReady;
      const options = { ...base, createPyodideModule, stdLibURL: at(EMPTY_ZIP), _loadSnapshot: snapshot.buffer, fsInit };
      const pyodide = await Promise.race([loadPyodide(options), failed]);
      await releaseSnapshot(snapshot.buffer);
      progress(null, 0, true);
      // After the restore, the engine answers the probe exactly as it did at build time;
      // anything else (an error, another reply) restarts plainly.
      handle = pyodide.runPython(HANDLE_PY);
      if ((await sha256Hex(handle(cfg.probe.request))) !== cfg.probe.sha256) {
        throw new Error("snapshot: the restored engine's probe reply differs from the build's");
      }
      if (phase !== "snapshot") return;
      phase = "ready";
      mode = "snapshot";
      self.postMessage({ type: "ready", mode: "snapshot", ms: performance.now() - t0 });
      readyResolve();
      return;
    } catch (err) {
      // The module state after a failed restore is not trusted: ask for a fresh worker.
      startFailed(err);
      return;
    }
  }
  phase = "plain";
  try {
    // Pyodide gets the module compiled here (its own request for the .wasm gets an empty
    // stand-in): a wrong type, a cut file or changed bytes end the start here, not in Pyodide.
    await compiled;
    const createPyodideModule = await asmReady;
    onNextInstance(async () => {}, compiled);
    progress(null, 0, true);
    const pyodide = await loadPyodide({ ...base, createPyodideModule });
    progress(null, 0, true);
    handle = await setUp(pyodide, await wheel);
  } catch (err) {
    startFailed(err);
    return;
  }
  if (phase !== "plain") return;
  phase = "ready";
  self.postMessage({ type: "ready", mode: "plain", ms: performance.now() - t0 });
  readyResolve();
}

self.onmessage = async (event) => {
  const msg = event.data || {};
  if (msg.type === "prefetch") {
    await ready;
    if (!background.length) setTimeout(runBackground, 0);
    background.push(...(msg.cases || []));
  } else if (msg.type === "answer") {
    await ready;
    try {
      const out = JSON.parse(handle(JSON.stringify({ case: msg.case, person: msg.person, today: msg.today })));
      if (!out || typeof out.answer !== "object") throw new Error("no answer from the engine");
      self.postMessage({ type: "answer", id: msg.id, ...out });
    } catch (err) {
      if (mode === "snapshot") {
        // e.g. an import the small standard library lacks: start over plainly.
        self.postMessage({ type: "restart-plain", message: String(err) });
        self.close();
        return;
      }
      self.postMessage({ type: "answer", id: msg.id, error: String(err) });
    }
  }
};

// the page's messages that came before this module ran (the worker's first module kept them)
for (const event of self.__eimzaEarly?.splice(0) ?? []) self.onmessage(event);

// The start, from the worker's name (see the top): the first thing this worker does.
let start = null;
try {
  start = JSON.parse(self.name);
} catch {
  // reported below
}
if (start && typeof start === "object") {
  init(start);
} else {
  phase = "failed";
  self.postMessage({ type: "fatal", message: "worker started without its start in its name" });
}
