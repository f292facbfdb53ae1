"""No hang: each fault of a plain host or a bad link ends within a bound in the Turkish failure
message with a "Yeniden dene" button (or, for a stalled snapshot, in a plain boot), the static
tables stay, and "Yeniden dene" recovers once the fault is gone (in chromium; Firefox and
WebKitGTK: tests/test_engines.py). Runtime files whose bytes differ from the manifest's
digest are fetched once more past the cache; the download's progress shows in the result
region.

Bounds (the test waits at most this long for the end state): wrong .wasm type, cut or changed
.wasm and missing calculator script 60 s; stalled snapshot: the stall limit (3 s here through
`window.__eimzaStallMs`; 15 s by default) plus a plain boot; any other fault: the boot
watchdog, no progress for 45 s (3 s here through `window.__eimzaWatchMs`)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import Page, Route, expect

from browser_guard import BrowserGuard, wait_ready
from conftest import SESSION_EDITION
from instant_helpers import page_table

# Playwright's page.route does not see what a service worker's static route sends to the
# network (the runtime's files once the edition's worker controls the page): these tests,
# which route the runtime's files, run without it (the offline copy has its own tests).
pytestmark = [pytest.mark.browser, pytest.mark.browser_context_args(service_workers="block")]

STATE = "() => document.getElementById('eimza-calc').dataset.state !== 'loading'"
FAILED = "Hesaplayıcı bu tarayıcıda çalıştırılamadı"
CALC = "#eimza-calc"
# the edition's own day: the page's instant table answers it (asserted where it matters)
INSTANT = f"#durum=first&gorev=family-doctor&tarih={SESSION_EDITION}"
INSTANT_KEY = '{"role":"family-doctor","situation":"first"}'


def _wasm(site_dir: Path) -> bytes:
    return next((site_dir / "assets" / "pyodide").glob("*/pyodide.asm.wasm")).read_bytes()


def _changed(data: bytes) -> bytes:
    """Other bytes at the same length (one byte in the middle flipped)."""
    mid = len(data) // 2
    return data[:mid] + bytes([data[mid] ^ 0xFF]) + data[mid + 1 :]


def _recovers(page: Page, pattern: str) -> None:
    result = page.get_by_role("region", name="Sonuç")
    expect(result).to_contain_text(FAILED)
    expect(page.locator("#eimza-static")).to_be_visible()
    page.unroute(pattern)  # the host is fixed
    # refetched past the cache, then reloaded: the new document's load (not any navigation:
    # the calculator writes the form's case into the hash at pagehide, a same-document
    # navigation of the old page, which is still the failed one)
    with page.expect_event("load", timeout=60_000):
        page.get_by_role("button", name="Yeniden dene").click()
    wait_ready(page, "snapshot")
    page.locator("#eimza-form").get_by_label("Yenileme", exact=True).check()
    expect(result.locator("ol.eimza-steps > li").first).to_be_visible()


def _ends_failed_then_recovers(
    page: Page, site_url: str, pattern: str, handler: Callable[[Route], None]
) -> None:
    page.route(pattern, handler)
    page.goto(f"{site_url}/ucret-hesaplama/")
    page.wait_for_function(STATE, timeout=60_000)
    _recovers(page, pattern)


def _pyodide_reports(guard: BrowserGuard) -> None:
    guard.expect(
        r"^warning: (wasm instantiation failed!|Error: |CompileError)", "Pyodide's report", required=False
    )


def _expect_wasm_refused_twice(guard: BrowserGuard) -> None:
    """A .wasm whose digest is wrong on every fetch: each path's first try, its refetch, then
    the plain path's end."""
    guard.expect(
        r"^warning: eimza calculator: .*wasm: digest mismatch, fetching it again", "each path's first try"
    )
    guard.expect(
        r"^warning: eimza calculator: snapshot unusable, booting plainly: .*wasm: digest mismatch \(twice",
        "the snapshot path's second try",
    )
    guard.expect(r"^warning: eimza calculator: Error: .*wasm: digest mismatch \(twice", "the plain path's")
    _pyodide_reports(guard)


