// E-İmza Rehberi calculator worker (module worker): runs the eimza engine in Pyodide.
//
// Messages in:  {type: "init", pyodide, wheel, snapshot, stdlib}  (absolute URLs; snapshot and
//                 stdlib may be null)
//               {type: "answer", id, case, person: {name, surname, tckn}}
// Messages out: {type: "ready", mode: "snapshot"|"plain", ms}
//               {type: "answer", id, answer, tcknValid, personError}
//                 (answer: eimza.web.answer's JSON; personError: the engine's message when
//                  it refused the name/surname, the answer then omits them)
//               {type: "restart-plain", message}   snapshot unusable: start a fresh worker plainly
//               {type: "fatal", message}            Pyodide cannot run here at all
//
// Name, surname and T.C. Kimlik No only ever travel by postMessage; nothing is fetched
// with them and nothing is stored.

// Python side: kept tiny, the engine does the work. Imports match the snapshot's warm-up.
const HANDLER_PY = `
import json
import eimza
import eimza.web

def _eimza_handle(msg_json):
    msg = json.loads(msg_json)
    case = dict(msg.get("case") or {})
    person = msg.get("person") or {}
    name = str(person.get("name") or "").strip()
    surname = str(person.get("surname") or "").strip()
    tckn = str(person.get("tckn") or "").strip()
    tckn_valid = bool(eimza.is_valid_tckn(tckn)) if tckn else None
    person_error = None
    if name and surname and tckn and tckn_valid:
        answer = json.loads(eimza.web.answer(json.dumps({**case, "name": name, "surname": surname, "tckn": tckn}, ensure_ascii=False)))
        if not answer.get("ok"):
            # The identity was refused (e.g. a name with digits): answer without it and
            # show the engine's message next to the fields instead of losing the answer.
            plain = json.loads(eimza.web.answer(json.dumps(case, ensure_ascii=False)))
            if plain.get("ok"):
                person_error = answer["error"]["message"]
                answer = plain
    else:
        answer = json.loads(eimza.web.answer(json.dumps(case, ensure_ascii=False)))
    return json.dumps({"answer": answer, "tcknValid": tckn_valid, "personError": person_error}, ensure_ascii=False)
`;

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
const realFetch = self.fetch.bind(self);
self.fetch = async (input, init) => {
  const url = String(input instanceof Request ? input.url : input);
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

import { unpackSnapshot } from "./snapshot-format.mjs"; // inlined by the build

async function fetchBytes(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return new Uint8Array(await response.arrayBuffer());
}

async function setUp(pyodide, wheelBytes, probe = true) {
  const sitePackages = pyodide.runPython(
    "import sysconfig; sysconfig.get_paths()['purelib']",
  );
  pyodide.unpackArchive(wheelBytes, "wheel", { extractDir: sitePackages });
  pyodide.runPython(HANDLER_PY);
  const fn = pyodide.globals.get("_eimza_handle");
  if (probe) {
    // A plain boot that cannot answer is as bad as one that cannot load. (After a snapshot
    // restore the first real answer is the probe: any error there restarts plainly.)
    const out = JSON.parse(fn(JSON.stringify({ case: { situation: "first", role: "staff" } })));
    if (!out || typeof out.answer !== "object") throw new Error("engine probe failed");
  }
  return fn;
}

async function init(cfg) {
  const t0 = performance.now();
  pyodideBase = cfg.pyodide;
  // Start every independent download at once: the snapshot, the wheel, and Pyodide's
  // JavaScript (loadPyodide imports pyodide.asm.mjs by the same URL: the module map reuses it).
  const snapshot = cfg.snapshot ? fetchBytes(cfg.snapshot).then(unpackSnapshot) : null;
  snapshot?.catch(() => {});
  const wheel = fetchBytes(cfg.wheel);
  wheel.catch(() => {});
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
    try {
      // The snapshot was made with the small standard library (stdlib-<key>.zip): the
      // two belong together.
      const pyodide = await loadPyodide({ ...base, stdLibURL: cfg.stdlib, _loadSnapshot: snapshot });
      handle = await setUp(pyodide, await wheel, false);
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
  } else if (msg.type === "answer") {
    await ready;
    try {
      const out = JSON.parse(handle(JSON.stringify({ case: msg.case, person: msg.person })));
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
