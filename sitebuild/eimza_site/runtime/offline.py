"""The offline copy (sw.js): what the service worker keeps, in two parts (docs/dev/runtime.md,
"Offline").

- **Pages** (every page and every instant answer, after one visit to any page): every reader's
  page of the build (the editors' guide, outside the readers' navigation, is left out: a
  seventh of the copy), packed into one file ``assets/offline/pages-<hash>.json`` (``{path: html}``, one
  download: brotli over the pages together is a third of the pages one by one, since they
  share Material's frame), and the files the pages use (stylesheets, scripts, icons, Material's
  search worker, index and lunr languages, the calculator's page script and stylesheet).
- **Runtime** (the calculator's worker script, Pyodide, the snapshot; the wheel and standard
  library when there is no snapshot): only once the reader has used Python, or asked for it
  with the calculator's download button; the service worker never fetches it otherwise.

``write(site, rt)`` writes the pack and sw.js (its config in place of the placeholder)."""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path
from typing import Any

WEB_DIR = Path(__file__).resolve().parent / "web"
PLACEHOLDER = "/*__EIMZA_SW_CONFIG__*/ {}"
PACK_DIR = "assets/offline"
# what a page refers to that the offline copy keeps (same origin, relative to the site root)
_ASSET = re.compile(r'(?:href|src)="([^"#?]+)(?:\?[^"]*)?"')
_KINDS = (".css", ".js", ".mjs", ".svg", ".png", ".ico", ".woff2", ".webmanifest")
_SEARCH_WORKER = re.compile(r'"search":\s*"([^"]+)"')


def _h(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:12]


def pages(site: Path) -> dict[str, Path]:
    """Every reader's page of the build by its URL path relative to the site root ("" is the
    home page, "sss/" a page): each folder's index.html (the 404 page is no page of its own;
    the editors' pages are not readers')."""
    from ..pages import EDITORS

    out = {}
    for f in sorted(site.rglob("index.html")):
        rel = f.parent.relative_to(site).as_posix()
        if rel == ".":
            out[""] = f
        elif not ((rel + "/").startswith((".", "_", "assets/", *EDITORS)) or "/." in rel):
            out[rel + "/"] = f
    return out


def _relative(site: Path, page: Path, url: str) -> str | None:
    if url.startswith(("http:", "https:", "data:", "//", "mailto:", "blob:")):
        return None
    target = (page.parent / url).resolve()
    try:
        rel = target.relative_to(site.resolve()).as_posix()
    except ValueError:
        return None
    return rel if target.is_file() else None


def page_files(site: Path, all_pages: dict[str, Path]) -> list[str]:
    """The files the pages use: stylesheets, scripts, icons (from their markup), and
    Material's search: its worker (the pages' __config), index and lunr languages."""
    out: list[str] = []
    for page in all_pages.values():
        html = page.read_text("utf-8")
        urls = [m.group(1) for m in _ASSET.finditer(html) if m.group(1).endswith(_KINDS)]
        urls += _SEARCH_WORKER.findall(html)
        for url in urls:
            rel = _relative(site, page, url)
            if rel and rel not in out:
                out.append(rel)
    out += [rel for rel in search_files(site) if rel not in out]
    return out


def search_files(site: Path) -> list[str]:
    """Material's search index and the lunr files its worker imports for the index's
    languages (as its worker does: the stemmer support, one file per language but English,
    and lunr.multi for more than one)."""
    index = site / "search" / "search_index.json"
    if not index.is_file():
        return []
    langs = json.loads(index.read_text("utf-8")).get("config", {}).get("lang", ["en"])
    lunr = "assets/javascripts/lunr/min/"
    files = ["search/search_index.json"]
    others = [lang for lang in langs if lang != "en"]
    if others or len(langs) > 1:
        files.append(lunr + "lunr.stemmer.support.min.js")
    files += [f"{lunr}lunr.{lang}.min.js" for lang in others]
    if len(langs) > 1:
        files.append(lunr + "lunr.multi.min.js")
    return [f for f in files if (site / f).is_file()]


def write_pack(site: Path, all_pages: dict[str, Path]) -> str:
    """The pages in one JSON file named by its content; returns its path from the site root."""
    body = json.dumps(
        {path: f.read_text("utf-8") for path, f in all_pages.items()}, ensure_ascii=False, sort_keys=True
    ).encode()
    rel = f"{PACK_DIR}/pages-{_h(body)}.json"
    (site / PACK_DIR).mkdir(parents=True, exist_ok=True)
    (site / rel).write_bytes(body)
    return rel


def runtime_files(m: dict[str, Any], pyodide_files: tuple[str, ...]) -> list[str]:
    """What the calculator's worker needs to answer (manifest ``m``): its script and the
    snapshot path's files, or the plain path's without a snapshot."""
    names = [f for f in pyodide_files if m["snapshot"] is None or f != "python_stdlib.zip"]
    out = [m["worker"], *(m["pyodide"] + f for f in names)]
    return out + ([m["snapshot"]] if m["snapshot"] else [m["wheel"]])


def config(site: Path, m: dict[str, Any], pyodide_files: tuple[str, ...], build: str) -> dict[str, Any]:
    all_pages = pages(site)
    pack = write_pack(site, all_pages)
    files = page_files(site, all_pages)
    files += [f for f in (m["script"], m["css"]) if f not in files]
    runtime = runtime_files(m, pyodide_files)
    # every kept file's SHA-256 and size: the service worker keeps only these bytes (and
    # checks the files no one else checks each time it answers with them)
    digests = {f: _digest(site / f) for f in [pack, *files, *runtime]}
    # a new name whenever a kept file's content changes (sw.js changes with it: the browser
    # installs the new worker, which fills the new copy)
    cache = f"eimza-calculator-{_h(json.dumps([sorted(digests.items()), build]).encode())}"
    return {
        "cache": cache,
        "build": build,
        "pack": pack,
        "pages": list(all_pages),
        "files": files,
        "runtime": runtime,
        "digests": digests,
    }


def _digest(path: Path) -> dict[str, Any]:
    data = path.read_bytes()
    return {"sha256": hashlib.sha256(data).hexdigest(), "size": len(data)}


def write(site: Path, m: dict[str, Any], pyodide_files: tuple[str, ...], build: str) -> None:
    """The pages' pack and sw.js with its config (after every page is written, before the
    site is precompressed)."""
    cfg = config(site, m, pyodide_files, build)
    src = (WEB_DIR / "sw.js").read_text("utf-8")
    if src.count(PLACEHOLDER) != 1:
        raise RuntimeError("sw.js: the config placeholder is missing")
    (site / "sw.js").write_text(src.replace(PLACEHOLDER, json.dumps(cfg, indent=1)), "utf-8")
