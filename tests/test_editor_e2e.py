"""The editors' whole job, as the guide (docs/editor/kilavuz.md) tells it, on a fresh clone of a
repository whose remote is a bare repository (its first edition tagged, as the repository's
is): enter the 2026 amounts, add an edition, commit, `make check`, `make diff`; `make publish`
refuses an uncommitted docs/ change, then publishes with its checks on while the data file
changes during the deploy step; `make push`: the remote's branch gh-pages-tekirdag holds the
checked build byte for byte, plus the edition's tag, and the published edition, served and
opened in Chromium, shows the new total on its pages and in its calculator for a 2026 date,
and the 2024 total for a 2024 date. Then a republish without DUZELTME=1 is refused, a
correction of an amount (the shared national file) is published and pushed; undoing it is
refused with nothing changed, and what the refusal says is done instead (the value put back,
a correction published with the site checks on: the history names the wrong amount); a
correction of the directorate's own file is published and undone (`make undo-correction`); a
second edition is published, withdrawn, published again under its date, and readers are
rolled back to the first: after each step the remote's branch, tags and change history are
checked, and no command prints English tool chatter. The other later steps publish without
the site checks (PUBLISH_ARGS=--no-site-checks: they are the first publication's).

The clone reuses this checkout's .venv (VENV=…, with PYTHONPATH on the clone's own engine and
plugin) and node_modules, and shares the runtime cache; everything else is the clone's."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
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
    FIRST_EDITION,
    IL_REL,
    NEW_2026,
    ROOT,
    add_2026_amounts,
    add_edition,
    copy_project,
    env_for,
    git,
)
from eimza import format_tl, load_data, quote, turkish
from eimza.money import vat_of
from eimza_site.pages.sitecheck import text_of
from eimza_site.publish import deploy

pytestmark = [pytest.mark.browser, pytest.mark.node]
EDITION_PATH = EDITIONS_REL.as_posix()

EDITION = "2026-02-01"
NOTE = "2026 ücret tarifesi eklendi."
BRANCH = "gh-pages-tekirdag"
TAG = "tekirdag/baski-"
CHATTER = ("nothing changed", "allow-empty", "INFO", "WARNING", "Traceback", "hint:", "To ", "remote:")


def make(repo: Path, *args: str, checks: bool = True) -> subprocess.CompletedProcess[str]:
    """`make …` in the clone; with `checks`, the real thing (the calculator ships its snapshot),
    else the later steps' light publication (no site checks, no snapshot)."""
    env = env_for(repo)
    extra = []
    if checks:
        env.pop("EIMZA_NO_SNAPSHOT")
    else:
        extra = ["PUBLISH_ARGS=--no-site-checks"]
    proc = subprocess.run(
        ["make", "--no-print-directory", *args, *extra, f"VENV={ROOT / '.venv'}"],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )
    quiet(proc)
    return proc


def quiet(proc: subprocess.CompletedProcess[str]) -> None:
    """Every line an editor sees is Turkish or a command (issue 26 item 6): no tool's English."""
    for line in (proc.stdout + proc.stderr).splitlines():
        if line.startswith("make: ***"):
            continue  # make's own last line when a command refuses (the guide explains it)
        for word in CHATTER:
            assert word not in line, (word, line)


def remote_versions(bare: Path) -> dict[str, list[str]]:
    shown = git(bare, "show", f"{BRANCH}:versions.json")
    return {v["version"]: v["aliases"] for v in json.loads(shown)}


def remote_tags(bare: Path) -> list[str]:
    return git(bare, "tag", "--list").split()


def remote_history(bare: Path, edition: str) -> str:
    """The change history's text as readers get it from the remote's branch."""
    markup = git(bare, "show", f"{BRANCH}:{edition}/degisiklik-gecmisi/index.html")
    article = re.search(r"<article\b.*?</article>", markup, re.S)
    assert article, "the change history has no <article>"
    text = text_of(article.group(0))
    assert not re.search(r"baski-|etiket|\bgit\b|\btag\b", text), text  # nothing technical
    return text


