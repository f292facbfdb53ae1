"""One edition, one truth, in the browser (issue 10): pages, live calculator and offline copy
show the same edition's amounts; editions on one origin keep their own offline copies.

Two editions are built from data copies (tests/edition_builds.py) with different prices for
the 3-year NES in the tariff period attested on 12 March 2024; the expected totals are
computed from those prices and the attested mini-reader price, not by the engine. They are
served by a small test server that sends every file with `Cache-Control: max-age=600` (as
hosts such as GitHub Pages send HTML), under /<name>/ prefixes that a test can repoint."""

from __future__ import annotations

import json
import re
import threading
import time
from collections.abc import Iterator
from decimal import Decimal
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, ClassVar
from urllib.parse import unquote, urlsplit

import pytest
from playwright.sync_api import BrowserContext, Page, Response, expect

from browser_guard import BrowserGuard, wait_ready
from calc_helpers import check_no_personal_data, expect_answer, fill_case
from edition_builds import ATTESTED_DAY, build, data_copy, first_family_doctor_total, manifest_of
from eimza import money

pytestmark = pytest.mark.browser

A_GROSS, B_GROSS = Decimal("840.00"), Decimal("900.00")
A_DATE, B_DATE = "13 Mart 2024", "14 Mart 2024"
HASH = f"#durum=first&gorev=family-doctor&tarih={ATTESTED_DAY.isoformat()}"
CALC = "ucret-hesaplama/"
SEARCH_OFFLINE = (
    (r"^error: Failed to load resource: .* @ .*/search/search_index\.json$", "offline: search index"),
    (r"^pageerror: Error: Network error$", "Material's search, offline"),
)


