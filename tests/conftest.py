"""Shared fixtures: one real site build per test session, served by the project's own server,
Debian's chromium for pytest-playwright, and the browser error guard on every page."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import BrowserContext, Page

from browser_guard import BrowserGuard
from eimza_site.browser import CHROMIUM, FLAGS

ROOT = Path(__file__).resolve().parent.parent


def build_site(dest: Path, config: Path | None = None, cwd: Path = ROOT) -> Path:
    """Build the site with mkdocs --strict into dest; fail the test with mkdocs' output."""
    cmd = [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(dest)]
    if config is not None:
        cmd += ["-f", str(config)]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    proc = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, env=env)
    if proc.returncode != 0:
        pytest.fail(f"mkdocs build failed:\n{proc.stdout}\n{proc.stderr}")
    return dest


@pytest.fixture(scope="session")
def site_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_site(tmp_path_factory.mktemp("site") / "site")


@pytest.fixture(scope="session")
def site_url(site_dir: Path) -> Iterator[str]:
    from eimza_site.serve import make_server

    srv = make_server(site_dir, "127.0.0.1", 0)
    thread = threading.Thread(target=srv.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{srv.server_address[1]}"
    srv.shutdown()


@pytest.fixture
def guard(context: BrowserContext, site_url: str) -> Iterator[BrowserGuard]:
    """Every browser test's error guard (tests/browser_guard.py): fails the test at teardown
    on an undeclared page error, console error/warning (pages, workers, service workers) or
    a request leaving the origin."""
    g = BrowserGuard(site_url)
    g.watch(context)
    yield g
    g.check()


@pytest.fixture
def page(page: Page, guard: BrowserGuard) -> Page:
    """pytest-playwright's page, always under the guard."""
    return page


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": FLAGS}
