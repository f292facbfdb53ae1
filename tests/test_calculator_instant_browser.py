"""Instant answers in the browser (chromium): with no person typed and the form's date inside
an interval of the page's table, the result region shows the engine's build-time answer for
that case, the same HTML the worker's call gives (computed here natively), without any
Python: the worker, Pyodide and the snapshot are blocked entirely. The answer is there at
first paint, put in by the page's inline script before calculator-*.mjs runs (held back
here). A person typed, or a date outside every interval, and the worker answers; while it is
loading the region says so. With Save-Data or a slow connection (emulated by an init script
that gives `navigator.connection` {saveData, effectiveType}) no Python byte is asked for until
first need: a date outside the intervals, or focus on a person's field."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, Route, expect

import eimza
from browser_guard import BrowserGuard as Guard
from calc_helpers import NAME, SURNAME, TCKN, fill_case, hold, release, wait_for
from conftest import SESSION_EDITION
from edition_builds import with_national
from eimza import instant
from eimza.web import handle
from eimza_site.pages import facts
from engine_facts import shipped_text, with_unknown_period
from instant_helpers import BLOCK, NO_PERSON, page_table, worker_html

pytestmark = pytest.mark.browser

CALC = "#eimza-calc"
BLOCKED = ("**/worker-*.mjs", "**/assets/pyodide/**", "**/snapshot-*.bin", "**/*.whl")
RUNTIME = re.compile(r"/assets/pyodide/|/worker-[^/]*\.mjs$|/snapshot-[^/]*\.bin$|\.whl$")
CALC_PAGE = re.compile(r".*/ucret-hesaplama/(#.*)?$")


def link(site_url: str, case: dict[str, Any]) -> str:
    p = {"durum": case["situation"], "gorev": case["role"]}
    if "date" in case:
        p["tarih"] = case["date"]
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


def runtime_requests(guard: Guard) -> list[str]:
    return [r.url for r in guard.requests if RUNTIME.search(r.url)]


def connection(save_data: bool = False, effective_type: str = "4g") -> str:
    """An init script: navigator.connection as a browser with Save-Data / a slow link reports it."""
    value = json.dumps({"saveData": save_data, "effectiveType": effective_type})
    getter = f"{{configurable: true, get: () => ({value})}}"
    return f"Object.defineProperty(Navigator.prototype, 'connection', {getter});"


@pytest.mark.parametrize("dated", [True, False], ids=["tarih-today", "no-tarih"])
def test_cold_link_for_today_answers_at_first_paint(
    page: Page, site_url: str, guard: Guard, dated: bool
) -> None:
    # "today" is the edition's day in Türkiye: 01:30 there, 22:30 UTC the day before
    edition = dt.date.fromisoformat(SESSION_EDITION)
    utc = dt.datetime.combine(edition - dt.timedelta(days=1), dt.time(22, 30), dt.UTC)
    page.clock.set_fixed_time(utc)
    case = {"situation": "renewal", "role": "family-doctor", "electronic": False, "date": SESSION_EDITION}
    asked = block_python(page, guard)
    held = hold(page, "**/calculator-*.mjs")
    page.goto(
        link(site_url, case if dated else {k: v for k, v in case.items() if k != "date"}), wait_until="commit"
    )
    wait_for(page, held)
    calc = page.locator(CALC)
    # calculator-*.mjs has not run (held): the inline script painted the engine's answer
    expect(calc).to_have_attribute("data-answer", "instant")
    expect(page.locator("#eimza-form").get_by_label("Ödeme tarihi")).to_have_value(SESSION_EDITION)
    expected = worker_html(case, edition, eimza.load_data())
    shown_equals(page, expected)
    assert page.locator("#eimza-result button.eimza-copy").count() == 0  # calculator.mjs adds these
    release(page, "**/calculator-*.mjs", held)
    # the module takes over: the answer stays (Python is blocked, the page says why in the console)
    expect(calc).to_have_attribute("data-state", "failed")
    expect(page.locator("#eimza-result [data-copy] + button.eimza-copy").first).to_be_visible()
    expect(calc).to_have_attribute("data-answer", "instant")
    shown_equals(page, expected)
    assert asked, "the page did not even try to start Python"
    # nothing changed yet: the answer shown at first paint is not announced
    page.wait_for_timeout(1500)
    expect(page.locator("#eimza-announce")).to_have_text("")


def test_a_link_with_an_impossible_date_paints_no_answer(page: Page, site_url: str, guard: Guard) -> None:
    block_python(page, guard)
    held = hold(page, "**/calculator-*.mjs")
    page.goto(f"{site_url}/ucret-hesaplama/#durum=first&gorev=staff&tarih=2024-02-30", wait_until="commit")
    wait_for(page, held)
    expect(page.locator("#eimza-result .eimza-progress")).to_be_visible()
    assert page.locator(CALC).get_attribute("data-answer") is None
    release(page, "**/calculator-*.mjs", held)
    # calculator.mjs says what is wrong with the date; still no answer
    expect(page.locator("#eimza-date-msg")).to_contain_text("2024-02-30")
    expect(page.locator(CALC)).to_have_attribute("data-answer", "none")


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
    held = hold(page, "**/*.wasm")  # Python held back at first
    case = next(c for c in inside(site_dir) if c["situation"] == "first" and c["role"] == "family-doctor")
    page.goto(link(site_url, case))
    calc = page.locator(CALC)
    expect(calc).to_have_attribute("data-answer", "instant")
    form = page.locator("#eimza-form")
    form.get_by_label("Ad", exact=True).fill(NAME)
    # not the table's answer any more: the region says that the calculator is loading
    expect(calc).to_have_attribute("data-answer", "none")
    expect(page.locator("#eimza-result .eimza-progress")).to_contain_text(
        re.compile(r"Hesaplayıcı (hazırlanıyor…|indiriliyor: %\d{1,3})")  # the download's progress
    )
    form.get_by_label("Soyad", exact=True).fill(SURNAME)  # the form stays usable meanwhile
    form.get_by_label("T.C. Kimlik No").fill(TCKN)
    wait_for(page, held, "the worker did not ask for the wasm")
    release(page, "**/*.wasm", held)
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


def test_save_data_asks_for_no_python_until_a_date_outside_the_interval(
    page: Page, site_url: str, site_dir: Path, guard: Guard
) -> None:
    page.add_init_script(connection(save_data=True))
    _, table = page_table(site_dir)
    key = next(k for k, v in table.items() if v and v[0]["to"] < "9999-12-31")
    inside_day = next(c["date"] for c in inside(site_dir) if instant.case_key(c) == key)
    page.goto(link(site_url, {**json.loads(key), "date": inside_day}))
    calc = page.locator(CALC)
    expect(calc).to_have_attribute("data-answer", "instant")
    page.wait_for_load_state("networkidle")
    assert runtime_requests(guard) == []
    note = page.locator('[data-eimza-lazy="save-data"]')
    expect(note).to_be_visible()
    expect(note).to_contain_text("Veri tasarrufu")
    # first need: a date outside the page's intervals; the worker loads and answers it
    day = dt.date.fromisoformat(table[key][0]["to"]) + dt.timedelta(days=1)
    case = {**json.loads(key), "date": day.isoformat()}
    fill_case(page, case)
    expect(calc).to_have_attribute("data-answer", "worker", timeout=60_000)
    shown_equals(page, worker_html(case, day, eimza.load_data()))
    assert runtime_requests(guard)
    expect(note).to_be_hidden()


def test_slow_connection_starts_python_on_focus_on_a_person_field(
    page: Page, site_url: str, site_dir: Path, guard: Guard
) -> None:
    page.add_init_script(connection(effective_type="3g"))
    case = next(c for c in inside(site_dir) if c["situation"] == "first" and c["role"] == "family-doctor")
    page.goto(link(site_url, case))
    calc = page.locator(CALC)
    expect(calc).to_have_attribute("data-answer", "instant")
    page.wait_for_load_state("networkidle")
    assert runtime_requests(guard) == []
    expect(page.locator('[data-eimza-lazy="slow"]')).to_be_visible()
    page.locator("#eimza-form").get_by_label("Soyad", exact=True).focus()
    # the worker starts, takes over the same answer and is ready for the description
    expect(calc).to_have_attribute("data-state", "ready", timeout=60_000)
    expect(calc).to_have_attribute("data-answer", "worker")
    assert runtime_requests(guard)
    shown_equals(page, worker_html(case, dt.date.fromisoformat(case["date"]), eimza.load_data()))


def test_unknown_amount_cases_answer_at_once_on_a_copy_with_an_unknown_period(
    page: Page, site_url: str, guard: Guard, tmp_path: Path
) -> None:
    """The page carries the instant table built from a data copy with an unknown period (the
    edition's date inside it): every tariff-unknown case answers from it, Python blocked."""
    text, start = with_unknown_period(shipped_text())
    folder = with_national(tmp_path / "data", text)
    day = start + dt.timedelta(days=40)
    choice = facts.choose(str(folder), day.isoformat())
    copy = choice.data

    def calc_page(route: Route) -> None:
        html = route.fetch().text()
        block = f'<script type="application/json" id="eimza-instant">{facts.instant_json(choice)}</script>'
        changed, n = BLOCK.subn(lambda _m: block, html)
        assert n == 1
        route.fulfill(status=200, body=changed, content_type="text/html; charset=utf-8")

    page.route(CALC_PAGE, calc_page)
    block_python(page, guard)
    unknown = []
    for c in instant.form_cases(choice.data):
        message = {"case": {**c, "date": day.isoformat()}, "person": NO_PERSON}
        answer = json.loads(handle(json.dumps(message, ensure_ascii=False), copy))["answer"]
        if not answer["ok"] and answer["error"]["code"] == "tariff-unknown":
            unknown.append({**c, "date": day.isoformat()})
    assert unknown
    page.goto(link(site_url, unknown[0]))
    calc = page.locator(CALC)
    for case in unknown:
        fill_case(page, case)
        expect(calc).to_have_attribute("data-answer", "instant")
        shown_equals(page, worker_html(case, day, copy))
        expect(page.locator("#eimza-result [data-error=tariff-unknown]")).to_be_visible()


def test_a_change_made_just_before_leaving_is_the_case_on_return(
    page: Page, site_url: str, site_dir: Path, guard: Guard
) -> None:
    """The hash follows the form a moment after a change; leaving the page at once still
    writes it, so back on the page the form shows the reader's case, not the link's."""
    block_python(page, guard)
    case = next(c for c in inside(site_dir) if c["situation"] == "first" and c["role"] == "family-doctor")
    page.goto(link(site_url, case))
    expect(page.locator(CALC)).to_have_attribute("data-answer", "instant")
    form = page.locator("#eimza-form")
    form.get_by_label("Diğer sağlık çalışanı", exact=True).check()
    page.evaluate("() => { location.href = new URL('../', location.href).href; }")  # no wait
    page.wait_for_url(re.compile(r"/$"))
    page.go_back()
    expect(page).to_have_url(re.compile(r"gorev=staff"))
    expect(form.get_by_label("Diğer sağlık çalışanı", exact=True)).to_be_checked()


def test_the_table_of_contents_links_still_lead_to_the_static_answers(page: Page, site_url: str) -> None:
    """On the calculator page Material's scroll spy is off (it measured every heading at each
    new answer); the contents list stays, as plain links."""
    page.set_viewport_size({"width": 1400, "height": 900})
    page.goto(f"{site_url}/ucret-hesaplama/")
    toc = page.locator(".md-sidebar--secondary nav[aria-label='İçindekiler']")
    expect(toc.get_by_role("link", name="Hazır yanıtlar")).to_be_visible()
    expect(page.locator("#hazir-yanitlar")).not_to_be_in_viewport()
    toc.get_by_role("link", name="Hazır yanıtlar").click()
    expect(page.locator("#hazir-yanitlar")).to_be_in_viewport()
