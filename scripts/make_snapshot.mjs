// Build-time memory snapshot of the shipped Pyodide with the eimza engine imported.
//
//   node scripts/make_snapshot.mjs <pyodide-dir> <wheel> <out.bin>
//
// Boots the exact Pyodide copied into the site, unpacks the engine wheel, imports what
// answering needs (json, decimal, tomllib, the engine and its data), answers one case to
// warm every lazy import, then writes pyodide.makeMemorySnapshot() to <out.bin>.
// The browser worker restores it with loadPyodide({_loadSnapshot}).
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { pathToFileURL } from "node:url";

// Keep in step with the worker's HANDLER_PY: everything answering imports is imported here.
const WARMUP_PY = `
import json, decimal, tomllib, datetime, html, importlib.resources
import eimza, eimza.web
try:
    eimza.load_data()
except Exception:
    pass
eimza.web.answer(json.dumps({"situation": "first", "role": "family-doctor", "date": "2024-05-01"}))
eimza.web.answer(json.dumps({"situation": "renewal", "role": "staff", "date": "2024-05-01", "electronic": False}))
`;

const [pyodideDir, wheelPath, outPath] = process.argv.slice(2);
if (!pyodideDir || !wheelPath || !outPath) {
  console.error("usage: node scripts/make_snapshot.mjs <pyodide-dir> <wheel> <out.bin>");
  process.exit(2);
}

const indexURL = path.resolve(pyodideDir) + path.sep;
const { loadPyodide } = await import(pathToFileURL(path.join(indexURL, "pyodide.mjs")).href);
const t0 = performance.now();
const pyodide = await loadPyodide({ indexURL, _makeSnapshot: true, stdout: () => {} });
const sitePackages = pyodide.runPython("import sysconfig; sysconfig.get_paths()['purelib']");
const wheel = new Uint8Array(await readFile(wheelPath));
pyodide.unpackArchive(wheel, "wheel", { extractDir: sitePackages });
pyodide.runPython(WARMUP_PY);
const snapshot = pyodide.makeMemorySnapshot();
await writeFile(outPath, snapshot);
console.log(
  JSON.stringify({ bytes: snapshot.length, ms: Math.round(performance.now() - t0) }),
);
