"""Publishing two dated editions with mike into a throwaway copy of the project (fixture data:
see editor_helpers): the directorate's branch (gh-pages-tekirdag) with versions.json, the
default alias `guncel`, the outdated banner on the older edition, each refusal with its
Turkish message, the `tekirdag/baski-` tags that `diff --rev` and the change history read,
withdrawing (tags retired, entry removed) and rolling back, and the preview server's versions
and rebuild. The site checks themselves run in test_editor_e2e.py (here: --no-site-checks,
the test set-up switch, so the two set-up editions cost one build each)."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import time
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from editor_helpers import (
    DATA_REL,
    EDITIONS_REL,
    FIRST_EDITION,
    FIXTURE_IL,
    IL,
    IL_REL,
    PUBLIC_ADDRESS,
    add_2026_amounts,
    add_edition,
    copy_project,
    env_for,
    git,
    py,
)
from eimza_site.pages.sitecheck import text_of

FIRST, SECOND = FIRST_EDITION, "2026-02-01"
TODAY = "2026-02-01"
BRANCH = "gh-pages-tekirdag"
TAG = "tekirdag/baski-"


def _publish(repo: Path, edition: str, *extra: str, today: str = TODAY) -> Any:
    args = ["-m", "eimza_site.publish.publish", "--edition", edition, "--today", today, "--no-site-checks"]
    return py(repo, *args, *extra)


def _show(repo: Path, path: str) -> str:
    return git(repo, "show", f"{BRANCH}:{path}")


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
    assert "Siteye göndermek için: make push IL=tekirdag" in first.stdout

    # the 2026 prices: an uncommitted edit is refused, then committed and published
    data, editions = repo / DATA_REL, repo / EDITIONS_REL
    data.write_text(add_2026_amounts(data.read_text(encoding="utf-8")), encoding="utf-8")
    missing = _publish(repo, SECOND)
    assert missing.returncode == 1 and "tarihli baskı yok" in missing.stderr
    # the entry publish suggests, pasted as it is, is refused on its line
    suggested = missing.stderr.split("[[edition]]", 1)[1]
    editions.write_text(editions.read_text(encoding="utf-8") + "\n[[edition]]" + suggested, encoding="utf-8")
    placeholder = _publish(repo, SECOND)
    assert placeholder.returncode == 1, placeholder.stdout
    line = (
        editions.read_text(encoding="utf-8")
        .splitlines()
        .index(
            next(x for x in editions.read_text(encoding="utf-8").splitlines()[::-1] if x.startswith("note ="))
        )
    )
    assert f"satır {line + 1}" in placeholder.stderr and "örnek metin" in placeholder.stderr
    git(repo, "checkout", "--", str(EDITIONS_REL))
    editions.write_text(
        add_edition(editions.read_text(encoding="utf-8"), SECOND, "2026 ücret tarifesi eklendi."),
        encoding="utf-8",
    )
    dirty = _publish(repo, SECOND)
    assert dirty.returncode == 1 and "kaydedilmemiş değişiklik" in dirty.stderr, dirty.stderr
    assert f"{DATA_REL} (değişti)" in dirty.stderr and f"{EDITIONS_REL} (değişti)" in dirty.stderr
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
    assert git(published, "tag", "--list").split() == [f"{TAG}{FIRST}", f"{TAG}{SECOND}"]
    assert git(published, "branch", "--list", "gh-pages").strip() == ""  # the directorate's own branch


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


def test_editions_use_the_public_address(published: Path) -> None:
    """The directorate's il.toml [site] url (the one place: mkdocs.yml has none) plus the
    edition's folder, in canonical links and the sitemap; the sitemap's lastmod is the edition
    date; publish says which address it used."""
    import yaml

    config = yaml.load((published / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    assert "site_url" not in config
    base = PUBLIC_ADDRESS.rstrip("/")
    assert f'url = "{PUBLIC_ADDRESS}"' in (published / IL_REL / "il.toml").read_text(encoding="utf-8")
    for edition in (FIRST, SECOND):
        page = _show(published, f"{edition}/ucret-tarifesi/index.html")
        assert f'<link rel="canonical" href="{base}/{edition}/ucret-tarifesi/">' in page
        sitemap = _show(published, f"{edition}/sitemap.xml")
        urls = re.findall(r"<loc>([^<]+)</loc>", sitemap)
        assert f"{base}/{edition}/ucret-tarifesi/" in urls and all(
            u.startswith(f"{base}/{edition}/") for u in urls
        )
        assert set(re.findall(r"<lastmod>([^<]+)</lastmod>", sitemap)) == {edition}


def test_outdated_banner_link_reaches_the_current_edition(published: Path) -> None:
    from urllib.parse import urljoin

    page = _show(published, f"{FIRST}/ucret-tarifesi/index.html")
    banner = re.search(r'data-md-component="outdated".*?<a href="([^"]+)"', page, re.S)
    assert banner
    target = urljoin(f"http://site/{FIRST}/ucret-tarifesi/", banner.group(1))
    assert target == "http://site/"  # the root of all editions, whose index.html goes to guncel/
    # the 404 page, served at any depth, links from the site_url's path (/eimza/…)
    missing = re.search(
        r'data-md-component="outdated".*?<a href="([^"]+)"', _show(published, f"{FIRST}/404.html"), re.S
    )
    assert missing
    assert urljoin(f"https://rehber.example.org/eimza/{FIRST}/yok/daha/", missing.group(1)) == (
        "https://rehber.example.org/eimza/"
    )
    assert "guncel/" in _show(published, "index.html")  # mike set-default guncel
    assert f"../{SECOND}/" in _show(published, "guncel/index.html")


def test_refusals_after_publishing(published: Path) -> None:
    again = _publish(published, SECOND)
    assert again.returncode == 1, again.stdout
    assert "YAYIMLANMADI" in again.stderr and "zaten yayımlanmış" in again.stderr
    assert f"make publish IL=tekirdag EDITION={SECOND} DUZELTME=1" in again.stderr

    older = _publish(published, "2025-06-01")
    assert older.returncode == 1, older.stdout
    assert "Yayımlanmış en yeni baskı 1 Şubat 2026; 1 Haziran 2025 ondan eski" in older.stderr
    assert f"make publish IL=tekirdag EDITION={SECOND} DUZELTME=1" in older.stderr
    assert "mike deploy" not in older.stdout

    unpublished = _publish(published, "2026-03-01", "--correction", today="2026-03-01")
    assert unpublished.returncode == 1
    assert "DUZELTME=1 yalnızca yayımlanmış bir baskı için" in unpublished.stderr

    unrecorded = _publish(published, SECOND, "--correction", today="2026-02-03")
    assert unrecorded.returncode == 1
    assert "Düzeltme kayda geçmeli" in unrecorded.stderr and "corrections = [2026-02-03]" in unrecorded.stderr


def test_refuses_an_edition_that_is_not_the_newest_entry(published: Path) -> None:
    editions = published / EDITIONS_REL
    text = editions.read_text(encoding="utf-8")
    try:
        editions.write_text(
            add_edition(add_edition(text, "2026-03-01", "Mart"), "2026-04-01", "Nisan"), encoding="utf-8"
        )
        proc = _publish(published, "2026-03-01", today="2026-04-01")
        assert proc.returncode == 1
        assert "en yeni baskı değil (en yenisi 2026-04-01)" in proc.stderr, proc.stderr
    finally:
        editions.write_text(text, encoding="utf-8")


def test_refuses_an_unknown_directorate(published: Path) -> None:
    proc = _publish(published, "2026-03-01", "--il", "mersinn", today="2026-03-01")
    assert proc.returncode == 1 and "Traceback" not in proc.stderr, proc.stderr
    assert "IL=“mersinn” bu depoda bir il (müdürlük) değil" in proc.stderr and "tekirdag" in proc.stderr


def test_diff_against_the_published_edition(published: Path) -> None:
    proc = py(published, "-m", "eimza", "diff", "--rev", f"{TAG}{FIRST}", "--today", SECOND)
    assert proc.returncode == 0, proc.stderr
    assert "1 Ocak 2026 dönemi: tutarlar artık biliniyor" in proc.stdout
    assert "1.530,00 TL (müdürlüğe)" in proc.stdout  # first application, family doctor, 2026


def test_change_history_page_compares_the_editions_own_data(published: Path) -> None:
    markup = _show(published, f"{SECOND}/degisiklik-gecmisi/index.html")
    article = re.search(r"<article\b.*?</article>", markup, re.S)
    assert article, "the page has no <article>"
    page = text_of(article.group(0))
    newest = page.index("1 Şubat 2026 baskısı (bu baskı)")  # the page's own edition
    first = page.index("4 Mart 2024 baskısı")
    assert newest < first
    assert "2026 ücret tarifesi eklendi." in page[newest:first]
    # the automatic line: what differs between the first edition's published data and this one's
    line = (
        "Ücret tarifesi, 1 Ocak 2026 tarihinden itibaren dönemi: 3 yıllık Nitelikli Elektronik "
        "Sertifika (NES) ücreti 1.140,00 TL; Mini kart okuyucu ücreti 390,00 TL (KDV dahil; "
        "20 Ocak 2026 tarihli kaynağa göre)."
    )
    assert line in page[newest:first], page[newest:first]
    assert "Ücret tarifesi" not in page[first:]  # the first edition has no predecessor

    assert not re.search(r"baski-|etiket|\bgit\b|\btag\b", page), page  # nothing technical


def test_automatic_lines_ignore_a_reverified_date() -> None:
    """A period re-verified (new date, same amounts) is not a tariff change between editions."""
    import dataclasses
    import datetime as dt

    from eimza import load_data
    from eimza.editions import Edition, edition_list

    old = load_data(FIXTURE_IL)
    p24 = next(p for p in old.tariffs if p.start == dt.date(2024, 1, 1))
    again = dataclasses.replace(p24, verified=dt.date(2024, 6, 1))
    new = dataclasses.replace(old, tariffs=tuple(again if p is p24 else p for p in old.tariffs))
    eds = (Edition(dt.date(2024, 3, 4), "İlk", ()), Edition(dt.date(2024, 7, 1), "İkinci", ()))
    listed = edition_list(eds, new, {dt.date(2024, 3, 4): [old]})
    assert listed[0]["changes"] == []
    # and amounts that did change are listed, with the new edition's figures
    item = dataclasses.replace(p24.items["nes-3y"], net=Decimal("700.00"), quoted_gross=None)
    moved = dataclasses.replace(p24, items={**p24.items, "nes-3y": item})
    newer = dataclasses.replace(old, tariffs=tuple(moved if p is p24 else p for p in old.tariffs))
    listed = edition_list(eds, newer, {dt.date(2024, 3, 4): [old]})
    assert listed[0]["changes"] == [
        "Ücret tarifesi, 1 Ocak 2024 – 31 Aralık 2024 dönemi: 3 yıllık Nitelikli Elektronik "
        "Sertifika (NES) ücreti 780,00 TL yerine 840,00 TL (KDV dahil; 12 Mart 2024 tarihli "
        "kaynağa göre)."
    ]


def _stamp(out: Path, until: Any, proc: Any, timeout: float = 150) -> dict[str, Any]:
    """Poll the preview's stamp (what open pages poll) until `until(stamp)`."""
    deadline = time.time() + timeout
    while time.time() < deadline and proc.poll() is None:
        try:
            stamp: dict[str, Any] = json.loads((out / "__onizleme.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            stamp = {}
        if stamp and until(stamp):
            return stamp
        time.sleep(0.3)
    raise AssertionError(
        f"the preview never got there: {proc.poll()} {proc.communicate() if proc.poll() is not None else ''}"
    )


def test_preview_lists_editions_and_rebuilds_on_change(published: Path, tmp_path: Path) -> None:
    code = (
        "import sys, time; from pathlib import Path; from eimza_site.preview.watch import Preview;"
        "p = Preview(Path('.'), Path(sys.argv[1]));"
        "p.prepare(); assert p.build(); p.start(0.2);"
        "Path(sys.argv[1], 'hazir').write_text('1');"
        "deadline = time.time() + 300\n"
        "while not Path(sys.argv[1], 'dur').exists() and time.time() < deadline: time.sleep(0.2)\n"
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
    try:
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
        reload_js = (out / "__onizleme.js").read_text(encoding="utf-8")
        assert "textContent" in reload_js and "innerHTML" not in reload_js  # the banner is text only
        parsed = subprocess.run(
            ["node", "--check", str(out / "__onizleme.js")], capture_output=True, text=True
        )
        assert parsed.returncode == 0, parsed.stderr  # a script that does not parse shows nothing

        # a data edit: rebuilt, the page shows it
        page = out / "onizleme" / "iletisim" / "index.html"
        data = published / IL_REL / "il.toml"  # the directorate's e-mail
        text = data.read_text(encoding="utf-8")
        old = re.search(r'^emails = \["([^"]+)"\]', text, re.M)
        assert old and old.group(1) in page.read_text(encoding="utf-8")
        data.write_text(text.replace(old.group(1), "tekirdag.onizleme@saglik.gov.tr"), encoding="utf-8")
        _stamp(out, lambda s: s["build"] == 2, proc)
        assert "tekirdag.onizleme@saglik.gov.tr" in page.read_text(encoding="utf-8")
        assert '<script src="/__onizleme.js" defer></script>' in page.read_text(encoding="utf-8")

        # a broken token: the last good build stays, the stamp carries the error for the banner
        doc = published / "docs" / "iletisim.md"
        good = doc.read_text(encoding="utf-8")
        lines = good.splitlines()
        lines.insert(3, "{{ eposta_yok }}")
        doc.write_text("\n".join(lines) + "\n", encoding="utf-8")
        stamp = _stamp(out, lambda s: s.get("error"), proc)
        assert stamp["build"] == 2
        assert stamp["error"]["file"] == "docs/iletisim.md" and stamp["error"]["line"] == 4, stamp
        assert "eposta_yok" in stamp["error"]["message"] and "belirteç" in stamp["error"]["message"]
        assert "tekirdag.onizleme@saglik.gov.tr" in page.read_text(encoding="utf-8")
        # fixed: rebuilt, the banner goes
        doc.write_text(good, encoding="utf-8")
        stamp = _stamp(out, lambda s: s["build"] == 3, proc)
        assert stamp["error"] is None
    finally:
        (out / "dur").parent.mkdir(parents=True, exist_ok=True)
        (out / "dur").write_text("1")
        stdout, stderr = proc.communicate(timeout=150)
        git(published, "checkout", "--", str(IL_REL / "il.toml"))
    assert "builds 3" in stdout, stdout + stderr
    assert "İlk derleme başladı" in stdout


def test_preview_picks_up_a_new_edition_without_restart(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A new commit on the local gh-pages (what `make publish` makes) reaches versions.json."""
    from eimza_site.preview.watch import Preview

    monkeypatch.setenv("EIMZA_IL", IL)  # the repository's only directorate

    repo = tmp_path / "depo"
    (repo / IL_REL).mkdir(parents=True)
    (
        repo / IL_REL / "il.toml"
    ).touch()  # a directorate (untracked: the checked-out branch is the publishing one)
    git(repo, "init", "-q", "-b", BRANCH)
    versions = [{"version": FIRST, "title": "4 Mart 2024", "aliases": ["guncel"]}]
    (repo / "versions.json").write_text(json.dumps(versions), encoding="utf-8")
    git(repo, "add", "versions.json")
    git(repo, "commit", "-q", "-m", "ilk")
    logs: list[str] = []
    preview = Preview(repo, tmp_path / "kok", log=logs.append)
    preview.prepare()
    listed = json.loads((tmp_path / "kok" / "versions.json").read_text(encoding="utf-8"))
    assert [v["version"] for v in listed] == ["onizleme", FIRST]
    assert preview.refresh_editions() is False  # nothing moved
    versions.insert(0, {"version": SECOND, "title": "1 Şubat 2026", "aliases": ["guncel"]})
    (repo / "versions.json").write_text(json.dumps(versions), encoding="utf-8")
    git(repo, "commit", "-q", "-am", "ikinci")
    assert preview.refresh_editions() is True
    listed = json.loads((tmp_path / "kok" / "versions.json").read_text(encoding="utf-8"))
    assert [v["version"] for v in listed] == ["onizleme", SECOND, FIRST]
    assert any(SECOND in line for line in logs)


def _served_root_is_the_preview(out: Path) -> None:
    """`make serve` answers "/" with the preview's home page (not a redirect), while the
    published editions and versions.json keep their own URLs."""
    import threading
    import urllib.request

    from eimza_site.preview.serve import make_server
    from eimza_site.preview.watch import PREVIEW

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


# --- after the preview test (these change the published editions) -----------------------------


def _aliases(repo: Path) -> dict[str, list[str]]:
    return {v["version"]: v["aliases"] for v in json.loads(_show(repo, "versions.json"))}


def _release(repo: Path, *args: str) -> Any:
    return py(repo, "-m", "eimza_site.publish.release", *args)


def _state(repo: Path) -> dict[str, str]:
    """Everything an undo may change: the branch, the working tree, the publishing branch, tags."""
    return {
        "head": git(repo, "rev-parse", "HEAD"),
        "status": git(repo, "status", "--porcelain"),
        "pages": git(repo, "rev-parse", BRANCH),
        "tags": git(repo, "tag", "--list"),
    }


def test_undo_correction_restores_the_directorates_files_after_its_checks(published: Path) -> None:
    """Issue 26 item 1 with its flaws fixed: the undo restores the directorate's own files (not
    the national one), and is built and checked before any branch takes it: a refusal (here,
    a page that no longer builds) leaves the branch, the files, gh-pages and the tags as they
    were; fixed, the same command completes."""
    il, editions = published / IL_REL / "il.toml", published / EDITIONS_REL
    text = il.read_text(encoding="utf-8")
    old_mail = re.search(r'^emails = \["([^"]+)"\]', text, re.M)
    assert old_mail, "the fixture directorate has one e-mail"
    il.write_text(text.replace(old_mail.group(1), "yanlis.adres@saglik.gov.tr"), encoding="utf-8")
    listed = editions.read_text(encoding="utf-8")
    editions.write_text(listed.rstrip("\n") + "\ncorrections = [2026-02-03]\n", encoding="utf-8")
    git(published, "commit", "-qam", "Yanlış düzeltme")
    fixed = _publish(published, SECOND, "--correction", today="2026-02-03")
    assert fixed.returncode == 0, fixed.stdout + fixed.stderr
    national = (published / DATA_REL).read_bytes()

    page = published / "docs" / "index.md"  # committed after the correction: not the data's
    page.write_text(page.read_text(encoding="utf-8") + "\n{{ yok_boyle_etiket }}\n", encoding="utf-8")
    git(published, "commit", "-qam", "Bozuk sayfa")
    before = _state(published)
    broken = _release(
        published, "undo-correction", "--edition", SECOND, "--today", "2026-02-04", "--no-site-checks"
    )
    assert broken.returncode == 1, broken.stdout + broken.stderr
    assert "geri alınmadı; hiçbir şey değişmedi" in broken.stderr and "derleme başarısız" in broken.stderr
    assert f"make undo-correction IL=tekirdag EDITION={SECOND}" in broken.stderr
    assert _state(published) == before  # nothing half done
    _turkish_only(broken.stdout + broken.stderr)

    git(published, "revert", "--no-edit", "HEAD")
    undo = _release(
        published, "undo-correction", "--edition", SECOND, "--today", "2026-02-04", "--no-site-checks"
    )
    assert undo.returncode == 0, undo.stdout + undo.stderr
    assert "Geri alındı: 1 Şubat 2026 baskısının 1. düzeltmesi" in undo.stdout
    assert "make push IL=tekirdag" in undo.stdout
    _turkish_only(undo.stdout + undo.stderr)
    assert old_mail.group(1) in il.read_text(encoding="utf-8")  # the directorate's file as before
    assert (published / DATA_REL).read_bytes() == national  # the national file untouched
    entry = editions.read_text(encoding="utf-8")
    assert "corrections = [2026-02-03, 2026-02-04]" in entry and "undone = [1]" in entry
    assert git(published, "status", "--porcelain").strip() == ""
    assert git(published, "log", "-1", "--format=%s").strip() == f"Baskı {SECOND}: 1. düzeltme geri alındı"
    assert git(published, "rev-parse", f"{TAG}{SECOND}-duzeltme-2") == git(published, "rev-parse", "HEAD")


def test_rollback_points_guncel_at_the_previous_edition_and_back(published: Path) -> None:
    proc = _release(published, "rollback")
    assert proc.returncode == 0, proc.stderr
    assert "'guncel' 1 Şubat 2026 baskısından 4 Mart 2024 baskısına döndürüldü" in proc.stdout
    assert f"make rollback IL=tekirdag EDITION={SECOND}" in proc.stdout  # how to undo it
    assert _aliases(published) == {SECOND: [], FIRST: ["guncel"]}
    assert f"../{FIRST}/" in _show(published, "guncel/index.html")
    # nothing older left to roll back to
    again = _release(published, "rollback")
    assert again.returncode == 1 and "önce yayımlanmış bir baskı yok" in again.stderr
    # undone by naming the newer edition
    forward = _release(published, "rollback", "--edition", SECOND)
    assert forward.returncode == 0, forward.stderr
    assert _aliases(published) == {SECOND: ["guncel"], FIRST: []}
    same = _release(published, "rollback", "--edition", SECOND)
    assert same.returncode == 1 and "zaten" in same.stderr
    for out in (proc, again, forward, same):
        _turkish_only(out.stdout + out.stderr)


def _turkish_only(output: str) -> None:
    """No English tool chatter (git, mike, mkdocs) in an editor command's output."""
    for word in ("nothing changed", "allow-empty", "INFO", "WARNING", "Traceback", "error:", "hint:"):
        assert word not in output, (word, output)


def test_withdraw_retires_the_tags_and_the_entry(published: Path) -> None:
    head = git(published, "rev-parse", "HEAD").strip()
    sha = git(published, "rev-parse", f"{TAG}{SECOND}").strip()
    proc = _release(published, "withdraw", "--edition", SECOND)
    assert proc.returncode == 0, proc.stderr
    _turkish_only(proc.stdout + proc.stderr)
    assert _aliases(published) == {FIRST: ["guncel"]}
    assert (
        "make push IL=tekirdag" in proc.stdout and f"make publish IL=tekirdag EDITION={SECOND}" in proc.stdout
    )
    # the tag is retired (same commit), so diff, push and a republish see no such edition
    assert git(published, "tag", "--list", f"{TAG}*").split() == [f"{TAG}{FIRST}"]
    retired = f"tekirdag/geri-cekilen/1/baski-{SECOND}"
    assert git(published, "rev-parse", retired).strip() == sha
    described = git(published, "describe", "--tags", "--abbrev=0", "--match", f"{TAG}*").strip()
    assert described == f"{TAG}{FIRST}"
    # the entry left the editions file, in a commit of its own
    assert f"date = {SECOND}" not in (published / EDITIONS_REL).read_text(encoding="utf-8")
    assert git(published, "rev-parse", "HEAD~1").strip() == head
    assert git(published, "status", "--porcelain").strip() == ""

    last = _release(published, "withdraw", "--edition", FIRST)
    assert last.returncode == 1 and "tek yayımlanmış baskı" in last.stderr
    missing = _release(published, "withdraw", "--edition", "2020-01-01")
    assert missing.returncode == 1 and "yayımlanmamış" in missing.stderr


def test_preview_banner_names_file_line_and_message() -> None:
    """What the banner shows for mkdocs' two kinds of failure output (a page, the data file)."""
    from eimza_site.preview.watch import build_error

    root = Path(__file__).resolve().parent.parent
    page = (
        "INFO - Building documentation...\n"
        "ERROR   -  Error reading page 'iletisim.md': ERROR  -  E-İmza Rehberi: iletisim.md, satır 4: "
        "{{ eposta_yok }}: bilinmeyen belirteç.\nAborted with a BuildError!\n"
    )
    assert build_error(page, root) == {
        "file": "docs/iletisim.md",
        "line": 4,
        "message": "E-İmza Rehberi: iletisim.md, satır 4: {{ eposta_yok }}: bilinmeyen belirteç.",
    }
    data = (
        "ERROR   -  Veri dosyalarında 1 hata var:\n"
        f"{root}/data/iller/tekirdag/il.toml:22 [facts[1].iban]: IBAN geçersiz\n"
    )
    error = build_error(data, root)
    assert (error["file"], error["line"]) == ("data/iller/tekirdag/il.toml", 22)
    assert str(error["message"]).startswith("Veri dosyalarında 1 hata var:") and "IBAN geçersiz" in str(
        error["message"]
    )
