// Build-time memory snapshot of the shipped Pyodide with the eimza engine imported.
//
//   node scripts/make_snapshot.mjs <pyodide-dir> <wheel> <out.bin> <out-stdlib.zip>
//
// Pass 1 boots the exact Pyodide copied into the site (full python_stdlib.zip), does what
// the worker does (sysconfig, unpack the wheel, import the engine, answer every case of
// eimza.cases.CASES, check a T.C. Kimlik No) and records which standard-library files
// were imported. They are written, uncompressed (the server sends it brotli-compressed),
// to <out-stdlib.zip>: the small standard library the snapshot path loads instead of the
// 2.5 MB python_stdlib.zip.
// Pass 2 boots again with that small standard library and _makeSnapshot, repeats the same
// work, so everything answering needs is imported, and writes makeMemorySnapshot() to
// <out.bin>. The browser worker restores it with
// loadPyodide({stdLibURL: <stdlib.zip>, _loadSnapshot}); snapshot and zip belong together
// (zipimport's directory cache lives in the snapshot).
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { pathToFileURL } from "node:url";

// Everything the worker's HANDLER_PY and the engine use, on every path of the case table.
const WORK_PY = `
import json, sysconfig
import eimza, eimza.web
from eimza.cases import CASES
for _case in CASES:
    eimza.web.answer(json.dumps(_case, ensure_ascii=False))
eimza.is_valid_tckn("17291716060")
eimza.is_valid_tckn("12345678901")
del _case
`;

const RECORD_PY = `
import sys, zipfile
_zip = next(p for p in sys.path if p.endswith(".zip"))
_used = set()
for _m in list(sys.modules.values()):
    _f = getattr(_m, "__file__", None) or ""
    if _f.startswith(_zip + "/"):
        _used.add(_f[len(_zip) + 1:])
with zipfile.ZipFile(_zip) as _src, zipfile.ZipFile("/tmp/stdlib-min.zip", "w") as _out:
    for _info in sorted(_src.infolist(), key=lambda i: i.filename):
        if _info.filename in _used:
            _zi = zipfile.ZipInfo(_info.filename, _info.date_time)
            _zi.compress_type = zipfile.ZIP_STORED
            _zi.external_attr = _info.external_attr
            _out.writestr(_zi, _src.read(_info.filename))
len(_used)
`;

const [pyodideDir, wheelPath, outPath, stdlibPath] = process.argv.slice(2);
if (!pyodideDir || !wheelPath || !outPath || !stdlibPath) {
  console.error("usage: node scripts/make_snapshot.mjs <pyodide-dir> <wheel> <out.bin> <out-stdlib.zip>");
  process.exit(2);
}

const indexURL = path.resolve(pyodideDir) + path.sep;
const { loadPyodide } = await import(pathToFileURL(path.join(indexURL, "pyodide.mjs")).href);
const wheel = new Uint8Array(await readFile(wheelPath));
const quiet = { stdout: () => {}, stderr: () => {} };

function work(pyodide) {
  const sitePackages = pyodide.runPython("import sysconfig; sysconfig.get_paths()['purelib']");
  pyodide.unpackArchive(wheel, "wheel", { extractDir: sitePackages });
  pyodide.runPython(WORK_PY);
}

const t0 = performance.now();
const full = await loadPyodide({ indexURL, ...quiet });
work(full);
const files = full.runPython(RECORD_PY);
await writeFile(stdlibPath, full.FS.readFile("/tmp/stdlib-min.zip"));

const pyodide = await loadPyodide({
  indexURL,
  stdLibURL: path.resolve(stdlibPath),
  _makeSnapshot: true,
  ...quiet,
});
work(pyodide);
const snapshot = pyodide.makeMemorySnapshot();
await writeFile(outPath, snapshot);
console.log(
  JSON.stringify({ bytes: snapshot.length, stdlib_files: files, ms: Math.round(performance.now() - t0) }),
);
