// Parity driver: runs every case of eimza.cases.CASES in the Pyodide and wheel that a
// built site ships (offline, from the site directory) and prints JSON to stdout:
//
//   node scripts/parity.mjs <site-dir>
//   -> {"pyodide": "<version>", "wheel": "<path>", "snapshot": "<path>|null",
//       "plain": [{"case": {...}, "answer": {...}}, ...],
//       "snapshot_answers": [...] | null}
//
// "plain" boots Pyodide and unpacks the wheel (the worker's fallback path); when the site
// ships a snapshot, it is also restored (with its small standard library) and every case
// answered again (the normal path).
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { pathToFileURL } from "node:url";

import { unpackSnapshot } from "../sitebuild/eimza_site/web/snapshot-format.mjs";

const siteDir = process.argv[2];
if (!siteDir) {
  console.error("usage: node scripts/parity.mjs <site-dir>");
  process.exit(2);
}

async function only(dir, test) {
  const names = (await readdir(dir)).filter(test);
  if (names.length !== 1) throw new Error(`${dir}: expected one match, found ${names}`);
  return path.join(dir, names[0]);
}

const pyodideRoot = path.join(siteDir, "assets", "pyodide");
const versionDir = await only(pyodideRoot, () => true);
const calcDir = path.join(siteDir, "assets", "calculator");
const wheelDir = await only(calcDir, (n) => /^[0-9a-f]{12}$/.test(n));
const wheelPath = await only(wheelDir, (n) => n.endsWith(".whl"));
const snapshots = (await readdir(calcDir)).filter((n) => /^snapshot-.*\.bin$/.test(n));
const snapshotPath = snapshots.length === 1 ? path.join(calcDir, snapshots[0]) : null;
const stdlibPath = snapshotPath && snapshotPath.replace(/snapshot-(.*)\.bin$/, "stdlib-$1.zip");

const indexURL = path.resolve(versionDir) + path.sep;
const { loadPyodide } = await import(pathToFileURL(path.join(indexURL, "pyodide.mjs")).href);
const wheel = new Uint8Array(await readFile(wheelPath));


const RUN_PY = `
import json
import eimza.web
from eimza.cases import CASES
json.dumps([{"case": c, "answer": json.loads(eimza.web.answer(json.dumps(c)))} for c in CASES])
`;

async function run(options) {
  const pyodide = await loadPyodide({ indexURL, stdout: () => {}, stderr: () => {}, ...options });
  const sitePackages = pyodide.runPython("import sysconfig; sysconfig.get_paths()['purelib']");
  pyodide.unpackArchive(wheel, "wheel", { extractDir: sitePackages });
  return JSON.parse(pyodide.runPython(RUN_PY));
}

const plain = await run({});
let snapshotAnswers = null;
if (snapshotPath) {
  snapshotAnswers = await run({
    stdLibURL: path.resolve(stdlibPath),
    _loadSnapshot: unpackSnapshot(new Uint8Array(await readFile(snapshotPath))),
  });
}
process.stdout.write(
  JSON.stringify({
    pyodide: path.basename(versionDir),
    wheel: path.relative(siteDir, wheelPath),
    snapshot: snapshotPath && path.relative(siteDir, snapshotPath),
    plain,
    snapshot_answers: snapshotAnswers,
  }),
);
