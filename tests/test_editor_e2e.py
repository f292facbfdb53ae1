"""The editors' whole job, as the guide (docs/editor/kilavuz.md) tells it, on a fresh clone of a
repository whose remote is a bare repository: enter the 2026 amounts, add an edition, commit,
`make check`, `make diff`, `make publish` with its checks on, `make push`; the remote then has
the edition in gh-pages and its tag, and the published edition, served and opened in Chromium,
shows the new total on its pages and in its calculator for a 2026 date, and the 2024 total for
a 2024 date. Then a republish without DUZELTME=1 is refused, and the correction is recorded
and pushed.

The clone reuses this checkout's .venv (VENV=…, with PYTHONPATH on the clone's own engine and
plugin) and node_modules, and shares the runtime cache; everything else is the clone's."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import tarfile
import threading
from collections.abc import Iterator
from io import BytesIO
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import BrowserContext, Page, expect

from browser_guard import BrowserGuard
from editor_helpers import (
    DATA_REL,
    EDITIONS_REL,
    ROOT,
    add_2026_amounts,
    add_edition,
    copy_project,
    env_for,
    git,
)
from eimza import format_tl, load_data, quote, turkish

pytestmark = [pytest.mark.browser, pytest.mark.node]

EDITION = "2026-02-01"
NOTE = "2026 ücret tarifesi eklendi."


def make(repo: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = env_for(repo)
    env.pop("EIMZA_NO_SNAPSHOT")  # the real thing: the calculator ships its snapshot
    return subprocess.run(
        ["make", "--no-print-directory", *args, f"VENV={ROOT / '.venv'}"],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )


def remote_tree(bare: Path, ref: str, dest: Path) -> Path:
    archive = subprocess.run(
        ["git", "--git-dir", str(bare), "archive", ref], capture_output=True, check=True
    ).stdout
    with tarfile.open(fileobj=BytesIO(archive)) as tar:
        tar.extractall(dest, filter="data")
    return dest


@pytest.fixture(scope="module")
def clone(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    base = tmp_path_factory.mktemp("uctan-uca")
    origin = copy_project(base / "kaynak")
    bare = base / "uzak.git"
    subprocess.run(["git", "init", "-q", "--bare", "-b", "main", str(bare)], check=True)
    git(origin, "push", "-q", str(bare), "main")
    repo = base / "klon"
    subprocess.run(["git", "clone", "-q", str(bare), str(repo)], check=True)
    # the set-up stamps (.venv/.stamp-*, node_modules/.package-lock.json) are this checkout's:
    # the clone's identical set-up inputs get their times, so make reuses them (and never
    # reinstalls this checkout's .venv or node_modules from the clone)
    for name in ("pyproject.toml", "package.json", "package-lock.json"):
        mine, theirs = ROOT / name, repo / name
        assert mine.read_bytes() == theirs.read_bytes(), f"{name} differs: the set-up cannot be shared"
        stat = mine.stat()
        os.utime(theirs, (stat.st_atime, stat.st_mtime))
    (repo / "node_modules").symlink_to(ROOT / "node_modules")
    stamps = [str(ROOT / ".venv" / ".stamp-docs"), "node_modules/.package-lock.json"]
    fresh = subprocess.run(["make", "-q", f"VENV={ROOT / '.venv'}", *stamps], cwd=repo, capture_output=True)
    assert fresh.returncode == 0, "make would redo the shared set-up from the clone"
    (repo / "build").mkdir()
    (repo / "build" / "runtime-cache").symlink_to(ROOT / "build" / "runtime-cache")
    return {"repo": repo, "bare": bare, "base": base}


@pytest.fixture(scope="module")
def pushed(clone: dict[str, Any]) -> dict[str, Any]:
    repo = clone["repo"]
    data, editions = repo / DATA_REL, repo / EDITIONS_REL
    data.write_text(add_2026_amounts(data.read_text(encoding="utf-8")), encoding="utf-8")
    editions.write_text(add_edition(editions.read_text(encoding="utf-8"), EDITION, NOTE), encoding="utf-8")

    check = make(repo, "check")
    assert check.returncode == 0, check.stdout + check.stderr
    assert "Tamam:" in check.stdout
    diff = make(repo, "diff")  # no edition tag yet: against HEAD
    assert diff.returncode == 0, diff.stdout + diff.stderr
    assert "1 Ocak 2026 dönemi: tutarlar artık biliniyor" in diff.stdout

    git(repo, "commit", "-q", "-am", "2026 ücret tarifesi")
    publish = make(repo, "publish", f"EDITION={EDITION}")
    assert publish.returncode == 0, publish.stdout[-4000:] + publish.stderr[-4000:]
    for step in ("Derleme (mkdocs build --strict)", "Sayfa denetimi", "Hesaplayıcı denetimi", "mike deploy"):
        assert step in publish.stdout, step
    assert "Siteye göndermek için: make push" in publish.stdout

    push = make(repo, "push")
    assert push.returncode == 0, push.stdout + push.stderr
    assert f"etiketler: baski-{EDITION}" in push.stdout and "gh-pages dalı" in push.stdout
    return {**clone, "publish": publish.stdout}


def test_the_remote_has_the_edition(pushed: dict[str, Any]) -> None:
    bare = pushed["bare"]
    refs = git(bare, "for-each-ref", "--format=%(refname)")
    assert "refs/heads/gh-pages" in refs and f"refs/tags/baski-{EDITION}" in refs
    assert git(bare, "rev-parse", "main") == git(pushed["repo"], "rev-parse", "main")
    listing = git(bare, "ls-tree", "--name-only", "gh-pages")
    assert EDITION in listing.split() and "guncel" in listing.split()


@pytest.fixture(scope="module")
def served(pushed: dict[str, Any]) -> Iterator[str]:
    from eimza_site.preview.serve import make_server

    root = remote_tree(pushed["bare"], "gh-pages", pushed["base"] / "yayin-kopyasi")
    srv = make_server(root, "127.0.0.1", 0)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{srv.server_address[1]}"
    srv.shutdown()


@pytest.fixture
def guard(context: BrowserContext, served: str) -> Iterator[BrowserGuard]:
    """The shared browser error guard (tests/browser_guard.py), on this test's own server."""
    g = BrowserGuard(served)
    g.watch(context)
    yield g
    g.check()


