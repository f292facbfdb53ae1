// Build-time memory snapshot of the shipped Pyodide with the eimza engine imported.
//
//   node scripts/make_snapshot.mjs <pyodide-dir> <wheel> <out.bin>
//
// Boots the exact Pyodide copied into the site, does what the worker does (sysconfig,
// unpack the wheel, import the engine, answer every case of eimza.cases.CASES, check a
// T.C. Kimlik No), then seals the import system: the standard-library zip leaves sys.path
// (everything answering needs is imported by then), so the restored snapshot needs no
// standard library at all and a missing module is a clean ImportError (the worker then
// boots plainly). Freed heap memory is zeroed, and the snapshot is written in the format of
// sitebuild/eimza_site/runtime/web/snapshot-format.mjs: only what differs from a fresh instance's
// memory. Prints JSON figures on stdout, with the probe: the fixed request PROBE_REQUEST
// and the SHA-256 of the engine's reply to it, which the worker checks after each restore.
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { pathToFileURL } from "node:url";

import {
  onNextInstance,
  packSnapshot,
  PROBE_REQUEST,
  restoreSnapshot,
  sha256Hex,
} from "../sitebuild/eimza_site/runtime/web/snapshot-format.mjs";

// Everything the worker's calls (eimza.web.handle) use, on every path of the case table:
// with and without a person, a refused name, an invalid number, malformed input.
const WORK_PY = `
import json, sysconfig
import eimza, eimza.web
from eimza.cases import CASES
_people = [None, {"name": "Ayşe", "surname": "Yılmaz", "tckn": "17291716060"},
           {"name": "Ayşe3", "surname": "Yılmaz", "tckn": "17291716060"},
           {"name": "Ayşe", "surname": "Yılmaz", "tckn": "12345678901"}]
for _case in CASES:
    for _person in _people:
        eimza.web.handle(json.dumps({"case": _case, "person": _person}, ensure_ascii=False))
eimza.web.handle("not json")
del _case, _person, _people
`;

const SEAL_PY = `
import gc, sys, zipimport
_zip = [p for p in sys.path if p.endswith(".zip")]
sys.path[:] = [p for p in sys.path if p not in _zip]
for _p in _zip:
    sys.path_importer_cache.pop(_p, None)
zipimport._zip_directory_cache.clear()
del _p, _zip
gc.collect()
len(sys.modules)
`;

const [pyodideDir, wheelPath, outPath] = process.argv.slice(2);
if (!pyodideDir || !wheelPath || !outPath) {
  console.error("usage: node scripts/make_snapshot.mjs <pyodide-dir> <wheel> <out.bin>");
  process.exit(2);
}

// Zero every free chunk of the C heap (malloc them all, clear, free): freed memory keeps old
// bytes that would otherwise be shipped. Memory may not grow meanwhile (a failed grow makes
// malloc return 0), so only chunks the heap already has are taken.
function zeroFreeHeap(module) {
  const grow = WebAssembly.Memory.prototype.grow;
  WebAssembly.Memory.prototype.grow = () => {
    throw new RangeError("no growth while zeroing the free heap");
  };
  const taken = [];
  let zeroed = 0;
  try {
    for (let size = 1 << 24; size >= 16; size >>= 1) {
      for (let p = module._malloc(size); p; p = module._malloc(size)) {
        module.HEAPU8.fill(0, p, p + size);
        taken.push(p);
        zeroed += size;
      }
    }
  } finally {
    for (const p of taken.reverse()) module._free(p);
    WebAssembly.Memory.prototype.grow = grow;
  }
  return zeroed;
}

const t0 = performance.now();
const indexURL = path.resolve(pyodideDir) + path.sep;
const { loadPyodide } = await import(pathToFileURL(path.join(indexURL, "pyodide.mjs")).href);
const wheel = new Uint8Array(await readFile(wheelPath));

let base = null;
onNextInstance((instance) => {
  base = new Uint8Array(instance.exports.memory.buffer.slice(0));
});
const pyodide = await loadPyodide({ indexURL, _makeSnapshot: true, stdout: () => {}, stderr: () => {} });
if (!base) throw new Error("the instantiation was not seen: cannot record the fresh memory");
const sitePackages = pyodide.runPython("import sysconfig; sysconfig.get_paths()['purelib']");
pyodide.unpackArchive(wheel, "wheel", { extractDir: sitePackages });
pyodide.runPython(WORK_PY);
// (a Python str literal from JSON's: the reply comes back as a JS string, no proxy is kept)
const probeReply = pyodide.runPython(`import eimza.web\neimza.web.handle(${JSON.stringify(PROBE_REQUEST)})`);
const modules = pyodide.runPython(SEAL_PY);
const memoryBefore = pyodide._module.HEAPU8.length;
const zeroed = zeroFreeHeap(pyodide._module);
if (pyodide._module.HEAPU8.length !== memoryBefore) throw new Error("memory grew while zeroing");
const raw = pyodide.makeMemorySnapshot();
const packed = packSnapshot(raw, base);

// Check the file against the same restore code the worker runs.
const restored = restoreSnapshot(
  [packed.subarray(0, 1000), packed.subarray(1000)],
  await sha256Hex(packed),
);
const full = await restored.buffer;
await restored.complete;
restored.applyBase(base);
if (full.length !== raw.length || Buffer.compare(Buffer.from(full.buffer), Buffer.from(raw)) !== 0) {
  throw new Error("snapshot: restoring the packed file does not give the snapshot back");
}
await writeFile(outPath, packed);
console.log(
  JSON.stringify({
    raw_bytes: raw.length,
    packed_bytes: packed.length,
    modules,
    zeroed_heap_bytes: zeroed,
    probe: { request: PROBE_REQUEST, sha256: await sha256Hex(probeReply) },
    ms: Math.round(performance.now() - t0),
  }),
);
