"""The calculator's browser runtime, built into the site after mkdocs has written it.

Layout in the built site (all paths relative to the site root):

- ``assets/pyodide/<version>/``: the self-hosted Pyodide core, copied from node_modules.
- ``assets/calculator/<hash>/eimza-<version>-py3-none-any.whl``: the engine wheel
  (deterministic zip of calculator/eimza, with the build's chosen data files in eimza/data/).
- ``assets/calculator/snapshot-<hash>.bin``: Pyodide memory snapshot with the engine
  imported, made by ``scripts/make_snapshot.mjs`` in Node and stored as its difference from
  a fresh instance's memory (``web/snapshot-format.mjs``); the hash covers the Pyodide
  version, the wheel and both scripts, so a new engine or data file gives a new file name.
  The restored interpreter needs no standard-library zip.
- ``assets/calculator/calculator-<hash>.mjs`` / ``worker-<hash>.mjs``: page and worker code.
- ``sw.js`` at the site root: the service worker that keeps the calculator page offline.
- ``*.br`` / ``*.gz`` next to every large compressible file, served by eimza_site.preview.serve
  (best levels; ``EIMZA_COMPRESS=quick``, set by the test suite, trades size for speed).

The manifest (URLs, sizes) is computed before pages are rendered (``manifest()``) so that
``overrides/calculator.html`` can put it into the page; ``build()`` writes the files.
"""

from __future__ import annotations

import base64
import gzip
import hashlib
import importlib.util
import io
import json
import logging
import os
import re
import shutil
import subprocess
import tomllib
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

log = logging.getLogger("mkdocs.plugins.eimza")

PYODIDE_FILES = (
    "pyodide.mjs",
    "pyodide.asm.mjs",
    "pyodide.asm.wasm",
    "python_stdlib.zip",
    "pyodide-lock.json",
)
WEB_DIR = Path(__file__).resolve().parent / "web"
ZIP_DATE = (1980, 1, 1, 0, 0, 0)
COMPRESS_EXT = {".html", ".css", ".js", ".mjs", ".json", ".wasm", ".bin", ".svg", ".xml", ".txt"}
COMPRESS_MIN = 1024


def _h(data: bytes, n: int = 12) -> str:
    return hashlib.sha256(data).hexdigest()[:n]


def _digest(data: bytes) -> dict[str, Any]:
    return {"sha256": hashlib.sha256(data).hexdigest(), "size": len(data)}


def sri(data: bytes) -> str:
    """A subresource-integrity value for these bytes (`integrity="sha256-…"`)."""
    return "sha256-" + base64.b64encode(hashlib.sha256(data).digest()).decode("ascii")


def engine_dir() -> Path:
    """The eimza package the build's Python imports: the same one the native engine uses."""
    spec = importlib.util.find_spec("eimza")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("eimza engine package not importable")
    return Path(next(iter(spec.submodule_search_locations)))


def project_version(root: Path) -> str:
    with open(root / "pyproject.toml", "rb") as f:
        return str(tomllib.load(f)["project"]["version"])


def pyodide_version(root: Path) -> str:
    pkg = json.loads((root / "node_modules" / "pyodide" / "package.json").read_text("utf-8"))
    return str(pkg["version"])


