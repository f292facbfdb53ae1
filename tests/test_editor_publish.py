"""Publishing two dated editions with mike into a throwaway copy of the project: versions.json,
the default alias `guncel`, the outdated banner on the older edition, the refusals, the
`baski-` tags that `diff --rev` reads, and the preview server's versions and rebuild."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from editor_helpers import (
    DATA_REL,
    EDITIONS_REL,
    add_2026_amounts,
    add_edition,
    copy_project,
    env_for,
    git,
    py,
)

FIRST, SECOND = "2024-03-04", "2026-02-01"


def _publish(repo: Path, edition: str) -> Any:
    return py(repo, "-m", "eimza_site.publish", "--edition", edition, "--skip-tests")


def _show(repo: Path, path: str) -> str:
    return git(repo, "show", f"gh-pages:{path}")


def _config(page: str) -> dict[str, Any]:
    m = re.search(r'<script id="__config" type="application/json">(.*?)</script>', page, re.S)
    assert m, "Material's __config is missing"
    return json.loads(m.group(1))  # type: ignore[no-any-return]


def _outdated(versions: list[dict[str, Any]], version: str, default: Any) -> bool:
    """Material's own rule: a version is outdated unless a default pattern matches it or an alias."""
    entry = next(v for v in versions if v["version"] == version)
    patterns = default if isinstance(default, list) else [default]
    names = [*entry["aliases"], entry["version"]]
    return not any(re.search(p, n, re.I) for p in patterns for n in names)


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> Path:
    repo = copy_project(tmp_path_factory.mktemp("yayin") / "proje")
    first = _publish(repo, FIRST)
    assert first.returncode == 0, first.stdout + first.stderr
    assert "git push origin gh-pages" in first.stdout

    # the 2026 prices: an uncommitted edit is refused, then committed and published
    data, editions = repo / DATA_REL, repo / EDITIONS_REL
    data.write_text(add_2026_amounts(data.read_text(encoding="utf-8")), encoding="utf-8")
    missing = _publish(repo, SECOND)
    assert missing.returncode == 1 and "tarihli baskı yok" in missing.stderr
    editions.write_text(
        add_edition(editions.read_text(encoding="utf-8"), SECOND, "2026 ücret tarifesi eklendi."),
        encoding="utf-8",
    )
    dirty = _publish(repo, SECOND)
    assert dirty.returncode == 1 and "kaydedilmemiş değişiklik" in dirty.stderr, dirty.stderr
    git(repo, "commit", "-q", "-am", "2026 ücret tarifesi")
    second = _publish(repo, SECOND)
    assert second.returncode == 0, second.stdout + second.stderr
    return repo


def test_versions_and_default_alias(published: Path) -> None:
    versions = json.loads(_show(published, "versions.json"))
    assert [v["version"] for v in versions] == [SECOND, FIRST]
    newest, older = versions
    assert newest["aliases"] == ["guncel"] and older["aliases"] == []
    assert newest["title"] == "1 Şubat 2026" and older["title"] == "4 Mart 2024"
    assert "guncel/" in _show(published, "index.html")  # mike set-default guncel
    assert f"../{SECOND}/" in _show(published, "guncel/index.html")  # redirect alias
    assert git(published, "tag", "--list", "baski-*").split() == [f"baski-{FIRST}", f"baski-{SECOND}"]


def test_outdated_banner_on_the_older_edition(published: Path) -> None:
    versions = json.loads(_show(published, "versions.json"))
    old_page = _show(published, f"{FIRST}/ucret-tarifesi/index.html")
    new_page = _show(published, f"{SECOND}/ucret-tarifesi/index.html")
    for page in (old_page, new_page):
        banner = re.search(r'<div[^>]*data-md-component="outdated"[^>]*>(.*?)</div>\s*</div>', page, re.S)
        assert banner, "the outdated banner markup is missing"
        assert "eski bir baskısına" in banner.group(1) and "<a href=" in banner.group(1)
    config = _config(old_page)
    assert config["version"]["provider"] == "mike"
    default = config["version"]["default"]
    assert _outdated(versions, FIRST, default) is True
    assert _outdated(versions, SECOND, default) is False
    # each edition renders its own date and its own data
    assert "Bu baskının tarihi: 4 Mart 2024" in old_page
    assert "Bu baskının tarihi: 1 Şubat 2026" in new_page
    assert "1.140,00 TL" in new_page and "1.140,00 TL" not in old_page


def test_refusals_after_publishing(published: Path) -> None:
    older = _publish(published, "2025-06-01")
    assert older.returncode == 1, older.stdout
    assert "YAYIMLANMADI" in older.stderr


