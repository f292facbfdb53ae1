"""No hang: each fault of a plain host or a bad link ends within a bound in the Turkish failure
message with a "Yeniden dene" button (or, for a stalled snapshot, in a plain boot), the static
tables stay, and "Yeniden dene" recovers once the fault is gone (in chromium; the engines'
own fallback test is in tests/test_engines.py).

Bounds (the test waits at most this long for the end state): wrong .wasm type, cut .wasm and
missing calculator script 60 s; stalled snapshot: the stall limit (set to 3 s here through
`window.__eimzaStallMs`; 15 s by default) plus a plain boot."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import Page, Route, expect

from browser_guard import BrowserGuard, wait_ready

pytestmark = pytest.mark.browser

STATE = "() => document.getElementById('eimza-calc').dataset.state !== 'loading'"
FAILED = "Hesaplayıcı bu tarayıcıda çalıştırılamadı"


def _wasm(site_dir: Path) -> bytes:
    return next((site_dir / "assets" / "pyodide").glob("*/pyodide.asm.wasm")).read_bytes()


def _ends_failed_then_recovers(
    page: Page, site_url: str, pattern: str, handler: Callable[[Route], None]
) -> None:
    page.route(pattern, handler)
    page.goto(f"{site_url}/ucret-hesaplama/")
    page.wait_for_function(STATE, timeout=60_000)
    result = page.get_by_role("region", name="Sonuç")
    expect(result).to_contain_text(FAILED)
    expect(page.locator("#eimza-static")).to_be_visible()
    page.unroute(pattern)  # the host is fixed
    with page.expect_navigation(timeout=60_000):  # refetched past the cache, then reloaded
        page.get_by_role("button", name="Yeniden dene").click()
    wait_ready(page, "snapshot")
    page.locator("#eimza-form").get_by_label("Yenileme", exact=True).check()
    expect(result.locator("ol.eimza-steps > li").first).to_be_visible()


def test_wasm_served_as_octet_stream(page: Page, site_url: str, site_dir: Path, guard: BrowserGuard) -> None:
    wasm = _wasm(site_dir)
    guard.expect(
        r"^warning: eimza calculator: snapshot unusable, booting plainly: .*MIME", "the refused wasm"
    )
    guard.expect(r"^warning: eimza calculator: .*not application/wasm", "the plain path's own check")
    guard.expect(r"^warning: (wasm instantiation failed!|.*MIME type)", "Pyodide's report", required=False)
    _ends_failed_then_recovers(
        page,
        site_url,
        "**/*.wasm",
        lambda r: r.fulfill(status=200, body=wasm, content_type="application/octet-stream"),
    )


def test_wasm_cut_short_with_200(page: Page, site_url: str, site_dir: Path, guard: BrowserGuard) -> None:
    cut = _wasm(site_dir)[:1_000_000]
    guard.expect(
        r"^warning: eimza calculator: snapshot unusable, booting plainly: .*CompileError", "cut wasm"
    )
    guard.expect(
        r"^warning: eimza calculator: .*not a valid WebAssembly module", "the plain path's own check"
    )
    guard.expect(r"^warning: (wasm instantiation failed!|CompileError.*)", "Pyodide's report", required=False)
    _ends_failed_then_recovers(
        page,
        site_url,
        "**/*.wasm",
        lambda r: r.fulfill(status=200, body=cut, content_type="application/wasm"),
    )


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
