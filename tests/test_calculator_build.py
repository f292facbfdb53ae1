"""The calculator runtime in the built site: wheel, Pyodide copy, snapshot, precompressed
copies, service worker, page wiring, and how eimza_site.preview.serve sends them."""

from __future__ import annotations

import base64
import hashlib
import json
import re
import urllib.request
import zipfile
from decimal import Decimal
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import brotli
import pytest
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort

from edition_builds import ATTESTED_DAY, build, data_copy
from edition_builds import manifest_of as manifest
from eimza_site.pages import facts
from eimza_site.runtime import runtime

ROOT = Path(__file__).resolve().parent.parent


def test_calculator_wheel_is_deterministic_and_complete(site_dir: Path) -> None:
    name, data = runtime.build_wheel(runtime.engine_dir(), "1.0.0")
    assert name == "eimza-1.0.0-py3-none-any.whl"
    assert runtime.build_wheel(runtime.engine_dir(), "1.0.0")[1] == data
    shipped = site_dir / manifest(site_dir)["wheel"]
    chosen = facts.choose().wheel_files()  # the session build's: the default directorate
    assert (
        shipped.read_bytes()
        == runtime.build_wheel(runtime.engine_dir(), runtime.project_version(ROOT), chosen)[1]
    )
    with zipfile.ZipFile(shipped) as zf:
        names = zf.namelist()
        assert "eimza/__init__.py" in names and "eimza/web.py" in names
        # the national file and one directorate's files, nothing else of data/
        assert sorted(n for n in names if n.startswith("eimza/data/")) == [
            "eimza/data/baskilar.toml", "eimza/data/il.toml", "eimza/data/kamusm.toml"
        ]  # fmt: skip
        assert not [n for n in names if "__pycache__" in n or n.endswith(".pyc")]
        dist = "eimza-1.0.0.dist-info/"
        assert "Tag: py3-none-any" in zf.read(dist + "WHEEL").decode()
        record = zf.read(dist + "RECORD").decode().splitlines()
        assert len(record) == len(names)
        for line in record:
            path, digest, size = line.rsplit(",", 2)
            if path == dist + "RECORD":
                continue
            blob = zf.read(path)
            want = base64.urlsafe_b64encode(hashlib.sha256(blob).digest()).rstrip(b"=").decode()
            assert digest == f"sha256={want}" and int(size) == len(blob)


def test_calculator_assets_are_versioned(site_dir: Path) -> None:
    m = manifest(site_dir)
    pkg = json.loads((ROOT / "node_modules" / "pyodide" / "package.json").read_text())
    assert m["pyodide"] == f"assets/pyodide/{pkg['version']}/"
    # what the worker loads: Pyodide's two scripts, the wasm, the plain boot's standard
    # library, the lock file (literal: not the build's list)
    worker_needs = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip",
                    "pyodide-lock.json")  # fmt: skip
    for name in worker_needs:
        assert (site_dir / m["pyodide"] / name).is_file(), name
    for key in ("wheel", "snapshot", "worker", "script", "css"):
        assert (site_dir / m[key]).is_file(), key
        assert re.search(r"[0-9a-f]{12}", m[key]), key
    assert (site_dir / m["snapshot"]).stat().st_size > 1_000_000


