"""`make serve`'s preview as an editor meets it, in Chromium, on a copy of the project (fixture
data): a saved data edit reaches the open page by itself (the time it takes is printed, never
asserted: speed targets belong to `make bench`), and a problem `make check` refuses while the
site still builds (a `verified` date in the future) is shown on the page as a banner naming
the file, the line and the check's own message, until it is fixed."""

from __future__ import annotations

import datetime as dt
import re
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import BrowserContext, Page, expect

from browser_guard import BrowserGuard
from editor_helpers import DATA_REL, IL_REL, copy_project, env_for, py

pytestmark = [pytest.mark.browser]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def preview(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    """`python -m eimza_site.preview.serve --watch` (what `make serve` runs) in a copy of the project."""
    repo = copy_project(tmp_path_factory.mktemp("onizleme") / "proje")
    port = _free_port()
    cmd = [sys.executable, "-m", "eimza_site.preview.serve", "--watch", "--port", str(port)]
    env = env_for(repo)
    env.pop("EIMZA_NO_SNAPSHOT")  # the preview itself decides (it boots the calculator plainly)
    proc = subprocess.Popen(
        cmd, cwd=repo, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    assert proc.stdout is not None
    seen = []
    for line in proc.stdout:
        seen.append(line)
        if f"http://127.0.0.1:{port}/" in line:
            break
    else:
        raise AssertionError("the preview never started:\n" + "".join(seen))
    try:
        yield {"repo": repo, "url": f"http://127.0.0.1:{port}", "proc": proc}
    finally:
        proc.terminate()
        proc.wait(timeout=30)


@pytest.fixture
def guard(context: BrowserContext, preview: dict[str, Any]) -> Iterator[BrowserGuard]:
    """The shared browser error guard (tests/browser_guard.py), on the preview's server."""
    g = BrowserGuard(preview["url"])
    g.watch(context)
    yield g
    g.check()


def _edit(path: Path, pattern: str, replacement: str) -> str:
    """Replace the last match (the newest period's line); return the text before."""
    text = path.read_text(encoding="utf-8")
    found = list(re.finditer(pattern, text, re.M))
    assert found, pattern
    last = found[-1]
    path.write_text(text[: last.start()] + replacement + text[last.end() :], encoding="utf-8")
    return text


def test_a_data_edit_reaches_the_open_page(
    preview: dict[str, Any], page: Page, capsys: pytest.CaptureFixture[str], record_property: Any
) -> None:
    data = preview["repo"] / IL_REL / "il.toml"  # the directorate's file: its e-mail
    page.goto(f"{preview['url']}/iletisim/")
    old = re.search(r'^emails = \["([^"]+)"\]', data.read_text(encoding="utf-8"), re.M)
    assert old
    article = page.locator("article")
    expect(article).to_contain_text(old.group(1))
    new = "onizleme.yeni@saglik.gov.tr"
    started = time.monotonic()
    _edit(data, r'^emails = \["[^"]+"\]', f'emails = ["{new}"]')
    expect(article).to_contain_text(new, timeout=120_000)
    seconds = time.monotonic() - started
    record_property("onizleme_yenilenme_sn", round(seconds, 1))
    with capsys.disabled():
        print(f"\nÖnizleme: veri dosyası kaydedildikten sonra açık sayfa {seconds:.1f} sn içinde yenilendi")


def test_a_future_verified_date_is_a_banner(preview: dict[str, Any], page: Page) -> None:
    repo, data = preview["repo"], preview["repo"] / DATA_REL
    future = dt.date.today() + dt.timedelta(days=40)
    before = _edit(data, r"^verified = \d{4}-\d{2}-\d{2}$", f"verified = {future.isoformat()}")
    try:
        line = data.read_text(encoding="utf-8").splitlines().index(f"verified = {future.isoformat()}") + 1
        check = py(repo, "-m", "eimza", "check")
        assert check.returncode == 1, check.stdout
        message = next(x for x in check.stderr.splitlines() if f":{line} [" in x).split("]: ", 1)[1]
        page.goto(f"{preview['url']}/ucret-tarifesi/")
        banner = page.get_by_role("alert")
        expect(banner).to_contain_text("make check", timeout=120_000)
        expect(banner).to_contain_text(f"{DATA_REL.as_posix()}, satır {line}: {message}")
        expect(banner).to_contain_text("yayımlanamaz")
    finally:
        data.write_text(before, encoding="utf-8")
    expect(page.get_by_role("alert")).to_have_count(0, timeout=120_000)