def test_wasm_served_as_octet_stream(page: Page, site_url: str, site_dir: Path, guard: BrowserGuard) -> None:
    wasm = _wasm(site_dir)
    guard.expect(
        r"^warning: eimza calculator: snapshot unusable, booting plainly: .*not application/wasm",
        "the snapshot path's own check",
    )
    guard.expect(r"^warning: eimza calculator: Error: .*not application/wasm", "the plain path's own check")
    _pyodide_reports(guard)
    _ends_failed_then_recovers(
        page,
        site_url,
        "**/*.wasm",
        lambda r: r.fulfill(status=200, body=wasm, content_type="application/octet-stream"),
    )


@pytest.mark.parametrize("fault", ["cut-short", "changed"])
def test_wasm_bad_for_good_ends_in_the_message(
    page: Page, site_url: str, site_dir: Path, guard: BrowserGuard, fault: str
) -> None:
    """Served with 200 every time, cut short or with changed bytes at the same length."""
    wasm = _wasm(site_dir)
    body = wasm[:1_000_000] if fault == "cut-short" else _changed(wasm)
    _expect_wasm_refused_twice(guard)
    _ends_failed_then_recovers(
        page,
        site_url,
        "**/*.wasm",
        lambda r: r.fulfill(status=200, body=body, content_type="application/wasm"),
    )


def test_wasm_changed_once_is_fetched_again_past_the_cache(
    page: Page, site_url: str, site_dir: Path, guard: BrowserGuard
) -> None:
    """Changed bytes at the same length, once (a bad cached copy): one refetch with
    cache: "reload", and the snapshot path goes on."""
    changed = _changed(_wasm(site_dir))
    asked: list[str] = []

    def once(route: Route) -> None:
        asked.append(route.request.url)
        if len(asked) == 1:
            route.fulfill(status=200, body=changed, content_type="application/wasm")
        else:
            route.continue_()

    guard.expect(
        r"^warning: eimza calculator: .*wasm: digest mismatch, fetching it again", "the changed copy"
    )
    page.route("**/*.wasm", once)
    page.goto(f"{site_url}/ucret-hesaplama/")
    wait_ready(page, "snapshot")
    assert len(asked) == 2, asked
    page.locator("#eimza-form").get_by_label("Yenileme", exact=True).check()
    expect(page.get_by_role("region", name="Sonuç").locator("ol.eimza-steps > li").first).to_be_visible()


def test_snapshot_changed_once_is_fetched_again(
    page: Page, site_url: str, site_dir: Path, guard: BrowserGuard
) -> None:
    snapshot = next((site_dir / "assets" / "calculator").glob("snapshot-*.bin")).read_bytes()
    changed = _changed(snapshot)
    asked: list[str] = []

    def once(route: Route) -> None:
        asked.append(route.request.url)
        if len(asked) == 1:
            route.fulfill(status=200, body=changed, content_type="application/octet-stream")
        else:
            route.continue_()

    guard.expect(
        r"^warning: eimza calculator: snapshot unusable, fetching it again past the cache: .*digest mismatch",
        "",
    )
    _pyodide_reports(guard)
    page.route("**/snapshot-*.bin", once)
    page.goto(f"{site_url}/ucret-hesaplama/")
    wait_ready(page, "snapshot")
    assert len(asked) == 2, asked


def test_missing_calculator_script(page: Page, site_url: str, guard: BrowserGuard) -> None:
    guard.expect(r"^error: Failed to load resource: .*404", "the missing calculator-*.mjs")
    _ends_failed_then_recovers(
        page, site_url, "**/calculator-*.mjs", lambda r: r.fulfill(status=404, body=b"")
    )


def test_stalled_snapshot_boots_plainly(page: Page, site_url: str, guard: BrowserGuard) -> None:
    guard.expect(r"^warning: eimza calculator: snapshot unusable, booting plainly: .*stalled", "stall limit")
    page.add_init_script("window.__eimzaStallMs = 3000")
    page.route("**/snapshot-*.bin", lambda route: None)  # never answered
    page.goto(f"{site_url}/ucret-hesaplama/")
    wait_ready(page, "plain")
    page.locator("#eimza-form").get_by_label("Yenileme", exact=True).check()
    expect(page.get_by_role("region", name="Sonuç").locator("ol.eimza-steps > li").first).to_be_visible()