def test_calculator_snapshot_file_is_a_diff_from_fresh_memory(site_dir: Path) -> None:
    """The shipped snapshot (web/snapshot-format.mjs): a head, a block bitmap, Pyodide's
    header and only the blocks that differ from a fresh instance (tests/test_snapshot_format.py
    and tests/test_parity.py restore it)."""
    import struct

    data = (site_dir / manifest(site_dir)["snapshot"]).read_bytes()
    assert data[:8] == b"EIMZSNP2"
    header, memory, block, checked, _hash, zero = struct.unpack("<6I", data[8:32])
    assert zero == 0 and memory % block == 0 and checked <= memory and header % 16 == 0
    bitmap = data[32 : 32 + (memory // block + 7) // 8]
    stored = sum(bin(b).count("1") for b in bitmap)
    assert len(data) == 32 + len(bitmap) + header + stored * block
    assert stored < memory // block // 2  # most of the memory is not shipped
    # no standard-library zip travels with it any more: the snapshot is sealed without one
    assert not list((site_dir / "assets" / "calculator").glob("stdlib-*"))


def test_calculator_manifest_checks_the_runtime_files(site_dir: Path) -> None:
    """The page carries the SHA-256 and size of every runtime file (the worker's script, the
    .wasm, Pyodide's two scripts, the standard library, the lock file, the wheel, the
    snapshot), as built, and the probe: a fixed request whose reply (recorded in Pyodide at
    build time) the native engine gives too. Its module script and that script's preload
    carry the script's integrity."""
    import eimza.web

    m: dict[str, Any] = manifest(site_dir)  # type: ignore[assignment]
    names = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip", "pyodide-lock.json")
    want = {m["pyodide"] + n for n in names} | {m["wheel"], m["snapshot"], m["worker"]}
    assert set(m["files"]) == want
    for path, f in m["files"].items():
        data = (site_dir / path).read_bytes()
        assert f == {"sha256": hashlib.sha256(data).hexdigest(), "size": len(data)}, path
    script = hashlib.sha256((site_dir / m["script"]).read_bytes()).digest()
    integrity = "sha256-" + base64.b64encode(script).decode()
    html = (site_dir / "ucret-hesaplama" / "index.html").read_text("utf-8")
    for tag in re.findall(r"<(?:script|link)\b[^>]*/" + re.escape(m["script"]) + r'"[^>]*>', html):
        assert f'integrity="{integrity}"' in tag, tag
    assert len(re.findall(r'integrity="[^"]+"', html)) == 2
    request = json.loads(m["probe"]["request"])
    assert request["case"]["date"] and request["person"]["tckn"]
    reply = eimza.web.handle(m["probe"]["request"])
    assert json.loads(reply)["answer"]["ok"] is True
    assert hashlib.sha256(reply.encode()).hexdigest() == m["probe"]["sha256"]


def test_calculator_precompressed_copies_match(site_dir: Path) -> None:
    m = manifest(site_dir)
    for rel in (m["pyodide"] + "pyodide.asm.wasm", m["snapshot"], m["worker"]):
        raw = (site_dir / rel).read_bytes()
        assert brotli.decompress((site_dir / (rel + ".br")).read_bytes()) == raw
        import gzip

        assert gzip.decompress((site_dir / (rel + ".gz")).read_bytes()) == raw


def test_calculator_only_on_its_page(site_dir: Path) -> None:
    calc = (site_dir / "ucret-hesaplama" / "index.html").read_text("utf-8")
    assert 'id="eimza-calc"' in calc and "Hesaplayıcı hazırlanıyor…" in calc
    for page in site_dir.rglob("*.html"):
        if page.parent.name == "ucret-hesaplama":
            continue
        html = page.read_text("utf-8")
        assert "assets/pyodide" not in html and "assets/calculator" not in html, page


def sw_config(site: Path) -> dict[str, Any]:
    sw = (site / "sw.js").read_text("utf-8")
    m = re.search(r"const CONFIG = (\{.*?\n\});", sw, re.S)
    assert m, "sw.js has no config"
    out: dict[str, Any] = json.loads(m.group(1))
    return out


def test_offline_copy_keeps_every_page_and_the_runtime_apart(site_dir: Path) -> None:
    """The service worker's config: every page of the sitemap, its bytes in the pack; the
    files the pages use (no Python byte among them); the runtime (worker, Pyodide, snapshot)
    apart, the files the worker answers with on the snapshot path."""
    cfg = sw_config(site_dir)
    m = manifest(site_dir)
    assert cfg["cache"].startswith("eimza-calculator-")
    sitemap = (site_dir / "sitemap.xml").read_text("utf-8")
    # every reader's page of the sitemap; the editors' guide is not the readers' copy
    locs = [urlsplit(loc).path for loc in re.findall(r"<loc>(.*?)</loc>", sitemap)]
    editors = [p for p in locs if "/editor/" in p]
    assert editors, "the sitemap lists the editors' guide"
    assert len(cfg["pages"]) == len(locs) - len(editors)
    assert not [p for p in cfg["pages"] if p.startswith("editor/")]
    pack = json.loads((site_dir / cfg["pack"]).read_text("utf-8"))
    assert sorted(pack) == sorted(cfg["pages"])
    for path in cfg["pages"]:
        assert pack[path] == (site_dir / path / "index.html").read_text("utf-8"), path
        assert f'<meta name="eimza-build" content="{cfg["build"]}">' in pack[path]
    for key in ("script", "css"):
        assert m[key] in cfg["files"]
    assert "search/search_index.json" in cfg["files"]
    python = re.compile(r"assets/pyodide/|/worker-|snapshot-|\.whl$")
    assert not [f for f in cfg["files"] if python.search(f)]
    pyodide = ["pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "pyodide-lock.json"]
    want = [m["worker"], m["snapshot"], *(m["pyodide"] + f for f in pyodide)]
    assert sorted(cfg["runtime"]) == sorted(want)
    for url in [cfg["pack"], *cfg["files"], *cfg["runtime"]]:
        assert (site_dir / url).is_file(), url
    # every kept file's digest, as built: the service worker keeps nothing else
    assert set(cfg["digests"]) == {cfg["pack"], *cfg["files"], *cfg["runtime"]}
    for url, digest in cfg["digests"].items():
        data = (site_dir / url).read_bytes()
        assert digest == {"sha256": hashlib.sha256(data).hexdigest(), "size": len(data)}, url


def test_download_button_says_what_the_runtime_costs(site_dir: Path) -> None:
    """The button's size is what the server sends for the kept runtime: the .br copies."""
    sent = 0
    for rel in sw_config(site_dir)["runtime"]:
        br = site_dir / (rel + ".br")
        sent += (br if br.exists() else site_dir / rel).stat().st_size
    assert manifest(site_dir)["download"] == sent
    calc = (site_dir / "ucret-hesaplama" / "index.html").read_text("utf-8")
    label = f"Hesaplayıcıyı çevrim dışı kullanım için indir (yaklaşık {sent / 1e6:.1f} MB)".replace(".", ",")
    assert label in " ".join(calc.split())


def _get(url: str, encoding: str | None = None) -> tuple[dict[str, str], bytes]:
    req = urllib.request.Request(url, headers={"Accept-Encoding": encoding} if encoding else {})
    with urllib.request.urlopen(req) as r:
        return {k.lower(): v for k, v in r.headers.items()}, r.read()


@pytest.mark.parametrize(
    ("key", "ctype"),
    [("worker", "text/javascript"), ("snapshot", "application/octet-stream"), ("css", "text/css")],
)
def test_calculator_serve_headers(site_dir: Path, site_url: str, key: str, ctype: str) -> None:
    rel = manifest(site_dir)[key]
    headers, body = _get(f"{site_url}/{rel}", "gzip, deflate, br, zstd")
    assert headers["content-type"].startswith(ctype)
    assert headers["content-encoding"] == "br"
    assert "vary" in headers and "accept-encoding" in headers["vary"].lower()
    assert "immutable" in headers["cache-control"]
    assert brotli.decompress(body) == (site_dir / rel).read_bytes()


def test_calculator_serve_wasm_and_fallbacks(site_dir: Path, site_url: str) -> None:
    rel = manifest(site_dir)["pyodide"] + "pyodide.asm.wasm"
    headers, body = _get(f"{site_url}/{rel}", "gzip")
    assert headers["content-type"] == "application/wasm"
    assert headers["content-encoding"] == "gzip"
    headers, body = _get(f"{site_url}/{rel}")
    assert "content-encoding" not in headers
    assert body == (site_dir / rel).read_bytes()
    headers, _ = _get(f"{site_url}/{manifest(site_dir)['pyodide']}pyodide.mjs", "br")
    assert headers["content-type"].startswith("text/javascript")
    headers, _ = _get(f"{site_url}/ucret-hesaplama/", "br")
    assert headers["cache-control"] == "no-cache" and headers["content-type"].startswith("text/html")
    headers, _ = _get(f"{site_url}/sw.js", "br")
    assert headers["cache-control"] == "no-cache"


# --- one data choice for pages, wheel and snapshot (issue 10, item 1) ---


def test_wheel_carries_the_chosen_data(tmp_path: Path, site_dir: Path) -> None:
    """Built from a data copy, the calculator's wheel holds that copy's national file,
    il.toml and baskilar.toml byte for byte, and so the snapshot's name (its key) changes."""
    data = data_copy(tmp_path / "data", Decimal("840.00"), (("2024-03-13", "Deneme baskısı."),))
    site = build(tmp_path / "site", data=data, edition=ATTESTED_DAY.isoformat(), snapshot=False)
    m = manifest(site)
    chosen = {
        "kamusm.toml": (tmp_path / "data" / "kamusm.toml").read_bytes(),
        "il.toml": (data / "il.toml").read_bytes(),
        "baskilar.toml": (data / "baskilar.toml").read_bytes(),
    }
    with zipfile.ZipFile(site / m["wheel"]) as zf:
        for name, blob in chosen.items():
            assert zf.read(f"eimza/data/{name}") == blob, name
    assert m["snapshot"] is None  # EIMZA_NO_SNAPSHOT: the page boots plainly, no 404
    assert runtime.prepare(ROOT, chosen).snapshot_key != runtime.prepare(ROOT).snapshot_key
    assert runtime.prepare(ROOT, chosen).wheel == (site / m["wheel"]).read_bytes()
    assert "Deneme baskısı." in (site / "degisiklik-gecmisi" / "index.html").read_text("utf-8")


def test_build_refuses_when_the_wheel_data_differs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """A wheel builder that ignores the chosen data (the bug of issue 10) stops the build."""
    data = data_copy(tmp_path / "data", Decimal("840.00"))
    real = runtime.build_wheel
    monkeypatch.setattr(runtime, "build_wheel", lambda src, version, data=None: real(src, version))
    monkeypatch.setenv("EIMZA_IL", str(data))
    monkeypatch.setenv("EIMZA_NO_SNAPSHOT", "1")
    monkeypatch.delenv("EIMZA_EDITION", raising=False)
    monkeypatch.chdir(ROOT)
    cfg = load_config(str(ROOT / "mkdocs.yml"), site_dir=str(tmp_path / "site"))
    with pytest.raises(Abort):
        mkdocs_build(cfg)
    (message,) = [r.getMessage() for r in caplog.records if r.levelname == "ERROR"]
    assert message.startswith("E-İmza Rehberi: hesaplayıcının paketindeki kamusm.toml ")
    assert "bayt bayt aynı değil" in message and "Derleme durduruldu" in message
