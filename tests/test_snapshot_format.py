"""The snapshot file format (sitebuild/eimza_site/runtime/web/snapshot-format.mjs), run in Node:
packing and the worker's streaming restore give the snapshot back byte for byte whatever the
chunk sizes, and every kind of bad file is refused instead of restored."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FORMAT = ROOT / "sitebuild" / "eimza_site" / "runtime" / "web" / "snapshot-format.mjs"

pytestmark = pytest.mark.node

SCRIPT = """
import { packSnapshot, restoreSnapshot } from %s;

// A Pyodide-like snapshot: a 64-byte header (P at offset 4), then "memory".
function makeRaw(seed) {
  const P = 64, M = 8 * 4096;
  const raw = new Uint8Array(P + M);
  new DataView(raw.buffer).setUint32(4, P, true);
  raw.fill(7, 8, P);
  let x = seed;
  for (let i = 0; i < 3000; i++) {           // scattered heap bytes
    x = (x * 1103515245 + 12345) >>> 0;
    raw[P + (x %% M)] = x >>> 24 || 1;
  }
  return raw;
}
const base = new Uint8Array(8 * 4096);         // fresh memory: "data segments" from 1024
for (let i = 1024; i < 6000; i++) base[i] = i %% 251;

const out = {};
const same = (a, b) => a.length === b.length && a.every((v, i) => v === b[i]);
const raw = makeRaw(1);
raw.set(base.subarray(1024, 5000), 64 + 1024);  // untouched data-segment bytes
const packed = packSnapshot(raw, base, 1024);
out.smaller = packed.length < raw.length;
// packing only needs the fresh memory up to its last non-zero byte
out.shortBaseSame = same(packSnapshot(raw, base.subarray(0, 6000), 1024), packed);

async function restore(bytes, sizes, memory) {
  const chunks = [];
  for (let pos = 0, i = 0; pos < bytes.length; i++) {
    const n = sizes[i %% sizes.length];
    chunks.push(bytes.slice(pos, pos + n));
    pos += n;
  }
  const r = restoreSnapshot(chunks);
  const full = await r.buffer;
  await r.complete;
  r.applyBase(memory);
  return full;
}
out.roundtrips = [];
for (const sizes of [[packed.length], [1], [7, 3000], [33, 1]]) {
  out.roundtrips.push(same(await restore(packed, sizes, base), raw));
}
async function refusal(bytes, memory = base) {
  try { await restore(bytes, [500], memory); return null; } catch (e) { return String(e.message); }
}
const otherBase = base.slice(); otherBase[3000] ^= 1;
out.otherWasm = await refusal(packed, otherBase);
out.truncated = await refusal(packed.subarray(0, packed.length - 1));
out.trailing = await refusal(new Uint8Array([...packed, 0]));
const badMagic = packed.slice(); badMagic[0] = 88;
out.badMagic = await refusal(badMagic);
out.empty = await refusal(new Uint8Array(0));
console.log(JSON.stringify(out));
"""


def test_snapshot_format_roundtrip_and_refusals(tmp_path: Path) -> None:
    script = tmp_path / "t.mjs"
    script.write_text(SCRIPT % json.dumps(FORMAT.as_uri()), "utf-8")
    proc = subprocess.run(["node", str(script)], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    assert out["smaller"] and out["shortBaseSame"]
    assert out["roundtrips"] == [True, True, True, True]
    assert out["otherWasm"] == "snapshot: made for another pyodide.asm.wasm"
    assert out["truncated"] == "snapshot: truncated"
    assert out["trailing"] == "snapshot: bad length"
    assert out["badMagic"] == "snapshot: bad header"
    assert out["empty"] == "snapshot: truncated", out["empty"]  # no header at all


# A module whose only content is a one-page memory it exports (as pyodide.asm.wasm exports
# its own: its initial size is the module's, not the snapshot's).
ONE_PAGE_WASM = [0, 97, 115, 109, 1, 0, 0, 0, 5, 3, 1, 0, 1, 7, 10, 1, 6, 109, 101, 109, 111, 114, 121, 2, 0]

LARGER = """
import { packSnapshot, restoreSnapshot } from %s;
const PAGE = 65536, P = 64, M = 3 * PAGE;        // the snapshot's memory: three pages
const raw = new Uint8Array(P + M);
new DataView(raw.buffer).setUint32(4, P, true);
for (let i = 0; i < M; i += 4099) raw[P + i] = (i %% 250) + 1;  // heap bytes up to the end
const packed = packSnapshot(raw, new Uint8Array(PAGE), 1024);
const r = restoreSnapshot([packed]);
const { failed } = r.completeOnInstantiation();
const full = await r.buffer;
const { instance } = await WebAssembly.instantiate(new Uint8Array(%s));
await Promise.race([r.complete, failed]);
const memory = instance.exports.memory.buffer.byteLength;
console.log(JSON.stringify({ memory, fits: memory >= M,
  same: full.length === raw.length && full.every((v, i) => v === raw[i]) }));
"""


def test_a_snapshot_larger_than_the_initial_memory_is_restored(tmp_path: Path) -> None:
    """The engine's work at build time may grow Pyodide's memory past the module's initial
    size; Pyodide copies the image into the memory as it is, so the restore grows the memory
    to the image's size on instantiation (else: "RangeError: offset is out of bounds")."""
    script = tmp_path / "t.mjs"
    script.write_text(LARGER % (json.dumps(FORMAT.as_uri()), json.dumps(ONE_PAGE_WASM)), "utf-8")
    proc = subprocess.run(["node", str(script)], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    assert out["fits"] and out["same"], out
