// E-İmza Rehberi calculator worker (module worker): runs the eimza engine in Pyodide.
//
// Messages in:  {type: "init", pyodide, wheel, snapshot, snapshotSha256, probe}
//                 (absolute URLs; snapshot may be null; snapshotSha256: the file's digest,
//                  checked before the restore; probe {request, sha256}: after the restore the
//                  engine's reply to request must have that digest, as at build time)
//               {type: "answer", id, case, person: {name, surname, tckn}}
// Messages out: {type: "ready", mode: "snapshot"|"plain", ms}
//               {type: "answer", id, answer, tcknValid, personError}
//                 (what eimza.web.handle returns: answer is eimza.web.answer's object;
//                  personError the engine's message when it refused the name/surname)
//               {type: "restart-plain", message}   snapshot unusable: start a fresh worker plainly
//               {type: "fatal", message}            Pyodide cannot run here at all
//
// Name, surname and T.C. Kimlik No only ever travel by postMessage; nothing is fetched
// with them and nothing is stored.

let handle = null;
let mode = null;
// Pyodide's loader can fail inside callbacks (e.g. the .wasm request is refused) without
// rejecting loadPyodide's promise: an unhandled error during start-up is a failed start.
let phase = "start"; // "snapshot" | "plain" | "ready"

function startFailed(err) {
  if (phase === "snapshot") {
    phase = "failed";
    self.postMessage({ type: "restart-plain", message: String(err) });
    self.close();
  } else if (phase !== "ready" && phase !== "failed") {
    phase = "failed";
    self.postMessage({ type: "fatal", message: String(err) });
  }
}
self.addEventListener("unhandledrejection", (event) => startFailed(event.reason));
// For the same reason, watch Pyodide's own downloads: a refused or failed core file
// (.wasm, stdlib, lock file) means this start cannot succeed.
let pyodideBase = null;
// The .wasm when the worker compiles it itself (snapshot path): Pyodide's own request for
// it gets an empty stand-in, its instantiateStreaming uses the compiled module.
let wasmCompiledHere = null;
const realFetch = self.fetch.bind(self);
self.fetch = async (input, init) => {
  const url = String(input instanceof Request ? input.url : input);
  if (url === wasmCompiledHere) {
    return new Response(new Uint8Array(0), { headers: { "Content-Type": "application/wasm" } });
  }
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

import { releaseSnapshot, restoreSnapshot, sha256Hex } from "./snapshot-format.mjs"; // inlined by the build

// The snapshot was sealed without the standard-library zip (scripts/make_snapshot.mjs): the
// restored interpreter needs none, so Pyodide gets an empty zip (22 bytes, written by the
// build next to Pyodide: a data: URL would need `connect-src data:` in the CSP).
const EMPTY_ZIP = "empty-stdlib.zip";

// Snapshot chunks the page downloads for the worker ({type: "snapshot-chunk", chunk | done |
// error}): the page's thread drains the network promptly while this one is busy loading.
const pageChunks = [];
let pageChunkWake = null;
async function* fromPage() {
  for (;;) {
    while (!pageChunks.length) await new Promise((resolve) => (pageChunkWake = resolve));
    const msg = pageChunks.shift();
    if (msg.error) throw new Error(msg.error);
    if (msg.done) return;
    yield new Uint8Array(msg.chunk);
  }
}

async function fetchOk(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return response;
}

async function* download(url) {
  const reader = (await fetchOk(url)).body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return;
    yield value;
  }
}

async function checkWasm(url) {
  const response = await realFetch(url);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  const type = (response.headers.get("Content-Type") || "").split(";")[0].trim();
  if (type !== "application/wasm") throw new Error(`${url}: served as ${type || "no type"}, not application/wasm`);
  if (!WebAssembly.validate(new Uint8Array(await response.arrayBuffer()))) throw new Error(`${url}: not a valid WebAssembly module`);
}