@pytest.mark.eimza_today(SESSION_EDITION)  # a reader on the day of INSTANT
def test_watchdog_ends_any_stall_and_keeps_an_instant_answer(
    page: Page, site_url: str, site_dir: Path, guard: BrowserGuard
) -> None:
    """A fault no check knows (Pyodide's script never answered): the boot watchdog gives up
    after no progress for its bound; the instant answer on screen stays (with a person typed,
    the status line says that the description cannot be written); a case without one shows
    the message; "Yeniden dene" recovers once the script comes."""
    guard.expect(r"^warning: eimza calculator: no progress for 3000 ms", "the watchdog")
    page.add_init_script("window.__eimzaWatchMs = 3000")
    pattern = "**/pyodide.asm.mjs"
    page.route(pattern, lambda route: None)  # never answered
    page.goto(f"{site_url}/ucret-hesaplama/{INSTANT}")
    calc = page.locator(CALC)
    expect(calc).to_have_attribute("data-answer", "instant")
    form = page.locator("#eimza-form")
    form.get_by_label("Ad", exact=True).fill("Ayşe")  # intent: Python starts (and stalls)
    expect(calc).to_have_attribute("data-state", "failed", timeout=60_000)
    expect(calc).to_have_attribute("data-answer", "instant")
    result = page.get_by_role("region", name="Sonuç")
    expect(result.locator("[data-total]")).to_be_visible()
    expect(page.locator("#eimza-status")).to_have_text(
        "Ödeme açıklaması yazılamadı: hesaplayıcı bu tarayıcıda çalıştırılamadı."
    )
    day = _no_instant_day(site_dir, INSTANT_KEY).isoformat()
    form.get_by_label("Ödeme tarihi").fill(day)
    expect(page).to_have_url(re.compile(f"tarih={day}"))  # (the hash follows: no navigation later)
    _recovers(page, pattern)


def _no_instant_day(site_dir: Path, key: str) -> dt.date:
    """A day the page's instant table does not answer for the case `key` (it holds only the
    intervals around the edition's day): the worker's answer is waited for."""
    intervals = page_table(site_dir)[1].get(key, [])
    first = min((i["from"] for i in intervals), default="2024-01-02")
    last = max((i["to"] for i in intervals), default="2024-01-01")
    if first > "2019-01-01":  # the form's min
        return dt.date.fromisoformat(first) - dt.timedelta(days=1)
    assert last < "2099-12-31", intervals  # the form's max
    return dt.date.fromisoformat(last) + dt.timedelta(days=1)


def test_progress_shows_in_the_region_without_announcements(
    page: Page, site_url: str, site_dir: Path
) -> None:
    """On a slow link the loading line counts the download in Turkish ("%42"), rising, then
    says that the calculator is being prepared; the live region is not fed per chunk."""
    day = _no_instant_day(site_dir, INSTANT_KEY)
    page.add_init_script(f"window.__eimzaToday = '{day.isoformat()}';")  # the link's day
    page.add_init_script(
        """window.__lines = []; window.__said = [];
        new MutationObserver(() => {
          const line = document.querySelector("#eimza-result [data-eimza-loading] > span");
          const text = line ? line.textContent : null;
          if (text && window.__lines[window.__lines.length - 1] !== text) window.__lines.push(text);
          const said = document.getElementById("eimza-announce")?.textContent;
          if (said && window.__said[window.__said.length - 1] !== said) window.__said.push(said);
        }).observe(document, { subtree: true, childList: true, characterData: true });"""
    )
    cdp = page.context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send(
        "Network.emulateNetworkConditions",
        {"offline": False, "latency": 20, "downloadThroughput": 1_500_000, "uploadThroughput": -1},
    )
    page.goto(f"{site_url}/ucret-hesaplama/#durum=first&gorev=family-doctor&tarih={day.isoformat()}")
    expect(page.locator(CALC)).not_to_have_attribute("data-answer", "instant")
    wait_ready(page, "snapshot")
    lines: list[str] = page.evaluate("window.__lines")
    said: list[str] = page.evaluate("window.__said")
    counted = [
        int(m.group(1)) for t in lines if (m := re.fullmatch(r"Hesaplayıcı indiriliyor: %(\d{1,3})", t))
    ]
    assert all(
        t == "Hesaplayıcı hazırlanıyor…" or re.fullmatch(r"Hesaplayıcı indiriliyor: %\d{1,3}", t)
        for t in lines
    ), lines
    assert len([n for n in counted if 0 < n < 100]) >= 2, lines
    assert counted == sorted(counted), lines
    assert lines[-1] == "Hesaplayıcı hazırlanıyor…", lines
    assert len([s for s in said if s.startswith("Hesaplayıcı")]) <= 1, said