def build_wheel(src: Path, version: str, data: dict[str, bytes] | None = None) -> tuple[str, bytes]:
    """A deterministic py3-none-any wheel of the package at ``src``: (file name, bytes).
    ``data``: the ``data/<name>`` files to ship (the build's chosen data files,
    facts.Choice.wheel_files: the national file, one directorate's il.toml and its editions);
    nothing else of a ``data/`` folder in the package is shipped."""
    name = src.name
    files: list[tuple[str, bytes]] = []
    for p in sorted(src.rglob("*")):
        rel = p.relative_to(src)
        if p.is_dir() or "__pycache__" in rel.parts or p.suffix in {".pyc", ".pyo"}:
            continue
        if any(part.startswith(".") for part in rel.parts) or rel.parts[0] == "data":
            continue
        files.append((f"{name}/{rel.as_posix()}", p.read_bytes()))
    files += [(f"{name}/data/{n}", blob) for n, blob in sorted((data or {}).items())]
    dist = f"{name}-{version}.dist-info"
    meta = f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n".encode()
    wheel = b"Wheel-Version: 1.0\nGenerator: eimza_site.runtime\nRoot-Is-Purelib: true\nTag: py3-none-any\n"
    files += [(f"{dist}/METADATA", meta), (f"{dist}/WHEEL", wheel)]
    record = io.StringIO()
    for arc, data in files:
        digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
        record.write(f"{arc},sha256={digest},{len(data)}\n")
    record.write(f"{dist}/RECORD,,\n")
    files.append((f"{dist}/RECORD", record.getvalue().encode()))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for arc, data in files:
            info = zipfile.ZipInfo(arc, ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            zf.writestr(info, data, compresslevel=9)
    return f"{name}-{version}-py3-none-any.whl", buf.getvalue()


@dataclass
class Runtime:
    root: Path
    pyodide_version: str
    wheel_name: str
    wheel: bytes
    # source name -> (path in the site, bytes)
    web: dict[str, tuple[str, bytes]] = field(default_factory=dict)
    snapshot_key: str = ""
    has_web: bool = True  # the engine has eimza.web (the worker's entry point)
    # made (make_snapshot): {"sha256": the file's digest, "probe": {"request", "sha256"}}
    snapshot_meta: dict[str, Any] | None = None
    # the build's id (plugin: runtime, data, edition, page sources), in every page's
    # <meta name="eimza-build">: the service worker installs only with a page of its build
    build_id: str = ""
    # Pyodide's checked files: name -> {"sha256", "size"} (read from node_modules at prepare)
    pyodide_files: dict[str, dict[str, Any]] = field(default_factory=dict)
    # bytes to download for the runtime's offline copy (download_size; the page's button says it)
    download: int = 0

    @property
    def pyodide_path(self) -> str:
        return f"assets/pyodide/{self.pyodide_version}/"

    @property
    def wheel_path(self) -> str:
        return f"assets/calculator/{_h(self.wheel)}/{self.wheel_name}"

    @property
    def snapshot_path(self) -> str:
        return f"assets/calculator/snapshot-{self.snapshot_key}.bin"

    @property
    def edition(self) -> str:
        parts = [self.pyodide_path, self.wheel_path, self.snapshot_path]
        parts += [p for p, _ in self.web.values()]
        return _h("\n".join(parts).encode())

    def files(self) -> dict[str, dict[str, Any]]:
        """The runtime files checked on download: path (relative to the site root) ->
        {"sha256": hex digest, "size": bytes} (the size, uncompressed, for the progress). The
        worker's own script is checked by the boot script's start (partials/eimza-boot.html)
        before it runs; the others by the worker."""
        out = {self.pyodide_path + name: f for name, f in self.pyodide_files.items()}
        out[self.wheel_path] = _digest(self.wheel)
        worker_path, worker = self.web["worker.mjs"]
        out[worker_path] = _digest(worker)
        meta = self.snapshot_meta
        if meta:
            out[self.snapshot_path] = {"sha256": meta["sha256"], "size": meta["size"]}
        return out

    def manifest(self) -> dict[str, Any]:
        """What the calculator page needs, paths relative to the site root: the runtime files'
        digests and sizes (``files``: the snapshot's digest is checked before the restore, the
        others on download), and with a snapshot the probe (the request the restored engine
        must answer with a reply of that SHA-256)."""
        meta = self.snapshot_meta
        return {
            "edition": self.edition,
            "pyodide": self.pyodide_path,
            "wheel": self.wheel_path,
            "snapshot": self.snapshot_path if meta else None,
            "files": self.files(),
            "probe": meta["probe"] if meta else None,
            "download": self.download,
            "worker": self.web["worker.mjs"][0],
            "script": self.web["calculator.mjs"][0],
            # the page's module script and its preload carry it (subresource integrity)
            "script_integrity": sri(self.web["calculator.mjs"][1]),
            "css": self.web["calculator.css"][0],
        }


_FORMAT_IMPORT = re.compile(rb'^import \{[^}]*\} from "\./snapshot-format\.mjs";[^\n]*\n', re.M)


def inline_snapshot_format(worker: bytes) -> bytes:
    """The worker ships as one file (its hashed name covers all its code): put the snapshot
    format module in place of its import line."""
    if len(_FORMAT_IMPORT.findall(worker)) != 1:
        raise RuntimeError("worker.mjs: the snapshot-format import line is missing")
    module = re.sub(rb"^export ", b"", (WEB_DIR / "snapshot-format.mjs").read_bytes(), flags=re.M)
    return _FORMAT_IMPORT.sub(lambda _: module, worker)


def wheel_data(wheel: bytes, names: list[str]) -> dict[str, bytes | None]:
    """The bytes of the wheel's ``eimza/data/<name>`` files (None: not in the wheel)."""
    with zipfile.ZipFile(io.BytesIO(wheel)) as zf:
        have = set(zf.namelist())
        return {n: zf.read(f"eimza/data/{n}") if f"eimza/data/{n}" in have else None for n in names}


def prepare(root: Path, data: dict[str, bytes] | None = None) -> Runtime:
    """Compute every runtime file name (content hashes) without writing anything.
    ``data``: the build's chosen data files (name → bytes) for the wheel's eimza/data/; the
    snapshot's key covers them through the wheel."""
    pv = pyodide_version(root)
    wheel_name, wheel = build_wheel(engine_dir(), project_version(root), data)
    rt = Runtime(root=root, pyodide_version=pv, wheel_name=wheel_name, wheel=wheel)
    rt.has_web = (engine_dir() / "web.py").is_file()
    for name in PYODIDE_FILES:  # each checked by the worker on download
        rt.pyodide_files[name] = _digest((root / "node_modules" / "pyodide" / name).read_bytes())
    for name in ("worker.mjs", "calculator.mjs", "calculator.css"):
        data = (WEB_DIR / name).read_bytes()
        if name == "worker.mjs":
            data = inline_snapshot_format(data)
        stem, ext = name.rsplit(".", 1)
        rt.web[name] = (f"assets/calculator/{stem}-{_h(data)}.{ext}", data)
    script = (root / "scripts" / "make_snapshot.mjs").read_bytes()
    fmt = (WEB_DIR / "snapshot-format.mjs").read_bytes()
    rt.snapshot_key = _h(pv.encode() + b"\0" + wheel + b"\0" + script + b"\0" + fmt)
    return rt


def _cache_dir(root: Path) -> Path:
    d = root / "build" / "runtime-cache"
    d.mkdir(parents=True, exist_ok=True)
    return d


def make_snapshot(rt: Runtime) -> None:
    """Make the snapshot (or reuse a cached one with the same key, with its .br/.gz) before
    the pages are rendered, so that the manifest carries its digest and probe. Skipped with
    EIMZA_NO_SNAPSHOT set (the page then boots plainly) or without eimza.web."""
    rt.snapshot_meta = None
    if not rt.has_web or os.environ.get("EIMZA_NO_SNAPSHOT"):
        return
    cached = _cache_dir(rt.root) / Path(rt.snapshot_path).name
    meta_file = cached.with_suffix(".json")
    if not (cached.exists() and meta_file.exists()):
        tmp = cached.with_suffix(".tmp")
        wheel = cached.with_suffix(".whl")
        wheel.write_bytes(rt.wheel)
        script = rt.root / "scripts" / "make_snapshot.mjs"
        pyodide_dir = rt.root / "node_modules" / "pyodide"
        cmd = ["node", str(script), str(pyodide_dir), str(wheel), str(tmp)]
        proc = subprocess.run(cmd, capture_output=True, text=True)
        wheel.unlink()
        if proc.returncode != 0:
            raise RuntimeError(f"make_snapshot.mjs failed:\n{proc.stdout}\n{proc.stderr}")
        log.info("eimza snapshot: %s", proc.stdout.strip())
        probe = json.loads(proc.stdout.strip().splitlines()[-1])["probe"]
        digest = hashlib.sha256(tmp.read_bytes()).hexdigest()
        tmp.replace(cached)
        meta_file.write_text(json.dumps({"sha256": digest, "probe": probe}), "utf-8")
    rt.snapshot_meta = {**json.loads(meta_file.read_text("utf-8")), "size": cached.stat().st_size}


def _copy_snapshot(rt: Runtime, site: Path) -> None:
    """The snapshot into the site (its .br and .gz come from precompress, by content)."""
    shutil.copyfile(_cache_dir(rt.root) / Path(rt.snapshot_path).name, site / rt.snapshot_path)


def _source(rt: Runtime, path: str) -> bytes:
    """The bytes of a runtime file of the manifest, before the site is written."""
    if path.startswith(rt.pyodide_path):
        return (rt.root / "node_modules" / "pyodide" / path[len(rt.pyodide_path) :]).read_bytes()
    if path == rt.wheel_path:
        return rt.wheel
    for web_path, blob in rt.web.values():
        if path == web_path:
            return blob
    if path == rt.snapshot_path:
        return (_cache_dir(rt.root) / Path(path).name).read_bytes()
    raise KeyError(path)


def download_size(rt: Runtime) -> int:
    """What the runtime's offline copy costs to download (the files a worker answers with,
    offline.runtime_files), as the server sends them: brotli where the build writes a .br.
    The large files are compressed here once per content, as precompress() would."""
    import brotli

    from . import offline

    total = 0
    for path in offline.runtime_files(rt.manifest(), PYODIDE_FILES):
        blob = _source(rt, path)
        if _uncompressed() or Path(path).suffix not in COMPRESS_EXT or len(blob) < COMPRESS_MIN:
            total += len(blob)
        elif len(blob) > 1_000_000:
            br = _cached_copies(rt.root, blob)[0]
            total += br.stat().st_size if br.exists() else len(blob)
        else:
            total += min(len(blob), len(brotli.compress(blob, quality=5 if _quick() else 11, lgwin=24)))
    return total


def _uncompressed() -> bool:
    """EIMZA_COMPRESS=none: the preview's builds (served on this machine only) write no copies."""
    return os.environ.get("EIMZA_COMPRESS") == "none"


def _quick() -> bool:
    """EIMZA_COMPRESS=quick: fast levels (brotli 5, gzip 6) for builds no reader downloads
    (the test suite's many data variants): the same files, somewhat larger. Best compression
    takes 40–50 s per snapshot on a slow 2-core machine. Published builds never set it."""
    return os.environ.get("EIMZA_COMPRESS") == "quick"


def _compress_one(path: Path) -> None:
    import brotli

    data = path.read_bytes()
    # Best compression even for the big files (wasm ≈ 25 s, snapshot ≈ 35 s on 2 cores):
    # they are compressed once per content (build/runtime-cache) and downloaded by everyone.
    # Only builds no reader downloads take the quick levels (_quick).
    quick = _quick()
    br = brotli.compress(data, quality=5 if quick else 11, lgwin=24)
    gz = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=gz, compresslevel=6 if quick else 9, mtime=0) as f:
        f.write(data)
    for ext, blob in ((".br", br), (".gz", gz.getvalue())):
        if len(blob) < len(data):
            (path.parent / (path.name + ext)).write_bytes(blob)


