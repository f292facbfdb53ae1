"""The snapshot's content is checked (issue 10, item 2): its SHA-256 before the restore, and
after the restore one fixed question (the probe) whose reply must be the build's. A changed
snapshot means a plain boot that answers correctly, never an answer from changed memory."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, Route, expect

import eimza
from browser_guard import BrowserGuard, wait_ready
from conftest import SESSION_EDITION
from eimza_site.pages import csp

# Playwright's page.route does not see what a service worker's static route sends to the
# network (the runtime's files once the edition's worker controls the page): these tests,
# which route the runtime's files, run without it (the offline copy has its own tests).
pytestmark = [
    pytest.mark.browser,
    pytest.mark.browser_context_args(service_workers="block"),
    pytest.mark.eimza_today("2024-03-12"),  # a reader on the day of HASH
]

CASE = {"situation": "first", "role": "family-doctor", "date": "2024-03-12"}
HASH = "#durum=first&gorev=family-doctor&tarih=2024-03-12"


def _snapshot(site_dir: Path) -> bytes:
    return next((site_dir / "assets" / "calculator").glob("snapshot-*.bin")).read_bytes()


def _iban_changed(snapshot: bytes) -> tuple[str, bytes]:
    """The snapshot with every copy of the IBAN's bytes changed, same length."""
    iban = eimza.load_data().facts_on(dt.date.fromisoformat(SESSION_EDITION)).iban
    wrong = "TR99" + iban[4:]
    assert wrong != iban and snapshot.count(iban.encode()) >= 1
    changed = snapshot.replace(iban.encode(), wrong.encode())
    assert len(changed) == len(snapshot) and changed != snapshot
    return wrong, changed


def _serve(page: Page, body: bytes) -> None:
    page.route(
        "**/snapshot-*.bin",
        lambda route: route.fulfill(status=200, body=body, content_type="application/octet-stream"),
    )


def _expect_correct_answer(page: Page, wrong_iban: str) -> None:
    """The live answer is the native engine's, with the data's IBAN."""
    region = page.get_by_role("region", name="Sonuç")  # an ordinary region (issue 13)
    q = eimza.quote(CASE)
    iban = q["payment"]["iban"]
    expect(region.locator("[data-total]")).to_have_attribute("data-total", q["payment"]["total"])
    expect(region.locator(f'code[data-copy="{iban}"]')).to_have_count(1)
    expect(region).not_to_contain_text(wrong_iban)
    expect(region).not_to_contain_text(eimza.group_iban(wrong_iban))


def test_changed_snapshot_bytes_boot_plainly(
    page: Page, site_url: str, site_dir: Path, guard: BrowserGuard
) -> None:
    """Same length, other bytes (the IBAN): the digest refuses it before the restore."""
    wrong, changed = _iban_changed(_snapshot(site_dir))
    _serve(page, changed)
    guard.expect(
        r"^warning: eimza calculator: snapshot unusable, fetching it again past the cache: .*digest mismatch",
        "the changed snapshot is refused, and fetched once more past the cache",
    )
    guard.expect(
        r"^warning: eimza calculator: snapshot unusable, booting plainly: .*digest mismatch",
        "the changed snapshot is refused again",
    )
    page.goto(f"{site_url}/ucret-hesaplama/{HASH}")
    wait_ready(page, "plain")
    _expect_correct_answer(page, wrong)


def test_probe_catches_a_changed_snapshot_that_passes_the_digest(
    page: Page, site_url: str, site_dir: Path, guard: BrowserGuard
) -> None:
    """The page's manifest is made to carry the changed file's digest: the digest check passes,
    and the probe (the restored engine's reply to the build's fixed question) catches it."""
    snapshot = _snapshot(site_dir)
    wrong, changed = _iban_changed(snapshot)
    _serve(page, changed)
    good, bad = hashlib.sha256(snapshot).hexdigest(), hashlib.sha256(changed).hexdigest()

    def calc_page(route: Route) -> None:
        html = route.fetch().text()
        assert len(re.findall(good, html)) == 1  # the boot script's manifest
        # the boot script changed: its CSP hash with it
        changed_page = csp.rehash(html.replace(good, bad))
        route.fulfill(status=200, body=changed_page, content_type="text/html; charset=utf-8")

    page.route(re.compile(r".*/ucret-hesaplama/(#.*)?$"), calc_page)
    guard.expect(
        r"^warning: eimza calculator: snapshot unusable, booting plainly: .*probe reply differs",
        "the restored engine answers the probe with the changed IBAN",
    )
    page.goto(f"{site_url}/ucret-hesaplama/{HASH}")
    wait_ready(page, "plain")
    _expect_correct_answer(page, wrong)