def shown_amount(data: object, day: str, code: str) -> str:
    """An item's amount as the tariff page shows it on `day`'s period (the engine's money)."""
    when = dt.date.fromisoformat(day)
    period = next(p for p in data.tariffs if p.start <= when and (p.end is None or when <= p.end))  # type: ignore[attr-defined]
    net = period.items[code].net
    return format_tl(net + vat_of(net, data.vat_rate_for(period.verified)))  # type: ignore[attr-defined]


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
    # the repository's first edition is tagged at its commit: the change history can compare
    git(origin, "tag", f"{TAG}{FIRST_EDITION}")
    bare = base / "uzak.git"
    subprocess.run(["git", "init", "-q", "--bare", "-b", "main", str(bare)], check=True)
    git(origin, "push", "-q", str(bare), "main", f"refs/tags/{TAG}{FIRST_EDITION}")
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
    # an uncommitted page edit would not be published: refused before anything is built
    page = repo / "docs" / "index.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nKaydedilmemiş satır.\n", encoding="utf-8")
    dirty = make(repo, "publish", f"EDITION={EDITION}")
    assert dirty.returncode != 0 and "docs/index.md (değişti)" in dirty.stderr, dirty.stderr
    assert "Derleme" not in dirty.stdout
    git(repo, "checkout", "--", "docs/index.md")

    publish, changed = publish_while_the_data_changes(repo)
    assert publish.returncode == 0, publish.stdout[-4000:] + publish.stderr[-4000:]
    for step in ("Derleme (mkdocs build --strict)", "Sayfa denetimi", "Hesaplayıcı denetimi", "mike deploy"):
        assert step in publish.stdout, step
    assert "denetlenen derlemeyle bayt bayt aynı" in publish.stdout
    assert "Siteye göndermek için: make push IL=tekirdag" in publish.stdout
    git(repo, "checkout", "--", str(IL_REL / "il.toml"))

    push = make(repo, "push")
    assert push.returncode == 0, push.stdout + push.stderr
    assert f"etiketler: {TAG}{EDITION}" in push.stdout and f"{BRANCH} dalı" in push.stdout
    return {**clone, "publish": publish.stdout, "changed": changed}