def precompress(site: Path, root: Path) -> None:
    """Write .br and .gz next to large compressible files (cached for big immutable ones).
    EIMZA_COMPRESS=none (the `make serve` preview, served on this machine only): none."""
    if _uncompressed():
        return
    for p in sorted(site.rglob("*")):
        if not p.is_file() or p.suffix not in COMPRESS_EXT or p.stat().st_size < COMPRESS_MIN:
            continue
        if (p.parent / (p.name + ".br")).exists():
            continue
        if p.stat().st_size > 1_000_000:  # pyodide core, snapshot: compress once per content
            for h in _cached_copies(root, p.read_bytes()):
                if h.exists():
                    shutil.copyfile(h, p.parent / (p.name + h.suffix))
            continue
        _compress_one(p)


def _cached_copies(root: Path, blob: bytes) -> list[Path]:
    """The .br and .gz of a large file in build/runtime-cache, made once per content (a copy
    that would not be smaller is not written)."""
    cache = _cache_dir(root)
    key = _h(blob, 24) + ("-quick" if _quick() else "")  # a quick copy is never served as the best
    hit = [cache / f"{key}{ext}" for ext in (".br", ".gz")]
    done = cache / f"{key}.done"  # also when no copy was smaller
    if not done.exists() and not all(h.exists() for h in hit):
        tmp = cache / key
        tmp.write_bytes(blob)
        _compress_one(tmp)
        tmp.unlink()
        done.touch()
    return hit


def write_service_worker(site: Path, rt: Runtime) -> None:
    """sw.js and the pages' pack (eimza_site.offline)."""
    from . import offline

    offline.write(site, rt.manifest(), PYODIDE_FILES, rt.build_id)


def build(site: Path, root: Path, rt: Runtime | None = None) -> Runtime:
    """Write the runtime into the built site at ``site``."""
    if rt is None:
        rt = prepare(root)
        make_snapshot(rt)
    src = root / "node_modules" / "pyodide"
    if not src.is_dir():
        raise RuntimeError("node_modules/pyodide missing: run `make setup-docs`")
    pyo = site / rt.pyodide_path
    pyo.mkdir(parents=True, exist_ok=True)
    for name in PYODIDE_FILES:
        shutil.copyfile(src / name, pyo / name)
    wheel_file = site / rt.wheel_path
    wheel_file.parent.mkdir(parents=True, exist_ok=True)
    wheel_file.write_bytes(rt.wheel)
    for path, data in rt.web.values():
        (site / path).write_bytes(data)
    if rt.snapshot_meta:
        _copy_snapshot(rt, site)
    write_service_worker(site, rt)
    precompress(site, root)
    return rt