def test_diff_against_the_published_edition(published: Path) -> None:
    proc = py(published, "-m", "eimza", "diff", "--rev", f"baski-{FIRST}", "--today", SECOND)
    assert proc.returncode == 0, proc.stderr
    assert "1 Ocak 2026 dönemi: tutarlar artık biliniyor" in proc.stdout
    assert "1.530,00 TL (müdürlüğe)" in proc.stdout  # first application, family doctor, 2026


def test_edition_list_for_the_history_page(published: Path) -> None:
    code = (
        "import json; from eimza.editions import edition_list;"
        "print(json.dumps(edition_list(), ensure_ascii=False))"
    )
    proc = py(published, "-c", code)
    assert proc.returncode == 0, proc.stderr
    eds = json.loads(proc.stdout)
    assert [e["date"] for e in eds] == [SECOND, FIRST]
    assert eds[0]["latest"] and eds[0]["note"] == "2026 ücret tarifesi eklendi."
    assert any("1.140,00 TL" in c and "2026" in c for c in eds[0]["changes"])
    assert eds[1]["changes"] == []


def test_preview_lists_editions_and_rebuilds_on_change(published: Path, tmp_path: Path) -> None:
    code = (
        "import sys, time; from pathlib import Path; from eimza_site.watch import Preview;"
        "p = Preview(Path('.'), Path(sys.argv[1]));"
        "p.prepare(); assert p.build(); p.start(0.2);"
        "Path(sys.argv[1], 'hazir').write_text('1');"
        "deadline = time.time() + 120\n"
        "while p.builds < 2 and time.time() < deadline: time.sleep(0.2)\n"
        "print('builds', p.builds)"
    )
    out = tmp_path / "kok"
    proc = subprocess.Popen(
        [sys.executable, "-c", code, str(out)],
        cwd=published,
        env=env_for(published),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.time() + 120
    while not (out / "hazir").exists() and time.time() < deadline and proc.poll() is None:
        time.sleep(0.2)
    assert (out / "hazir").exists(), proc.communicate()
    versions = json.loads((out / "versions.json").read_text(encoding="utf-8"))
    assert [v["version"] for v in versions] == ["onizleme", SECOND, FIRST]
    default = _config((out / "onizleme" / "index.html").read_text(encoding="utf-8"))["version"]["default"]
    assert _outdated(versions, "onizleme", default) is False
    assert (out / FIRST / "ucret-tarifesi" / "index.html").is_file()
    _served_root_is_the_preview(out)
    page = out / "onizleme" / "iletisim" / "index.html"
    data = published / DATA_REL
    text = data.read_text(encoding="utf-8")
    old = re.search(r'^email = "([^"]+)"', text, re.M)
    assert old and old.group(1) in page.read_text(encoding="utf-8")
    data.write_text(text.replace(old.group(1), "tekirdag.onizleme@saglik.gov.tr"), encoding="utf-8")
    stdout, stderr = proc.communicate(timeout=150)
    assert "builds 2" in stdout, stdout + stderr
    assert "tekirdag.onizleme@saglik.gov.tr" in page.read_text(encoding="utf-8")
    assert '<script src="/__onizleme.js" defer></script>' in page.read_text(encoding="utf-8")
    assert json.loads((out / "__onizleme.json").read_text(encoding="utf-8"))["build"] == 2


def _served_root_is_the_preview(out: Path) -> None:
    """`make serve` answers "/" with the preview's home page (not a redirect), while the
    published editions and versions.json keep their own URLs."""
    import threading
    import urllib.request

    from eimza_site.serve import make_server
    from eimza_site.watch import PREVIEW

    srv = make_server(out, "127.0.0.1", 0, fallback=PREVIEW)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{srv.server_address[1]}"
    try:
        home = urllib.request.urlopen(base + "/").read().decode("utf-8")
        preview_home = (out / PREVIEW / "index.html").read_text(encoding="utf-8")
        assert home == preview_home and '<html lang="tr"' in home
        tariff = urllib.request.urlopen(base + "/ucret-tarifesi/").read().decode("utf-8")
        assert tariff == (out / PREVIEW / "ucret-tarifesi" / "index.html").read_text(encoding="utf-8")
        old = urllib.request.urlopen(f"{base}/{FIRST}/ucret-tarifesi/").read().decode("utf-8")
        assert old == (out / FIRST / "ucret-tarifesi" / "index.html").read_text(encoding="utf-8")
        versions = json.loads(urllib.request.urlopen(base + "/versions.json").read())
        assert versions[0]["version"] == PREVIEW
    finally:
        srv.shutdown()
