"""Shared fixtures: one real site build per test session, served by the project's own server,
Debian's chromium for pytest-playwright, and the browser error guard on every page."""

from __future__ import annotations

import json
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
from eimza import load_data
from eimza.editions import load_editions
from eimza_site.browser import CHROMIUM, FLAGS
from eimza_site.pages.facts import data_files

ROOT = Path(__file__).resolve().parent.parent

# Every build the tests make (the session site, editions, the editors' copies: each data
# variant has its own snapshot) compresses quickly: best brotli takes 40–50 s a snapshot on
# a slow 2-core machine, and no reader downloads these. Inherited by every subprocess.
os.environ.setdefault("EIMZA_COMPRESS", "quick")


# The session site's directorate: EIMZA_IL's (an id or a folder), else make's default; the
# non-browser tests follow it (`EIMZA_IL=mersin pytest -m "not browser"`), the browser suite
# runs on the default. Its edition: the directorate's first one in its own editions file (a
# past, published state), so that what the pages say does not move with the calendar. Tests
# that need another edition or today's build their own site.
SESSION_FILES = data_files()
SESSION_IL = SESSION_FILES.folder.name
SESSION_EDITION = load_editions(SESSION_FILES.editions)[0].date.isoformat()  # = first_edition(…)


def build_site(
    dest: Path, config: Path | None = None, cwd: Path = ROOT, env: dict[str, str | None] | None = None
) -> Path:
    """Build the site with mkdocs --strict into dest, with `env` added to (a copy of) the
    environment (a value None removes the variable); fail the test with mkdocs' output."""
    cmd = [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(dest)]
    if config is not None:
        cmd += ["-f", str(config)]
    full = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    for key, value in (env or {}).items():
        if value is None:
            full.pop(key, None)
        else:
            full[key] = value
    proc = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, env=full)
    if proc.returncode != 0:
        pytest.fail(f"mkdocs build failed:\n{proc.stdout}\n{proc.stderr}")
    return dest


@pytest.fixture(scope="session")
def site_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_site(tmp_path_factory.mktemp("site") / "site", env={"EIMZA_EDITION": SESSION_EDITION})


def first_edition(il: str) -> str:
    """A directorate's first edition (its editions file): a past, published state. `il`: an id
    under data/iller/ or a folder (a fixture), as EIMZA_IL takes it."""
    return load_editions(data_files(il).editions)[0].date.isoformat()


@pytest.fixture(scope="session")
def directorate_site(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Any:
    """`directorate_site(il)`: a directorate's site (`il` as EIMZA_IL takes it), built once a
    session (strict, its first edition, as published); the session directorate's is the session
    site. A fixture directorate's is built without the calculator's snapshot (cheaper: its
    calculator is checked on the plain boot, the shipped ones' on both)."""
    built: dict[str, Path | str] = {}  # the site, or why its build failed (said once per test)

    def get(il: str) -> Path:
        folder = data_files(il).folder.resolve()
        key = str(folder)  # an id and a path to the same folder: one build
        if key not in built:
            try:
                if folder == SESSION_FILES.folder.resolve():
                    built[key] = request.getfixturevalue("site_dir")
                else:
                    env = {"EIMZA_IL": il, "EIMZA_EDITION": first_edition(il)}
                    if folder.parent != (ROOT / "data" / "iller").resolve():
                        env["EIMZA_NO_SNAPSHOT"] = "1"
                    dest = tmp_path_factory.mktemp(f"site-{folder.name}") / "site"
                    built[key] = build_site(dest, env=env)
            except pytest.fail.Exception as failed:
                built[key] = str(failed)
        found = built[key]
        if isinstance(found, str):
            pytest.fail(found)
        return found

    return get


@pytest.fixture(scope="session")
def directorate_parity(directorate_site: Any, tmp_path_factory: pytest.TempPathFactory) -> Any:
    """`directorate_parity(il)`: scripts/parity.mjs on that directorate's site, once a session:
    the engine's case table and, given apart ("cases"), its cases file (case_files)."""
    from calc_helpers import run_parity
    from case_files import directorates, load, message

    runs: dict[str, dict[str, Any]] = {}
    files = {d.folder.resolve(): d.cases for d in directorates()}

    def get(il: str) -> dict[str, Any]:
        folder = data_files(il).folder.resolve()
        if str(folder) not in runs:
            options = {o.id for o in load_data(folder).options}
            cases = files.get(folder)
            messages = [message(c, options) for c in load(cases)] if cases else []
            path = tmp_path_factory.mktemp(f"parity-{folder.name}") / "cases.json"
            path.write_text(json.dumps(messages, ensure_ascii=False, default=str), encoding="utf-8")
            runs[str(folder)] = run_parity(directorate_site(il), f"--cases={path}")
        return runs[str(folder)]

    return get


@pytest.fixture(scope="session")
def site_url(site_dir: Path) -> Iterator[str]:
    from eimza_site.preview.serve import make_server

    srv = make_server(site_dir, "127.0.0.1", 0)
    thread = threading.Thread(target=srv.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{srv.server_address[1]}"
    srv.shutdown()


@pytest.fixture(scope="session")
def mike_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A gh-pages tree as mike leaves it: two editions, the alias, versions.json (site_trees)."""
    from site_trees import mike_tree

    return mike_tree(tmp_path_factory.mktemp("mike") / "root")


@pytest.fixture(scope="session")
def mike_url(mike_dir: Path) -> Iterator[str]:
    from eimza_site.preview.serve import make_server

    srv = make_server(mike_dir, "127.0.0.1", 0)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{srv.server_address[1]}"
    srv.shutdown()


@pytest.fixture
def guard(context: BrowserContext, site_url: str) -> Iterator[BrowserGuard]:
    """Every browser test's error guard (tests/browser_guard.py): fails the test at teardown
    on an undeclared page error, console error/warning (pages, workers, service workers) or
    a request leaving the origin."""
    g = BrowserGuard(site_url)
    g.watch(context)
    # Playwright's own note in the modules that run without service workers (they route the
    # runtime's files: browser_context_args(service_workers="block"))
    g.expect(r"^warning: Service Worker registration blocked by Playwright", "no offline copy here", False)
    yield g
    g.check()


@pytest.fixture
def context(context: BrowserContext, request: pytest.FixtureRequest) -> BrowserContext:
    """pytest-playwright's context. In a test (or module) marked `eimza_today("YYYY-MM-DD")`
    that day is the calculator's today in Türkiye on every page (`window.__eimzaToday`; the
    reader's clock otherwise)."""
    mark = request.node.get_closest_marker("eimza_today")
    if mark is not None:
        context.add_init_script(f"window.__eimzaToday = {json.dumps(mark.args[0])};")
    return context


@pytest.fixture
def page(page: Page, guard: BrowserGuard) -> Page:
    """pytest-playwright's page, always under the guard."""
    return page


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": FLAGS}