def test_published_edition_in_chromium(pushed: dict[str, Any], served: str, page: Page) -> None:
    new = load_data(str(pushed["repo"] / DATA_REL))
    case = {"situation": "first", "role": "family-doctor"}
    total_2026 = quote({**case, "date": EDITION}, new)["payment"]["total"]
    total_2024 = quote({**case, "date": "2024-03-12"}, new)["payment"]["total"]
    assert format_tl(total_2026) == "1.530,00 TL"  # 1.140,00 + 390,00 (the amounts the editor typed)
    assert format_tl(total_2024) == "1.080,00 TL"  # attested: Mersin, 12.03.2024

    page.goto(f"{served}/{EDITION}/ilk-basvuru/")
    expect(page.locator("article.md-content__inner")).to_contain_text("1.530,00 TL")
    expect(page.locator("article.md-content__inner")).to_contain_text(
        f"Bu baskının tarihi: {turkish.date_long(dt.date.fromisoformat(EDITION))}"
    )

    for day, total in ((EDITION, total_2026), ("2024-03-12", total_2024)):
        page.goto(f"{served}/guncel/")  # the redirect alias leads to the edition
        page.wait_for_url(f"**/{EDITION}/")
        page.goto(f"{served}/{EDITION}/ucret-hesaplama/#durum=first&gorev=family-doctor&tarih={day}")
        region = page.get_by_role("region", name="Sonuç")  # an ordinary region (issue 13)
        expect(region.locator("[data-total]")).to_have_attribute("data-total", total, timeout=60_000)
        expect(region.locator("[data-total]")).to_have_text(format_tl(total))


def test_republish_refused_then_corrected_and_pushed(pushed: dict[str, Any]) -> None:
    repo, bare = pushed["repo"], pushed["bare"]
    again = make(repo, "publish", f"EDITION={EDITION}")
    assert again.returncode != 0
    assert "zaten yayımlanmış" in again.stderr and "DUZELTME=1" in again.stderr

    today = turkish.today_tr()
    editions = repo / EDITIONS_REL
    text = editions.read_text(encoding="utf-8")
    fixed = text.replace(
        f'note = "{NOTE}"',
        f'note = "{NOTE} Kart okuyucu tutarı eklendi."\ncorrections = [{today.isoformat()}]',
    )
    editions.write_text(fixed, encoding="utf-8")
    git(repo, "commit", "-q", "-am", "Baskı düzeltmesi")
    corrected = make(repo, "publish", f"EDITION={EDITION}", "DUZELTME=1")
    assert corrected.returncode == 0, corrected.stdout[-3000:] + corrected.stderr[-3000:]
    assert "düzeltmesi" in corrected.stdout

    push = make(repo, "push")
    assert push.returncode == 0, push.stdout + push.stderr
    assert f"baski-{EDITION}-duzeltme-1" in push.stdout
    refs = git(bare, "for-each-ref", "--format=%(refname)")
    assert f"refs/tags/baski-{EDITION}-duzeltme-1" in refs and f"refs/tags/baski-{EDITION}\n" in refs
    history = git(bare, "show", f"gh-pages:{EDITION}/degisiklik-gecmisi/index.html")
    assert f"Bu baskı düzeltildi: {turkish.date_long(today)}." in history
    assert "Kart okuyucu tutarı eklendi." in history


def test_commands_in_the_guide_exist(pushed: dict[str, Any]) -> None:
    """Every `make …` the guide prints is a target of the Makefile (dry run on the clone)."""
    import re

    guide = (pushed["repo"] / "docs" / "editor" / "kilavuz.md").read_text(encoding="utf-8")
    targets = set(re.findall(r"\bmake ([a-z][a-z-]*)", guide))
    assert {"check", "diff", "publish", "push", "withdraw", "rollback", "serve"} <= targets, targets
    for target in sorted(targets):
        dry = subprocess.run(
            ["make", "-n", target, f"VENV={ROOT / '.venv'}"],
            cwd=pushed["repo"],
            capture_output=True,
            text=True,
        )
        assert dry.returncode == 0, (target, dry.stderr)