@pytest.fixture(scope="module")
def editions(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Edition A (2024-03-13) and edition B (2024-03-14), each a published edition of its own
    data copy, each with its snapshot."""
    tmp = tmp_path_factory.mktemp("editions")
    out = {}
    for name, gross, day in (("a", A_GROSS, "2024-03-13"), ("b", B_GROSS, "2024-03-14")):
        data = data_copy(tmp / f"data-{name}", gross, ((day, f"Deneme baskısı {name}."),))
        out[name] = build(tmp / f"site-{name}", data=data, edition=day)
    return out


class _Handler(SimpleHTTPRequestHandler):
    """Serves /<name>/<path> from server.roots[name], every answer with max-age=600."""

    extensions_map: ClassVar[dict[str, str]] = {
        **SimpleHTTPRequestHandler.extensions_map,
        ".js": "text/javascript",
        ".mjs": "text/javascript",
        ".wasm": "application/wasm",
        ".bin": "application/octet-stream",
        ".json": "application/json",
        ".svg": "image/svg+xml",
    }

    def translate_path(self, path: str) -> str:
        name, _, rest = unquote(urlsplit(path).path).lstrip("/").partition("/")
        root = self.server.roots.get(name)  # type: ignore[attr-defined]
        return str(root / rest) if root else "/nonexistent/"

    def do_GET(self) -> None:
        self.server.seen.append(urlsplit(self.path).path)  # type: ignore[attr-defined]
        super().do_GET()

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "max-age=600")
        super().end_headers()

    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture(scope="module")
def server(editions: dict[str, Path]) -> Iterator[Any]:
    srv = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    srv.roots = {}  # type: ignore[attr-defined]
    srv.seen = []  # type: ignore[attr-defined]
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    srv.origin = f"http://127.0.0.1:{srv.server_address[1]}"  # type: ignore[attr-defined]
    yield srv
    srv.shutdown()


@pytest.fixture
def guarded(context: BrowserContext, server: Any) -> Iterator[BrowserGuard]:
    """The shared error guard, for this module's own origin, with the HTTP cache on."""
    g = BrowserGuard(server.origin)
    g.watch(context, abort_foreign=False)  # no route: Playwright keeps the HTTP cache on
    yield g
    g.check()


def test_the_unrouted_guard_fails_on_a_foreign_request(context: BrowserContext, site_url: str) -> None:
    """This module's guard does not route (the HTTP cache stays on): a request to another
    origin is still recorded, and check() fails on it."""
    g = BrowserGuard(site_url)
    g.watch(context, abort_foreign=False)
    page = context.new_page()
    page.goto(f"{site_url}/")
    other = site_url.replace("127.0.0.1", "localhost") + "/"  # same server, another origin
    try:
        page.goto(other)  # it may load (with its own files) or fail: either way it is foreign
    except Exception:
        pass
    assert g.foreign and g.foreign[0] == other, g.foreign
    assert all(url.startswith(other) for url in g.foreign), g.foreign
    with pytest.raises(AssertionError, match="requests left the origin"):
        g.check()


def sw_cache(site: Path, scope: str) -> str:
    """The cache name the edition's sw.js uses in `scope` (its config's cache + the scope)."""
    sw = (site / "sw.js").read_text("utf-8")
    cfg = json.loads(re.search(r"const CONFIG = (\{.*?\n\});", sw, re.S).group(1))  # type: ignore[union-attr]
    return f"{cfg['cache']} {scope}"


def tl(amount: Decimal) -> str:
    return str(money.format_tl(amount))


def live_total(page: Page) -> Any:
    return page.get_by_role("region", name="Sonuç").locator("[data-total]")


def static_total(page: Page) -> Any:
    """The static answer (no-JS table) of a family doctor's first application."""
    return page.locator(
        '#eimza-static .eimza-static-answer[data-case="first"][data-role="family-doctor"] [data-total]'
    )


def expect_edition(page: Page, gross: Decimal, offline_date: str | None) -> None:
    """Live answer and static table both give this edition's total; the offline notice is
    shown (naming `offline_date`) or hidden."""
    total = first_family_doctor_total(gross)
    wait_ready(page)
    expect(live_total(page)).to_have_attribute("data-total", str(total))
    expect(live_total(page)).to_have_text(tl(total))
    expect(static_total(page)).to_have_text(tl(total))
    notice = page.locator("[data-eimza-offline]")
    if offline_date is None:
        expect(notice).to_be_hidden()
    else:
        expect(notice).to_be_visible()
        expect(notice).to_have_text(
            f"Çevrim dışı kopya: {offline_date} baskısı; tutarlar güncel olmayabilir."
        )


def visit(page: Page, url: str) -> None:
    """A new visit (a goto to the URL already shown, hash and all, would not reload)."""
    page.goto("about:blank")
    page.goto(url)


def until(page: Page, js: str, timeout: float = 60.0) -> None:
    """Poll an async expression in the page until it is true (wait_for_function does not
    wait for a promise's value)."""
    deadline = time.monotonic() + timeout
    while not page.evaluate(js):
        assert time.monotonic() < deadline, f"never true: {js}"
        page.wait_for_timeout(200)


def wait_controlled(page: Page, cache: str, gone: str | None = None) -> None:
    """This edition's worker is active and controls the page (so its cache is filled); the
    other cache `gone` (its own scope's older edition) is deleted."""
    until(
        page,
        "navigator.serviceWorker.getRegistration().then(r => !!r && !r.installing && !r.waiting"
        " && !!r.active && r.active.state === 'activated' && !!navigator.serviceWorker.controller)",
    )
    until(page, f"caches.keys().then(k => k.includes({cache!r}))")
    if gone is not None:
        until(page, f"caches.keys().then(k => !k.includes({gone!r}))")


# --- item 1: pages and calculator from the same data ---


def test_pages_and_calculator_show_the_modified_data(
    context: BrowserContext, server: Any, editions: dict[str, Path], guarded: BrowserGuard
) -> None:
    """Built from a modified data copy: the live answer (snapshot path) and the static table
    on the calculator page, and the static answer on the family doctors' page, all give the
    total of the modified price."""
    server.roots["a"] = editions["a"]
    total = tl(first_family_doctor_total(A_GROSS))
    assert total == "1.140,00 TL"  # 840,00 + 300,00: the edit, not the shipped 1.080,00
    page = context.new_page()
    visit(page, f"{server.origin}/a/{CALC}{HASH}")
    expect_edition(page, A_GROSS, None)
    visit(page, f"{server.origin}/a/aile-hekimleri/")
    answer = page.locator('.eimza-static-answer[data-case="first"][data-role="family-doctor"] [data-total]')
    expect(answer).to_have_text(total)


# --- item 3: the offline copy is the edition's own, and says so ---


def test_new_edition_behind_max_age(
    context: BrowserContext, server: Any, editions: dict[str, Path], guarded: BrowserGuard
) -> None:
    """Edition A, then the same URL serves edition B. Offline before B's worker installs: A's
    copy, saying it is A's. Online: B at once. After B's worker installs, offline: B's copy,
    every precached file from the worker's cache (the HTTP cache is emptied first)."""
    for pattern, why in SEARCH_OFFLINE:
        guarded.expect(pattern, why, required=False)
    server.roots["cur"] = editions["a"]
    url = f"{server.origin}/cur/{CALC}{HASH}"
    cache_a, cache_b = sw_cache(editions["a"], "/cur/"), sw_cache(editions["b"], "/cur/")
    assert cache_a != cache_b
    page = context.new_page()
    visit(page, url)
    expect_edition(page, A_GROSS, None)
    wait_controlled(page, cache_a)

    server.roots["cur"] = editions["b"]
    context.set_offline(True)
    visit(page, url)
    expect_edition(page, A_GROSS, A_DATE)

    context.set_offline(False)
    visit(page, url)
    expect_edition(page, B_GROSS, None)  # network first, revalidated: not A's page from max-age
    wait_controlled(page, cache_b, gone=cache_a)

    context.new_cdp_session(page).send("Network.clearBrowserCache")
    context.set_offline(True)
    responses: list[Response] = []
    page.on("response", lambda r: responses.append(r))
    page.reload()
    expect_edition(page, B_GROSS, B_DATE)
    seen = {urlsplit(r.url).path: r for r in responses}
    m = manifest_of(editions["b"])
    for rel in (CALC, m["snapshot"], m["pyodide"] + "pyodide.asm.wasm", m["worker"]):
        assert seen[f"/cur/{rel}"].from_service_worker, rel
    context.set_offline(False)


def test_new_worker_started_from_another_page_caches_the_new_page(
    context: BrowserContext, server: Any, editions: dict[str, Path], guarded: BrowserGuard
) -> None:
    """B's worker is found on a visit to another page (the home page), while the HTTP cache
    still holds A's calculator page (max-age): its precache bypasses that cache, so it
    installs with B's page, and offline the calculator is B's."""
    for pattern, why in SEARCH_OFFLINE:
        guarded.expect(pattern, why, required=False)
    server.roots["cur"] = editions["a"]
    url = f"{server.origin}/cur/{CALC}{HASH}"
    cache_a, cache_b = sw_cache(editions["a"], "/cur/"), sw_cache(editions["b"], "/cur/")
    page = context.new_page()
    visit(page, url)
    expect_edition(page, A_GROSS, None)
    wait_controlled(page, cache_a)
    server.roots["cur"] = editions["b"]
    visit(page, f"{server.origin}/cur/")
    wait_controlled(page, cache_b, gone=cache_a)
    context.set_offline(True)
    visit(page, url)
    expect_edition(page, B_GROSS, B_DATE)
    context.set_offline(False)


def test_second_edition_keeps_the_first_ones_offline_copy(
    context: BrowserContext, server: Any, editions: dict[str, Path], guarded: BrowserGuard
) -> None:
    """Editions under /a/ and /b/ on one origin (as mike publishes them): visiting B does not
    delete A's copy; offline, A still answers with A's amounts and its own date. B's worker
    deletes the copy an older sw.js made for B's scope (an unscoped name holding B's page),
    and nothing else: not an old copy of A's scope, not another application's cache."""
    for pattern, why in SEARCH_OFFLINE:
        guarded.expect(pattern, why, required=False)
    server.roots.update(a=editions["a"], b=editions["b"])
    cache_a, cache_b = sw_cache(editions["a"], "/a/"), sw_cache(editions["b"], "/b/")
    page = context.new_page()
    visit(page, f"{server.origin}/a/{CALC}{HASH}")
    expect_edition(page, A_GROSS, None)
    wait_controlled(page, cache_a)
    # caches as an sw.js of before scoped names left them ("eimza-calculator-<hex>", holding
    # its scope's page), and one of another application holding the same URL
    old_b, old_a, other = "eimza-calculator-0123456789ab", "eimza-calculator-ba9876543210", "baska-uygulama"
    page.evaluate(
        """async (caches_) => {
          for (const [name, path] of caches_) {
            await (await caches.open(name)).put(new URL(path, location.href).href, new Response("eski"));
          }
        }""",
        [[old_b, f"/b/{CALC}"], [old_a, f"/a/{CALC}"], [other, f"/b/{CALC}"]],
    )
    visit(page, f"{server.origin}/b/{CALC}{HASH}")
    expect_edition(page, B_GROSS, None)
    wait_controlled(page, cache_b, gone=old_b)
    assert {cache_a, old_a, other} <= set(page.evaluate("caches.keys()"))
    context.set_offline(True)
    visit(page, f"{server.origin}/a/{CALC}{HASH}")
    expect_edition(page, A_GROSS, A_DATE)
    visit(page, f"{server.origin}/b/{CALC}{HASH}")
    expect_edition(page, B_GROSS, B_DATE)
    context.set_offline(False)


def test_worker_refuses_a_page_of_another_build(
    context: BrowserContext, server: Any, editions: dict[str, Path], guarded: BrowserGuard
) -> None:
    """B's sw.js, but the page it precaches is A's (a stale cache between them): B's worker
    does not install, and A's offline copy stays A's."""
    guarded.expect(
        r"^warning: Error: eimza sw: the calculator page is not of build", "B's worker refuses A's page"
    )
    for pattern, why in SEARCH_OFFLINE:
        guarded.expect(pattern, why, required=False)
    server.roots["cur"] = editions["a"]
    cache_a, cache_b = sw_cache(editions["a"], "/cur/"), sw_cache(editions["b"], "/cur/")
    page = context.new_page()
    visit(page, f"{server.origin}/cur/{CALC}{HASH}")
    expect_edition(page, A_GROSS, None)
    wait_controlled(page, cache_a)
    mixed = editions["a"].parent / "mixed"
    if not mixed.exists():
        mixed.mkdir()
        for item in editions["b"].iterdir():
            target = editions["a"] / item.name if item.name == "ucret-hesaplama" else item
            (mixed / item.name).symlink_to(target)
    server.roots["cur"] = mixed
    del server.seen[:]
    page.evaluate("navigator.serviceWorker.getRegistration().then(r => r.update()).catch(() => null)")
    wheel_b = "/cur/" + manifest_of(editions["b"])["wheel"]
    until(page, "navigator.serviceWorker.getRegistration().then(r => !r.installing && !r.waiting)")
    assert wheel_b in server.seen  # B's worker did try to install (it fetched B's files)
    assert cache_b not in page.evaluate("caches.keys()")
    context.set_offline(True)
    visit(page, f"{server.origin}/cur/{CALC}{HASH}")
    expect_edition(page, A_GROSS, A_DATE)
    context.set_offline(False)


# --- the offline visit on the project's own server (moved from test_calculator_browser.py) ---


def test_calculator_offline_after_one_visit(
    page: Page, site_url: str, site_dir: Path, guard: BrowserGuard
) -> None:
    """After one visit the page and its runtime come from the worker's cache (the HTTP cache
    is emptied first), and an answer with a person's data leaves no trace anywhere."""
    page.goto(f"{site_url}/{CALC}")
    wait_ready(page)
    wait_controlled(page, sw_cache(site_dir, "/"))
    page.context.new_cdp_session(page).send("Network.clearBrowserCache")
    page.context.set_offline(True)
    for pattern, why in SEARCH_OFFLINE:
        guard.expect(pattern, why, required=False)
    responses: list[Response] = []
    page.on("response", lambda r: responses.append(r))
    page.reload()
    wait_ready(page)
    expect(page.locator("[data-eimza-offline]")).to_be_visible()
    seen = {urlsplit(r.url).path: r for r in responses}
    m = manifest_of(site_dir)
    for rel in (CALC, m["snapshot"], m["pyodide"] + "pyodide.asm.wasm"):
        assert seen[f"/{rel}"].from_service_worker, rel
    case = {"situation": "lost", "role": "staff", "date": "2024-03-12", "with_reader": True}
    fill_case(page, case, person=True)
    expect_answer(page, case)
    check_no_personal_data(page, guard)
    page.context.set_offline(False)