def publish_while_the_data_changes(repo: Path) -> tuple[subprocess.CompletedProcess[str], str]:
    """`make publish` (checks on), and the data file edited as soon as the deploy step starts;
    return the run and the text the edit put in."""
    env = env_for(repo)
    env.pop("EIMZA_NO_SNAPSHOT")
    cmd = ["make", "--no-print-directory", "publish", f"EDITION={EDITION}", f"VENV={ROOT / '.venv'}"]
    proc = subprocess.Popen(cmd, cwd=repo, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    data = repo / IL_REL / "il.toml"  # the directorate's e-mail
    changed = "degisti.yayinda@saglik.gov.tr"
    lines = []
    assert proc.stdout is not None
    for line in proc.stdout:
        lines.append(line)
        if "→ Yayın" in line:
            text = data.read_text(encoding="utf-8")
            edited = re.sub(r'^emails = \["[^"]+"\]', f'emails = ["{changed}"]', text, count=1, flags=re.M)
            assert edited != text
            data.write_text(edited, encoding="utf-8")
    err = proc.stderr.read() if proc.stderr else ""
    run = subprocess.CompletedProcess(cmd, proc.wait(timeout=900), "".join(lines), err)
    quiet(run)
    return run, changed


def test_the_remote_branch_is_the_checked_build(pushed: dict[str, Any]) -> None:
    """What readers get is the folder the checks read, from the tagged commit: not the data
    file as it was edited during the deploy step."""
    repo, bare = pushed["repo"], pushed["bare"]
    checked = deploy.manifest(repo / "build" / "yayin" / "tekirdag" / EDITION)
    assert deploy.branch_files(bare, BRANCH, EDITION) == checked
    assert len(checked) > 100
    contact = git(bare, "show", f"{BRANCH}:{EDITION}/iletisim/index.html")
    assert pushed["changed"] not in contact
    il = (IL_REL / "il.toml").as_posix()
    tagged = git(bare, "show", f"{TAG}{EDITION}:{il}")
    assert pushed["changed"] not in tagged and tagged == git(repo, "show", f"HEAD:{il}")


def test_the_remote_has_the_edition(pushed: dict[str, Any]) -> None:
    bare = pushed["bare"]
    refs = git(bare, "for-each-ref", "--format=%(refname)")
    assert f"refs/heads/{BRANCH}" in refs and f"refs/tags/{TAG}{EDITION}" in refs
    assert git(bare, "rev-parse", "main") == git(pushed["repo"], "rev-parse", "main")
    listing = git(bare, "ls-tree", "--name-only", BRANCH)
    assert EDITION in listing.split() and "guncel" in listing.split()
    # the change history compares with the first edition's tagged data: the 2026 amounts
    new = load_data(pushed["repo"] / IL_REL)
    history = remote_history(bare, EDITION)
    assert "Ücret tarifesi, 1 Ocak 2026 tarihinden itibaren dönemi:" in history
    assert shown_amount(new, EDITION, "nes-3y") in history


@pytest.fixture(scope="module")
def served(pushed: dict[str, Any]) -> Iterator[str]:
    from eimza_site.preview.serve import make_server

    root = remote_tree(pushed["bare"], BRANCH, pushed["base"] / "yayin-kopyasi")
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


@pytest.mark.eimza_today(EDITION)  # a reader on the edition's day
def test_published_edition_in_chromium(pushed: dict[str, Any], served: str, page: Page) -> None:
    new = load_data(pushed["repo"] / IL_REL)
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
        if day != EDITION:  # a link's other day is offered (the page opens on today)
            region.locator("#eimza-link-date").get_by_role("button").click()
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
    # the correction changes an amount (the reader price the editor mistyped)
    data = repo / DATA_REL
    before = load_data(repo / IL_REL)
    net, gross = NEW_2026["mini-reader"]
    data.write_text(
        data.read_text(encoding="utf-8").replace(
            f'mini-reader = {{ net = "{net}", quoted_gross = "{gross}" }}',
            'mini-reader = { net = "330.00", quoted_gross = "396.00" }',
        ),
        encoding="utf-8",
    )
    git(repo, "commit", "-q", "-am", "Baskı düzeltmesi")
    corrected = make(repo, "publish", f"EDITION={EDITION}", "DUZELTME=1")
    assert corrected.returncode == 0, corrected.stdout[-3000:] + corrected.stderr[-3000:]
    assert "düzeltmesi" in corrected.stdout

    push = make(repo, "push")
    assert push.returncode == 0, push.stdout + push.stderr
    assert f"baski-{EDITION}-duzeltme-1" in push.stdout
    assert {f"{TAG}{EDITION}-duzeltme-1", f"{TAG}{EDITION}"} <= set(remote_tags(bare))
    history = remote_history(bare, EDITION)
    assert f"Bu baskı düzeltildi: {turkish.date_long(today)}." in history
    assert "Kart okuyucu tutarı eklendi." in history
    after = load_data(repo / IL_REL)
    old, new = shown_amount(before, EDITION, "mini-reader"), shown_amount(after, EDITION, "mini-reader")
    fix = history.index(f"1. düzeltme ({turkish.date_long(today)}):")
    assert f"{old} yerine {new}" in history[fix:], history
    pushed["amounts"] = (old, new)


def _local_state(repo: Path) -> dict[str, str]:
    """Everything an undo may change in the clone: main, the files, gh-pages, the tags."""
    return {
        "head": git(repo, "rev-parse", "HEAD"),
        "status": git(repo, "status", "--porcelain"),
        "pages": git(repo, "rev-parse", BRANCH),
        "tags": git(repo, "tag", "--list"),
    }


def test_undoing_a_correction_of_the_national_file_is_refused(pushed: dict[str, Any]) -> None:
    """The correction changed the shared national file (an amount every directorate shows):
    undoing it would change the other directorates' next editions too. Refused, nothing
    changed, and the message says what to do instead: correct the value, publish a correction."""
    repo = pushed["repo"]
    before = _local_state(repo)
    undo = make(repo, "undo-correction", f"EDITION={EDITION}", checks=False)
    assert undo.returncode != 0, undo.stdout[-3000:]
    assert "geri alınmadı; hiçbir şey değiştirilmedi" in undo.stderr, undo.stderr
    assert f"ortak dosya ({DATA_REL.as_posix()})" in undo.stderr
    assert f"make publish IL=tekirdag EDITION={EDITION} DUZELTME=1" in undo.stderr
    assert _local_state(repo) == before


def test_the_wrong_amount_corrected_by_hand_then_published_with_its_checks(pushed: dict[str, Any]) -> None:
    """What the refusal says, done: the national value put back, a second correction published
    with the site checks on. The change history names the wrong amount of the first correction,
    which the data no longer has: the checks accept it there, the flow completes."""
    repo, bare = pushed["repo"], pushed["bare"]
    old, new = pushed["amounts"]
    today = turkish.today_tr()
    data = repo / DATA_REL
    net, gross = NEW_2026["mini-reader"]
    data.write_text(
        data.read_text(encoding="utf-8").replace(
            'mini-reader = { net = "330.00", quoted_gross = "396.00" }',
            f'mini-reader = {{ net = "{net}", quoted_gross = "{gross}" }}',
        ),
        encoding="utf-8",
    )
    editions = repo / EDITIONS_REL
    text = editions.read_text(encoding="utf-8")
    day = today.isoformat()
    editions.write_text(
        text.replace(f"corrections = [{day}]", f"corrections = [{day}, {day}]"), encoding="utf-8"
    )
    git(repo, "commit", "-q", "-am", "Kart okuyucu tutarı düzeltildi")
    fixed = make(repo, "publish", f"EDITION={EDITION}", "DUZELTME=1")  # the site checks on
    assert fixed.returncode == 0, fixed.stdout[-3000:] + fixed.stderr[-3000:]
    assert "make push IL=tekirdag" in fixed.stdout
    assert make(repo, "push").returncode == 0
    history = remote_history(bare, EDITION)
    second = history.index(f"2. düzeltme ({turkish.date_long(today)}):")
    assert f"{old} yerine {new}" in history[:second] and f"{new} yerine {old}" in history[second:], history
    page = git(bare, "show", f"{BRANCH}:{EDITION}/ucret-tarifesi/index.html")
    assert old in text_of(page) and new not in text_of(page)


def test_undo_a_correction_of_the_directorates_own_file(pushed: dict[str, Any]) -> None:
    """A correction of the directorate's own file (its e-mail), published and pushed, then
    undone: the file as it was before, recorded as a fourth correction, the change history
    telling readers, and the national file untouched."""
    repo, bare = pushed["repo"], pushed["bare"]
    today = turkish.today_tr()
    il = repo / IL_REL / "il.toml"
    text = il.read_text(encoding="utf-8")
    right = re.search(r'^emails = \["([^"]+)"\]', text, re.M)
    assert right, "the fixture directorate has one e-mail"
    il.write_text(text.replace(right.group(1), "yanlis.adres@saglik.gov.tr"), encoding="utf-8")
    editions = repo / EDITIONS_REL
    day = today.isoformat()
    listed = editions.read_text(encoding="utf-8")
    editions.write_text(listed.replace(f"[{day}, {day}]", f"[{day}, {day}, {day}]"), encoding="utf-8")
    git(repo, "commit", "-q", "-am", "E-posta düzeltmesi")
    wrong = make(repo, "publish", f"EDITION={EDITION}", "DUZELTME=1", checks=False)
    assert wrong.returncode == 0, wrong.stdout[-3000:] + wrong.stderr[-3000:]
    assert make(repo, "push").returncode == 0
    national = (repo / DATA_REL).read_bytes()

    undo = make(repo, "undo-correction", f"EDITION={EDITION}", checks=False)
    assert undo.returncode == 0, undo.stdout[-3000:] + undo.stderr[-3000:]
    assert "3. düzeltmesi" in undo.stdout and "make push IL=tekirdag" in undo.stdout
    assert right.group(1) in il.read_text(encoding="utf-8")
    assert (repo / DATA_REL).read_bytes() == national
    assert git(repo, "status", "--porcelain", "--untracked-files=no").strip() == ""
    push = make(repo, "push")
    assert push.returncode == 0, push.stderr
    assert f"{TAG}{EDITION}-duzeltme-4" in remote_tags(bare)
    assert remote_versions(bare)[EDITION] == ["guncel"]
    history = remote_history(bare, EDITION)
    assert f"4. düzeltme ({turkish.date_long(today)}): 3. düzeltme geri alındı" in history, history
    assert "yanlis.adres@saglik.gov.tr" not in git(bare, "show", f"{BRANCH}:{EDITION}/iletisim/index.html")

    nothing = make(repo, "rollback")  # one edition on the branch: the refusal points to the undo
    assert nothing.returncode != 0
    assert f"make undo-correction IL=tekirdag EDITION={EDITION}" in nothing.stderr


def test_withdraw_then_republish_a_second_edition(pushed: dict[str, Any]) -> None:
    repo, bare = pushed["repo"], pushed["bare"]
    second = turkish.today_tr().isoformat()
    editions = repo / EDITIONS_REL
    listed = add_edition(editions.read_text(encoding="utf-8"), second, "İkinci baskı.")
    editions.write_text(listed, encoding="utf-8")
    git(repo, "commit", "-q", "-am", "İkinci baskı")
    first_run = make(repo, "publish", f"EDITION={second}", checks=False)
    assert first_run.returncode == 0, first_run.stdout[-3000:] + first_run.stderr[-3000:]
    assert make(repo, "push").returncode == 0
    assert remote_versions(bare) == {second: ["guncel"], EDITION: []}
    assert f"{TAG}{second}" in remote_tags(bare)
    history = remote_history(bare, second)
    assert history.index("İkinci baskı.") < history.index(NOTE)

    withdrawn = make(repo, "withdraw", f"EDITION={second}")
    assert withdrawn.returncode == 0, withdrawn.stderr
    assert make(repo, "push").returncode == 0
    assert remote_versions(bare) == {EDITION: ["guncel"]}
    tags = remote_tags(bare)
    assert f"{TAG}{second}" not in tags and f"tekirdag/geri-cekilen/1/baski-{second}" in tags
    assert f"date = {second}" not in git(bare, "show", f"main:{EDITION_PATH}")
    # as for an edition never published: diff compares with the newest published one
    diff = make(repo, "diff")
    assert diff.returncode == 0 and f"{TAG}{EDITION}-duzeltme-4" in diff.stdout, diff.stdout[:500]

    editions.write_text(listed, encoding="utf-8")
    git(repo, "commit", "-q", "-am", "İkinci baskı yeniden")
    again = make(repo, "publish", f"EDITION={second}", checks=False)
    assert again.returncode == 0, again.stdout[-3000:] + again.stderr[-3000:]
    push = make(repo, "push")
    assert push.returncode == 0, push.stderr
    assert remote_versions(bare) == {second: ["guncel"], EDITION: []}
    assert git(bare, "rev-parse", f"{TAG}{second}") == git(repo, "rev-parse", "HEAD")
    assert "İkinci baskı." in remote_history(bare, second)
    pushed["second"] = second


def test_rollback_to_the_first_edition(pushed: dict[str, Any]) -> None:
    repo, bare, second = pushed["repo"], pushed["bare"], pushed["second"]
    back = make(repo, "rollback")
    assert back.returncode == 0, back.stderr
    assert f"make rollback IL=tekirdag EDITION={second}" in back.stdout  # how to undo it
    assert make(repo, "push").returncode == 0
    assert remote_versions(bare) == {second: [], EDITION: ["guncel"]}
    assert f"../{EDITION}/" in git(bare, "show", f"{BRANCH}:guncel/index.html")
    assert {f"{TAG}{second}", f"{TAG}{EDITION}-duzeltme-4"} <= set(remote_tags(bare))


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
