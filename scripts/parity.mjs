// Parity driver: runs every case of eimza.cases.CASES in the Pyodide and wheel that a
// built site ships (offline, from the site directory) and prints JSON to stdout:
//
//   node scripts/parity.mjs <site-dir> [--mode=both|plain|snapshot] [--dates=D1,D2] [--no-person]
//                           [--instant=<table.json>] [--cases=<messages.json>]
//   -> {"pyodide": "<version>", "wheel": "<path>", "snapshot": "<path>|null",
//       "plain": [{"message": {"case": {...}, "person": {...}|null}, "out": {...}}, ...] | null,
//       "snapshot_answers": [...] | null,
//       "cases": {"plain": [...] | null, "snapshot_answers": [...] | null} | null}
//
// --mode: which boots to run (default both); --dates: only the cases on those dates;
// --no-person: only person-less messages. --cases: also these worker messages
// ([{"case": {...}, "person": {...}|null}, ...], e.g. a directorate's tests/cases file), answered
// after the table's and given apart ("cases"). --instant: instead of the cases, an instant-answer
// table (eimza.instant's {case_key: [{from, to, html}]}): eimza.web.handle without a person on
// the first, second, middle, second-to-last and last day of every interval; each run is then
// {"checked": N, "mismatches": [{key, date, table, pyodide}, ...]}. People: none and a valid one for every case; a
// refused name and an invalid T.C. Kimlik No for the cases that pay the directorate on
// 2024-03-12 (the personError and tcknValid paths of eimza.web.handle).
//
// "plain" boots Pyodide and unpacks the wheel (the worker's fallback path); when the site
// ships a snapshot, it is also restored the way the worker restores it (streamed in chunks,
// completed from the fresh instance's memory, an empty standard-library zip) and every case
// answered again (the normal path).
import { mkdtemp, readdir, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";

import {
  EMPTY_ZIP_BASE64,
  releaseSnapshot,
  restoreSnapshot,
} from "../sitebuild/eimza_site/runtime/web/snapshot-format.mjs";

const args = process.argv.slice(2);
const siteDir = args.find((a) => !a.startsWith("--"));
const option = (name, fallback) => {
  const hit = args.find((a) => a.startsWith(`--${name}=`));
  return hit ? hit.slice(name.length + 3) : fallback;
};
const mode = option("mode", "both");
const dates = option("dates", "");
const withPeople = !args.includes("--no-person");
const instantFile = option("instant", "");
const casesFile = option("cases", "");
if (!siteDir || !["both", "plain", "snapshot"].includes(mode)) {
  console.error(
    "usage: node scripts/parity.mjs <site-dir> [--mode=both|plain|snapshot] [--dates=D1,D2] [--no-person] [--instant=<table.json>]",
  );
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

const indexURL = path.resolve(versionDir) + path.sep;
const { loadPyodide } = await import(pathToFileURL(path.join(indexURL, "pyodide.mjs")).href);
const wheel = new Uint8Array(await readFile(wheelPath));


// The worker's call, eimza.web.handle, for every case: without a person and with one; a
// refused name and an invalid number for the directorate's payers on 2024-03-12.
const RUN_PY = `
import json
import eimza.web
from eimza.cases import CASES
_dates = set(${JSON.stringify(dates)}.split(",")) - {""}
_cases = [c for c in CASES if not _dates or c.get("date") in _dates]
_people = [None] + ([{"name": "Ayşe", "surname": "Yılmaz", "tckn": "17291716060"}] if ${withPeople ? "True" : "False"} else [])
_odd = [{"name": "Ayşe3", "surname": "Yılmaz", "tckn": "17291716060"},
        {"name": "Ayşe", "surname": "Yılmaz", "tckn": "17291716050"}] if len(_people) > 1 else []
_messages = []
for c in _cases:
    _messages += [{"case": c, "person": p} for p in _people]
    if c.get("role") == "family-doctor" and c.get("date") == "2024-03-12" and c["situation"] != "lost":
        _messages += [{"case": c, "person": p} for p in _odd]
_extra = json.loads(${JSON.stringify(casesFile ? await readFile(casesFile, "utf-8") : "[]")})
def _run(ms):
    return [{"message": m, "out": json.loads(eimza.web.handle(json.dumps(m)))} for m in ms]
json.dumps({"table": _run(_messages), "cases": _run(_extra)})
`;

// The instant table against the worker's call: the same HTML on every sampled day.
const INSTANT_PY = `
import datetime as _dt
import json
import eimza.web
_table = json.loads(${JSON.stringify(instantFile ? await readFile(instantFile, "utf-8") : "{}")})
_none = {"name": "", "surname": "", "tckn": ""}
_checked, _bad = 0, []
for _key, _intervals in _table.items():
    for _i in _intervals:
        _a, _b = _dt.date.fromisoformat(_i["from"]), _dt.date.fromisoformat(_i["to"])
        _n = (_b - _a).days
        _days = sorted({_a, _b, _a + _dt.timedelta(days=_n // 2)}
                       | ({_a + _dt.timedelta(days=1), _b - _dt.timedelta(days=1)} if _n else set()))
        for _d in _days:
            _m = {"case": {**json.loads(_key), "date": _d.isoformat()}, "person": _none}
            _out = json.loads(eimza.web.handle(json.dumps(_m)))["answer"]
            _html = _out["html"]
            _checked += 1
            if _html != _i["html"] or _out.get("summary") != _i.get("summary"):
                _bad.append({"key": _key, "date": _d.isoformat(), "table": _i["html"], "pyodide": _html})
json.dumps({"checked": _checked, "mismatches": _bad[:20]})
`;

async function run(options, { unpackWheel, failed = null }) {
  const loading = loadPyodide({ indexURL, stdout: () => {}, stderr: () => {}, ...options });
  const pyodide = await (failed ? Promise.race([loading, failed]) : loading);
  if (options._loadSnapshot) {
    // as the worker does: the restored interpreter must not need the snapshot buffer again
    await releaseSnapshot(options._loadSnapshot);
    if ((await options._loadSnapshot).byteLength !== 0) throw new Error("snapshot buffer not released");
  }
  if (unpackWheel) {
    const sitePackages = pyodide.runPython("import sysconfig; sysconfig.get_paths()['purelib']");
    pyodide.unpackArchive(wheel, "wheel", { extractDir: sitePackages });
  }
  return JSON.parse(pyodide.runPython(instantFile ? INSTANT_PY : RUN_PY));
}

// the table's runs and the --cases runs of one boot, apart (an --instant run is one object)
const table = (out) => (out && !instantFile ? out.table : out);
const extra = (out) => (out && !instantFile ? out.cases : null);

const plain = mode === "snapshot" ? null : await run({}, { unpackWheel: true });
let snapshotAnswers = null;
if (snapshotPath && mode !== "plain") {
  const packed = new Uint8Array(await readFile(snapshotPath));
  // In chunks, as the network delivers it.
  const chunks = Array.from({ length: Math.ceil(packed.length / 65536) }, (_, i) =>
    packed.subarray(i * 65536, (i + 1) * 65536),
  );
  const snapshot = restoreSnapshot(chunks);
  const { failed, fsInit } = snapshot.completeOnInstantiation();
  const emptyZip = path.join(await mkdtemp(path.join(tmpdir(), "eimza-parity-")), "empty.zip");
  await writeFile(emptyZip, Buffer.from(EMPTY_ZIP_BASE64, "base64"));
  // Like the worker: the engine is in the snapshot, the wheel is not unpacked.
  snapshotAnswers = await run({ stdLibURL: emptyZip, _loadSnapshot: snapshot.buffer, fsInit }, { unpackWheel: false, failed });
}
process.stdout.write(
  JSON.stringify({
    pyodide: path.basename(versionDir),
    wheel: path.relative(siteDir, wheelPath),
    snapshot: snapshotPath && path.relative(siteDir, snapshotPath),
    plain: table(plain),
    snapshot_answers: table(snapshotAnswers),
    cases: casesFile ? { plain: extra(plain), snapshot_answers: extra(snapshotAnswers) } : null,
  }),
);