async function fetchBytes(url) {
  return new Uint8Array(await (await fetchOk(url)).arrayBuffer());
}

// The engine's entry point for the worker (eimza.web.handle, a Python function).
const HANDLE_PY = "import eimza.web\neimza.web.handle";

async function setUp(pyodide, wheelBytes) {
  const sitePackages = pyodide.runPython(
    "import sysconfig; sysconfig.get_paths()['purelib']",
  );
  pyodide.unpackArchive(wheelBytes, "wheel", { extractDir: sitePackages });
  const fn = pyodide.runPython(HANDLE_PY);
  // A plain boot that cannot answer is as bad as one that cannot load.
  const out = JSON.parse(fn(JSON.stringify({ case: { situation: "first", role: "staff" } })));
  if (!out || typeof out.answer !== "object") throw new Error("engine probe failed");
  return fn;
}

async function init(cfg) {
  const t0 = performance.now();
  pyodideBase = cfg.pyodide;
  // Start every independent download at once: the snapshot (unpacked as it streams in; the
  // engine is imported in it, so only a plain boot needs the wheel), and Pyodide's
  // JavaScript (loadPyodide imports pyodide.asm.mjs by the same URL: the module map reuses it).
  // A snapshot is used only with its digest and probe, and where Web Crypto can check them.
  const checkable = !!(cfg.snapshotSha256 && cfg.probe && self.crypto?.subtle);
  const useSnapshot = cfg.snapshot && checkable;
  const chunks = !useSnapshot ? null : cfg.snapshotFromPage ? fromPage() : download(cfg.snapshot);
  const snapshot = chunks ? restoreSnapshot(chunks, cfg.snapshotSha256) : null;
  // With a snapshot, compile the .wasm now, while pyodide.asm.mjs loads (Pyodide itself
  // would start only after that, and only once the snapshot's head is in).
  let compiled = null;
  if (snapshot && typeof WebAssembly.compileStreaming === "function") {
    const wasmURL = new URL("pyodide.asm.wasm", cfg.pyodide).href;
    compiled = WebAssembly.compileStreaming(self.fetch(wasmURL));
    compiled.catch(() => {});
    wasmCompiledHere = wasmURL;
  }
  import(new URL("pyodide.asm.mjs", cfg.pyodide).href).catch(() => {});
  let loadPyodide;
  try {
    ({ loadPyodide } = await import(new URL("pyodide.mjs", cfg.pyodide).href));
  } catch (err) {
    self.postMessage({ type: "fatal", message: String(err) });
    return;
  }
  const base = { indexURL: cfg.pyodide, stdout: () => {}, stderr: () => {} };
  if (snapshot) {
    phase = "snapshot";
    // Pyodide instantiates as soon as the snapshot's head gives the memory size; the rest
    // streams in meanwhile and is completed from the fresh instance's memory.
    const failed = snapshot.completeOnInstantiation(compiled);
    try {
      const options = { ...base, stdLibURL: new URL(EMPTY_ZIP, cfg.pyodide).href, _loadSnapshot: snapshot.buffer };
      const pyodide = await Promise.race([loadPyodide(options), failed]);
      await releaseSnapshot(snapshot.buffer);
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
  const wheel = fetchBytes(cfg.wheel);
  wheel.catch(() => {});
  try {
    // Check the .wasm before Pyodide takes it: Pyodide does not reject on a wasm served with
    // the wrong type or cut short (it waits for ever); here either ends the start at once.
    await checkWasm(new URL("pyodide.asm.wasm", cfg.pyodide).href);
    const pyodide = await loadPyodide(base);
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
  if (msg.type === "init") {
    init(msg);
  } else if (msg.type === "snapshot-chunk") {
    pageChunks.push(msg);
    pageChunkWake?.();
  } else if (msg.type === "answer") {
    await ready;
    try {
      const out = JSON.parse(handle(JSON.stringify({ case: msg.case, person: msg.person })));
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
