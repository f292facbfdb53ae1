"""Instant answers in the browser (chromium): with no person typed and the form's date inside
an interval of the page's table, the result region shows the engine's build-time answer for
that case, the same HTML the worker's call gives (computed here natively), without any
Python: the worker, Pyodide and the snapshot are blocked entirely. The answer is there at
first paint, put in by the page's inline script before calculator-*.mjs runs (held back
here). Python starts on intent only (issue 23): a cold visit asks for no Python byte at all
(nor does the offline copy the service worker makes); focus on Ad starts the worker, the
instant answer stays while it loads (the region's status line says so, also what waits for
it once a person is typed) and the worker writes the description; a link whose date no
interval holds starts it at once, before calculator-*.mjs has run."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

import eimza
from browser_guard import BrowserGuard as Guard
from calc_helpers import NAME, SURNAME, TCKN, fill_case, hold, release, wait_for
from conftest import SESSION_EDITION
from edition_builds import with_national
from eimza import instant
from eimza.web import handle
from eimza_site.pages import facts
from engine_facts import shipped_text, with_unknown_period
from instant_helpers import (
    NO_PERSON,
    block_python,
    inside,
    link,
    outside,
    serve_instant,
    shown_equals,
    worker_html,
)

# Playwright's page.route does not see what a service worker's static route sends to the
# network (the runtime's files once the edition's worker controls the page): these tests,
# which route the runtime's files, run without it (the offline copy has its own tests).
pytestmark = [pytest.mark.browser, pytest.mark.browser_context_args(service_workers="block")]

CALC = "#eimza-calc"
STATUS = "#eimza-status"
RUNTIME = re.compile(r"/assets/pyodide/|/worker-[^/]*\.mjs$|/snapshot-[^/]*\.bin$|\.whl$")


def runtime_requests(guard: Guard) -> list[str]:
    return [r.url for r in guard.requests if RUNTIME.search(r.url)]


def service_worker_done(page: Page) -> None:
    """The edition's service worker is active and its offline copy made (it keeps the pages
    at install)."""
    page.wait_for_function(
        "() => navigator.serviceWorker.getRegistration().then(r => !!r && !!r.active"
        " && r.active.state === 'activated')",
        timeout=60_000,
    )
    page.wait_for_function("() => caches.keys().then(k => k.length > 0)", timeout=60_000)


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
    # the module takes over: the answer stays, and nothing needs Python
    expect(page.locator("#eimza-result [data-copy] + button.eimza-copy").first).to_be_visible()
    expect(calc).to_have_attribute("data-answer", "instant")
    expect(calc).to_have_attribute("data-state", "idle")
    shown_equals(page, expected)
    # nothing changed yet: the answer shown at first paint is not announced
    page.wait_for_timeout(1500)
    expect(page.locator("#eimza-announce")).to_have_text("")
    assert not asked, "a visit without intent asked for Python"


def test_a_link_with_an_impossible_date_paints_no_answer(page: Page, site_url: str, guard: Guard) -> None:
    block_python(page, guard)
    held = hold(page, "**/calculator-*.mjs")
    page.goto(f"{site_url}/ucret-hesaplama/#durum=first&gorev=staff&tarih=2024-02-30", wait_until="commit")
    wait_for(page, held)
    expect(page.locator("#eimza-result .eimza-progress")).to_be_visible()
    assert page.locator(CALC).get_attribute("data-answer") is None
    release(page, "**/calculator-*.mjs", held)
    # calculator.mjs says what is wrong with the date; still no answer, and no Python for it
    expect(page.locator("#eimza-date-msg")).to_contain_text("2024-02-30")
    expect(page.locator(CALC)).to_have_attribute("data-answer", "none")
    expect(page.locator(CALC)).to_have_attribute("data-state", "idle")


@pytest.mark.eimza_today(SESSION_EDITION)  # a reader on the edition's day
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
    assert not asked, "a change the table answers asked for Python"


@pytest.mark.eimza_today(SESSION_EDITION)  # a reader on the edition's day
@pytest.mark.browser_context_args(service_workers="allow")  # its offline copy is measured
def test_a_cold_visit_without_intent_asks_for_no_python(
    page: Page, site_url: str, site_dir: Path, guard: Guard
) -> None:
    """A shared link the table answers, the page left alone until its offline copy is made:
    no request for the worker, Pyodide, the snapshot or the wheel, the service worker's own
    included; then focus on Ad, and the worker is asked for."""
    case = next(c for c in inside(site_dir) if c["role"] == "family-doctor")
    page.goto(link(site_url, case))
    calc = page.locator(CALC)
    expect(calc).to_have_attribute("data-answer", "instant")
    service_worker_done(page)
    page.wait_for_load_state("networkidle")
    expect(calc).to_have_attribute("data-state", "idle")
    assert runtime_requests(guard) == []
    page.locator("#eimza-form").get_by_label("Ad", exact=True).focus()
    expect(calc).to_have_attribute("data-state", "ready", timeout=60_000)
    assert [u for u in runtime_requests(guard) if "/worker-" in u]


@pytest.mark.eimza_today(SESSION_EDITION)  # a reader on the edition's day
def test_focus_on_ad_starts_python_and_the_description_appears(
    page: Page, site_url: str, site_dir: Path
) -> None:
    held = hold(page, "**/*.wasm")  # Python held back at first
    case = next(c for c in inside(site_dir) if c["situation"] == "first" and c["role"] == "family-doctor")
    page.goto(link(site_url, case))
    calc = page.locator(CALC)
    expect(calc).to_have_attribute("data-answer", "instant")
    expected = worker_html(case, dt.date.fromisoformat(case["date"]), eimza.load_data())
    form = page.locator("#eimza-form")
    form.get_by_label("Ad", exact=True).focus()  # intent (as a keyboard or a screen reader gives it)
    wait_for(page, held, "focus on Ad did not start the worker")
    # the instant answer stays; the region says that the calculator is loading
    expect(calc).to_have_attribute("data-state", "loading")
    loading = re.compile(r"^Hesaplayıcı (hazırlanıyor…|indiriliyor: %\d{1,3})")
    expect(page.locator(STATUS)).to_have_text(loading)
    shown_equals(page, expected)
    form.get_by_label("Ad", exact=True).fill(NAME)
    form.get_by_label("Soyad", exact=True).fill(SURNAME)  # the form stays usable meanwhile
    form.get_by_label("T.C. Kimlik No").fill(TCKN)
    # the case's answer stays, without the person, and the status line says what waits for Python
    expect(calc).to_have_attribute("data-answer", "instant")
    shown_equals(page, expected)
    expect(page.locator(STATUS)).to_contain_text("Ödeme açıklaması, hesaplayıcı hazır olunca yazılacak.")
    release(page, "**/*.wasm", held)
    expect(calc).to_have_attribute("data-answer", "worker", timeout=60_000)
    person = {"name": NAME, "surname": SURNAME, "tckn": TCKN}
    description = eimza.quote({**case, **person})["payment"]["description"]
    expect(page.locator(f'#eimza-result code[data-copy="{description}"]')).to_have_text(description)
    assert TCKN in description
    expect(page.locator(STATUS)).to_be_hidden()


def test_a_link_outside_every_interval_starts_python_at_once(
    page: Page, site_url: str, site_dir: Path
) -> None:
    """Only Python answers the link's date: the page's inline script starts the worker
    before calculator-*.mjs has run (held back here); then the worker answers."""
    case = outside(site_dir)
    page.add_init_script(f"window.__eimzaToday = {json.dumps(case['date'])};")  # the link's day
    held = hold(page, "**/calculator-*.mjs")
    workers: list[str] = []
    page.on("request", lambda r: workers.append(r.url) if "/worker-" in r.url else None)
    page.goto(link(site_url, case), wait_until="commit")
    wait_for(page, held)
    wait_for(page, workers, "the link's case did not start the worker")
    calc = page.locator(CALC)
    expect(calc).to_have_attribute("data-state", "loading")
    release(page, "**/calculator-*.mjs", held)
    expect(calc).to_have_attribute("data-answer", "worker", timeout=60_000)
    expect(calc).to_have_attribute("data-state", "ready")
    shown_equals(page, worker_html(case, dt.date.fromisoformat(case["date"]), eimza.load_data()))


@pytest.mark.eimza_today(SESSION_EDITION)  # a reader on the edition's day
def test_a_change_to_a_date_outside_every_interval_starts_python(
    page: Page, site_url: str, site_dir: Path, guard: Guard
) -> None:
    case = outside(site_dir)
    start = next(c for c in inside(site_dir) if instant.case_key(c) == instant.case_key(case))
    page.goto(link(site_url, start))
    calc = page.locator(CALC)
    expect(calc).to_have_attribute("data-answer", "instant")
    expect(calc).to_have_attribute("data-state", "idle")
    fill_case(page, case)
    expect(calc).to_have_attribute("data-answer", "worker", timeout=60_000)
    shown_equals(page, worker_html(case, dt.date.fromisoformat(case["date"]), eimza.load_data()))
    assert runtime_requests(guard)


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

    serve_instant(page, facts.instant_json(choice))
    block_python(page, guard)
    unknown = []
    for c in instant.form_cases(choice.data):
        message = {"case": {**c, "date": day.isoformat()}, "person": NO_PERSON}
        answer = json.loads(handle(json.dumps(message, ensure_ascii=False), copy))["answer"]
        if not answer["ok"] and answer["error"]["code"] == "tariff-unknown":
            unknown.append({**c, "date": day.isoformat()})
    assert unknown
    page.add_init_script(f"window.__eimzaToday = {json.dumps(day.isoformat())};")  # the copy's edition's day
    page.goto(link(site_url, unknown[0]))
    calc = page.locator(CALC)
    for case in unknown:
        fill_case(page, case)
        expect(calc).to_have_attribute("data-answer", "instant")
        shown_equals(page, worker_html(case, day, copy))
        expect(page.locator("#eimza-result [data-error=tariff-unknown]")).to_be_visible()


@pytest.mark.eimza_today(SESSION_EDITION)  # a reader on the edition's day
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
