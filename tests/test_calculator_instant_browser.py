"""Instant answers in the browser (chromium): with no person typed and the form's date inside
an interval of the page's table, the result region shows the engine's build-time answer for
that case, the same HTML the worker's call gives (computed here natively), without any
Python: the worker, Pyodide and the snapshot are blocked entirely. A person typed, or a date
outside every interval, and the worker answers; while it is loading the region says so."""

from __future__ import annotations

import datetime as dt
import json
import time
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, Route, expect

import eimza
from browser_guard import BrowserGuard as Guard
from calc_helpers import NAME, SURNAME, TCKN, fill_case
from conftest import SESSION_EDITION
from instant_helpers import page_table, worker_html

pytestmark = pytest.mark.browser

CALC = "#eimza-calc"
BLOCKED = ("**/worker-*.mjs", "**/assets/pyodide/**", "**/snapshot-*.bin", "**/*.whl")


def link(site_url: str, case: dict[str, Any]) -> str:
    p = {"durum": case["situation"], "gorev": case["role"], "tarih": case["date"]}
    if case.get("electronic") is False:
        p["islak"] = "1"
    if case.get("with_reader"):
        p["okuyucu"] = "1"
    return f"{site_url}/ucret-hesaplama/#" + "&".join(f"{k}={v}" for k, v in p.items())


def inside(site_dir: Path) -> list[dict[str, Any]]:
    """A dated case for every key of the page's table, on a day inside its interval next to
    the edition's (the day after, else the day before, else the edition's own)."""
    _, table = page_table(site_dir)
    edition = dt.date.fromisoformat(SESSION_EDITION)
    out = []
    for key, intervals in sorted(table.items()):
        for i in intervals:
            first, last = dt.date.fromisoformat(i["from"]), dt.date.fromisoformat(i["to"])
            after, before = edition + dt.timedelta(days=1), edition - dt.timedelta(days=1)
            day = after if after <= last else before if before >= first else edition
            out.append({**json.loads(key), "date": day.isoformat()})
    return out


def shown_equals(page: Page, expected_html: str) -> None:
    """The result region holds exactly this engine HTML (the page's Kopyala buttons aside),
    compared as the browser parses both."""
    got = page.evaluate(
        """(html) => {
          const region = document.getElementById('eimza-result').cloneNode(true);
          for (const b of region.querySelectorAll('button.eimza-copy')) b.remove();
          const t = document.createElement('template');
          t.innerHTML = html;
          const d = document.createElement('div');
          d.append(t.content.cloneNode(true));
          return [region.innerHTML, d.innerHTML];
        }""",
        expected_html,
    )
    assert got[0] == got[1]


def block_python(page: Page, guard: Guard) -> list[str]:
    asked: list[str] = []

    def abort(route: Route) -> None:
        asked.append(route.request.url)
        route.abort()

    for pattern in BLOCKED:
        page.route(pattern, abort)
    guard.expect(r"^warning: eimza calculator: ", "the worker is blocked: the page says why", False)
    guard.expect(r"^error: Failed to load resource", "the blocked requests", False)
    return asked


def test_shared_link_answers_at_once_with_python_blocked(
    page: Page, site_url: str, site_dir: Path, guard: Guard
) -> None:
    cases = inside(site_dir)
    assert any(c["role"] == "family-doctor" for c in cases)  # a paying case, with amounts
    data = eimza.load_data()
    asked = block_python(page, guard)
    first = next(c for c in cases if c["role"] == "family-doctor")
    page.goto(link(site_url, first))
    expect(page.locator(CALC)).to_have_attribute("data-answer", "instant")
    shown_equals(page, worker_html(first, dt.date.fromisoformat(first["date"]), data))
    expect(page.locator("#eimza-result [data-copy] + button.eimza-copy").first).to_be_visible()
    # every change of the form: the table's answer for the new case, still without Python
    for case in cases:
        fill_case(page, case)
        expect(page.locator(CALC)).to_have_attribute("data-answer", "instant")
        expected = worker_html(case, dt.date.fromisoformat(case["date"]), data)
        shown_equals(page, expected)
    assert asked, "the page did not even try to start Python"


def test_a_person_typed_makes_the_worker_answer(page: Page, site_url: str, site_dir: Path) -> None:
    held: list[Route] = []
    page.route("**/*.wasm", lambda route: held.append(route))  # Python held back at first
    case = next(c for c in inside(site_dir) if c["situation"] == "first" and c["role"] == "family-doctor")
    page.goto(link(site_url, case))
    calc = page.locator(CALC)
    expect(calc).to_have_attribute("data-answer", "instant")
    form = page.locator("#eimza-form")
    form.get_by_label("Ad", exact=True).fill(NAME)
    # not the table's answer any more: the region says that the calculator is loading
    expect(calc).to_have_attribute("data-answer", "none")
    expect(page.locator("#eimza-result .eimza-progress")).to_contain_text("Hesaplayıcı hazırlanıyor")
    form.get_by_label("Soyad", exact=True).fill(SURNAME)  # the form stays usable meanwhile
    form.get_by_label("T.C. Kimlik No").fill(TCKN)
    deadline = time.monotonic() + 60
    while not held and time.monotonic() < deadline:  # poll, no fixed wait
        page.wait_for_timeout(50)
    assert held, "the worker did not ask for the wasm"
    for route in held:
        route.continue_()
    page.unroute("**/*.wasm")
    expect(calc).to_have_attribute("data-answer", "worker", timeout=60_000)
    person = {"name": NAME, "surname": SURNAME, "tckn": TCKN}
    description = eimza.quote({**case, **person})["payment"]["description"]
    expect(page.locator(f'#eimza-result code[data-copy="{description}"]')).to_have_text(description)
    assert TCKN in description


def test_a_date_outside_every_interval_gets_the_workers_answer(
    page: Page, site_url: str, site_dir: Path
) -> None:
    _, table = page_table(site_dir)
    key = next(k for k, v in table.items() if v and v[0]["to"] < "9999-12-31")
    day = dt.date.fromisoformat(table[key][0]["to"]) + dt.timedelta(days=1)
    case = {**json.loads(key), "date": day.isoformat()}
    assert not any(i["from"] <= case["date"] <= i["to"] for i in table[key])
    page.goto(link(site_url, case))
    calc = page.locator(CALC)
    expect(calc).to_have_attribute("data-answer", "worker", timeout=60_000)
    expect(calc).to_have_attribute("data-state", "ready")
    shown_equals(page, worker_html(case, day, eimza.load_data()))
