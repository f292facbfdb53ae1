"""Dates never mislead (issue 24 item 1) and a bad date is an answer (issue 25 item 4), in
Chromium; the link cases also run in Firefox ESR and WebKitGTK (tests/test_engines.py).

The page's "today" is fixed by the test (`window.__eimzaToday`; the reader's clock in
Türkiye otherwise): a shared link opens on today with the sender's case, the sender's date
offered; that date's answer says first that it is not today's and what holds today (the
engine's head, eimza.dated: the same HTML from the instant table as from the worker); a
link for today says nothing of the kind. Every answer states its date in words, and the
date field has the words beside it. A link's unusable date asks for a date, is echoed
short and inert, and the calculator stays alive past its boot watchdog. Also: copy buttons
are announced, a skip link leads to the form, the home page's family-doctor link lands on
the amount."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect

import eimza
from browser_guard import BrowserGuard
from calc_helpers import fill_case
from conftest import SESSION_EDITION
from eimza import instant
from engine_facts import known_days, tr_date, unknown_days
from instant_helpers import (
    block_python,
    link,
    page_table,
    serve_instant,
    shown_equals,
    worker_head,
    worker_html,
)

# (the page's own service worker stays out: these tests route the page and the runtime)
pytestmark = [pytest.mark.browser, pytest.mark.browser_context_args(service_workers="block")]

DATA = eimza.load_data()
FIRST = {"situation": "first", "role": "family-doctor"}  # pays: its amounts depend on the date
KNOWN = max(day for day, _ in known_days())  # the newest attested day with amounts
UNKNOWN = unknown_days()[-1]  # a day whose amounts the data does not have
CALC = "#eimza-calc"
WHEN = "#eimza-when"
FAILED = "Hesaplayıcı bu tarayıcıda çalıştırılamadı"


def today_is(page: Page, day: dt.date) -> None:
    page.add_init_script(f"window.__eimzaToday = {json.dumps(day.isoformat())};")


def serve_table(page: Page, table: dict[str, Any]) -> None:
    """The calculator page carries `table` as its instant answers (instead of the edition's
    intervals only)."""
    text = json.dumps(table, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    serve_instant(page, text.replace("</", "<\\/"))


def before_any_amount(page: Page, selector: str) -> bool:
    """The element comes before every amount of the result region, in the document's order."""
    return bool(
        page.evaluate(
            """(sel) => {
              const first = document.querySelector(sel);
              const amounts = document.querySelectorAll(
                '.eimza-result [data-total], .eimza-result .eimza-amount, .eimza-result tr[data-item]');
              return !!first && [...amounts].every(a => first.compareDocumentPosition(a)
                & Node.DOCUMENT_POSITION_FOLLOWING && !first.contains(a));
            }""",
            selector,
        )
    )


def unknown_lead(case: dict[str, Any], day: dt.date) -> str:
    """The first sentence of the engine's unknown-amount message on that day."""
    with pytest.raises(eimza.EimzaError) as err:
        eimza.quote({**case, "date": day.isoformat()}, DATA)
    assert err.value.code == "tariff-unknown" and err.value.lead
    return err.value.lead


def test_a_past_link_opens_on_today_and_offers_its_date_without_python(
    page: Page, site_url: str, guard: BrowserGuard
) -> None:
    """The instant path: the page carries every interval (the sender's day and today's), so
    it answers both days itself; the head it writes is the worker's, character for character."""
    table = instant.table(DATA)
    for day in (KNOWN, UNKNOWN):  # precondition: the table answers both days
        assert instant.lookup(table, {**FIRST, "date": day.isoformat()}) is not None, day
    serve_table(page, table)
    asked = block_python(page, guard)
    today_is(page, UNKNOWN)
    page.goto(link(site_url, {**FIRST, "date": KNOWN.isoformat()}))
    calc = page.locator(CALC)
    form = page.locator("#eimza-form")
    expect(calc).to_have_attribute("data-answer", "instant")
    # the reader's today, in words beside the field; the sender's date offered first
    expect(form.get_by_label("Ödeme tarihi")).to_have_value(UNKNOWN.isoformat())
    expect(page.locator("#eimza-date-words")).to_have_text(tr_date(UNKNOWN))
    offer = page.locator("#eimza-link-date")
    expect(offer).to_have_text(
        f"Bu bağlantı {tr_date(KNOWN)} tarihi için paylaşılmış; aşağıdaki yanıt bugünün tarihine göredir."
        f" {tr_date(KNOWN)} tarihinin yanıtını göster"
    )
    assert before_any_amount(page, "#eimza-link-date")
    shown_equals(page, worker_html(FIRST, UNKNOWN, DATA))
    shown_equals(page, worker_head(FIRST, UNKNOWN, UNKNOWN, DATA), "eimza-when")
    expect(page.locator(WHEN)).to_have_text(f"Ödeme tarihi: {tr_date(UNKNOWN)} (bugün)")
    expect(page.locator("#eimza-result [data-error=tariff-unknown]")).to_be_visible()
    expect(page.locator(".eimza-result [data-total]")).to_have_count(0)
    # one tap: the sender's date; its answer says first that it is not today's, and what holds today
    offer.get_by_role("button").click()
    expect(form.get_by_label("Ödeme tarihi")).to_have_value(KNOWN.isoformat())
    expect(offer).to_be_hidden()
    expect(calc).to_have_attribute("data-answer", "instant")
    shown_equals(page, worker_html(FIRST, KNOWN, DATA))
    shown_equals(page, worker_head(FIRST, KNOWN, UNKNOWN, DATA), "eimza-when")
    notice = page.locator(f"{WHEN} .eimza-other-day")
    lead = f"Bu yanıt bugün için değil: {tr_date(KNOWN)} tarihi içindir."
    expect(notice.locator("p").first).to_have_text(lead)
    expect(notice.locator("p").nth(1)).to_have_text(
        f"Bugün ({tr_date(UNKNOWN)}): {unknown_lead(FIRST, UNKNOWN)} Eski tutarları yatırmayın."
    )
    expect(page.locator(f"{WHEN} .eimza-date")).to_have_text(f"Ödeme tarihi: {tr_date(KNOWN)}")
    expect(page.locator(".eimza-result [data-total]")).to_be_visible()  # the sender's day's amount …
    assert before_any_amount(page, f"{WHEN} [data-eimza-say]")  # … after the notice
    summary = json.loads(eimza.web.answer(json.dumps({**FIRST, "date": KNOWN.isoformat()})))["summary"]
    expect(page.locator("#eimza-announce")).to_have_text(f"{lead} {summary}")
    # one tap back to today's answer
    notice.get_by_role("button", name="Bugünün yanıtını göster").click()
    expect(form.get_by_label("Ödeme tarihi")).to_have_value(UNKNOWN.isoformat())
    expect(page.locator("#sonuc")).to_be_focused()  # the pressed button went with its notice
    expect(notice).to_have_count(0)
    shown_equals(page, worker_html(FIRST, UNKNOWN, DATA))
    expect(offer).to_be_visible()  # the link's date stays offered
    # a link for today says nothing of the kind (nor does one without a date)
    for case in ({**FIRST, "date": UNKNOWN.isoformat()}, FIRST):
        page.goto("about:blank")
        page.goto(link(site_url, case))
        expect(calc).to_have_attribute("data-answer", "instant")
        expect(page.locator(WHEN)).to_have_text(f"Ödeme tarihi: {tr_date(UNKNOWN)} (bugün)")
        expect(offer).to_be_hidden()
        expect(page.locator(".eimza-other-day")).to_have_count(0)
    assert not asked, "the page asked for Python"


def test_a_past_link_on_a_day_only_python_answers(page: Page, site_url: str, site_dir: Path) -> None:
    """The edition's page (its table holds only the edition's intervals), today a day whose
    amounts are unknown: the worker answers today's case at once, and the sender's day with
    the notice first."""
    key = instant.case_key(FIRST)
    assert not any(i["from"] <= UNKNOWN.isoformat() <= i["to"] for i in page_table(site_dir)[1][key])
    today_is(page, UNKNOWN)
    page.goto(link(site_url, {**FIRST, "date": KNOWN.isoformat()}))
    calc = page.locator(CALC)
    expect(calc).to_have_attribute("data-answer", "worker", timeout=60_000)
    shown_equals(page, worker_html(FIRST, UNKNOWN, DATA))
    expect(page.locator(WHEN)).to_have_text(f"Ödeme tarihi: {tr_date(UNKNOWN)} (bugün)")
    page.locator("#eimza-link-date").get_by_role("button").click()
    expect(page.locator(f"{WHEN} .eimza-other-day")).to_be_visible()
    shown_equals(page, worker_head(FIRST, KNOWN, UNKNOWN, DATA), "eimza-when")
    shown_equals(page, worker_html(FIRST, KNOWN, DATA))
    expect(page.locator(f"{WHEN} .eimza-other-day")).to_contain_text(f"Bugün ({tr_date(UNKNOWN)}):")
    expect(page.locator(f"{WHEN} .eimza-other-day")).to_contain_text("Eski tutarları yatırmayın.")
    assert before_any_amount(page, f"{WHEN} [data-eimza-say]")


@pytest.mark.eimza_today(SESSION_EDITION)
def test_another_day_whose_amounts_differ_says_todays_total(page: Page, site_url: str) -> None:
    """Today priced (the edition's day), the form set to another priced day with another
    total: the notice gives today's total, in the answer's own words."""
    today = dt.date.fromisoformat(SESSION_EDITION)
    total = eimza.quote({**FIRST, "date": SESSION_EDITION}, DATA)["payment"]["total"]
    totals = {
        day: eimza.quote({**FIRST, "date": day.isoformat()}, DATA, require_amounts=False)["payment"]["total"]
        for day, _ in known_days()
    }
    other = next(day for day, other_total in sorted(totals.items()) if other_total not in (None, total))
    page.goto(link(site_url, FIRST))
    expect(page.locator(CALC)).to_have_attribute("data-answer", "instant")
    fill_case(page, {**FIRST, "date": other.isoformat()})
    notice = page.locator(f"{WHEN} .eimza-other-day")
    expect(notice.locator("p").nth(1)).to_have_text(
        f"Bugün ({tr_date(today)}): Toplam {eimza.format_tl(total)}."
    )
    shown_equals(page, worker_head(FIRST, other, today, DATA), "eimza-when")
    assert before_any_amount(page, f"{WHEN} [data-eimza-say]")


@pytest.mark.browser_context_args(locale="en-US", timezone_id="Europe/Istanbul")
@pytest.mark.eimza_today(SESSION_EDITION)
def test_the_date_field_says_its_day_in_words_in_an_english_browser(page: Page, site_url: str) -> None:
    """An English-UI browser shows 12 Mart 2024 as 03/12/2024 (read as 3 Aralık): the words
    beside the field say which day it is, as typed by the keyboard in that browser's order."""
    page.goto(f"{site_url}/ucret-hesaplama/")
    field = page.locator("#eimza-form").get_by_label("Ödeme tarihi")
    expect(page.locator("#eimza-date-words")).to_have_text(tr_date(dt.date.fromisoformat(SESSION_EDITION)))
    field.focus()
    page.keyboard.type("03122024")  # month, day, year in this browser
    expect(field).to_have_value("2024-03-12")
    expect(page.locator("#eimza-date-words")).to_have_text(tr_date(dt.date(2024, 3, 12)))
    assert "eimza-date-words" in (field.get_attribute("aria-describedby") or "")
    field.fill("")
    expect(page.locator("#eimza-date-words")).to_have_text("")


# The boot watchdog shortened (45 s by default) where a test says so: a wait longer than it
# after the worker is ready stands for the 60 s, since nothing else times the page
# after the boot. The link case waits the real 60 s with the default watchdog.
WATCH_MS = 8000


def past_the_watchdog(page: Page, until_ms: float = 0) -> None:
    """Ready, then still ready with no failure message WATCH_MS + 2 s later, and at least
    until `until_ms` (performance.now()) of the page."""
    expect(page.locator(CALC)).to_have_attribute("data-state", "ready", timeout=90_000)
    page.wait_for_timeout(max(WATCH_MS + 2000, until_ms - page.evaluate("performance.now()")))
    expect(page.locator(CALC)).to_have_attribute("data-state", "ready")
    expect(page.locator(".eimza-result")).not_to_contain_text(FAILED)


def test_a_links_impossible_date_keeps_the_calculator_alive(page: Page, site_url: str) -> None:
    """The issue's case as it was found: the default watchdog, the date typed 60 s after the
    link was opened."""
    page.goto(f"{site_url}/ucret-hesaplama/#durum=first&gorev=family-doctor&tarih=2024-02-30")
    msg = page.locator("#eimza-date-msg")
    expect(msg).to_have_text(
        "Bağlantıdaki tarih (2024-02-30) geçerli bir tarih değil. Ödeme tarihini gün.ay.yıl olarak girin."
    )
    expect(msg.locator("kbd")).to_have_text("2024-02-30")  # shown as typed input
    page.locator("#eimza-form").get_by_label("Ad", exact=True).focus()  # Python starts
    past_the_watchdog(page, until_ms=60_000)
    page.locator("#eimza-form").get_by_label("Ödeme tarihi").fill(KNOWN.isoformat())
    expect(msg).to_be_hidden()
    q = eimza.quote({**FIRST, "date": KNOWN.isoformat()}, DATA)
    expect(page.locator("#eimza-result [data-total]")).to_have_attribute("data-total", q["payment"]["total"])
    expect(page.locator(".eimza-result")).not_to_contain_text(FAILED)


def test_a_date_cleared_before_the_first_answer_keeps_the_calculator_alive(
    page: Page, site_url: str, site_dir: Path
) -> None:
    """Today a day only Python answers: the worker starts at once; the reader clears the date
    before its first answer."""
    today_is(page, UNKNOWN)
    page.add_init_script(f"window.__eimzaWatchMs = {WATCH_MS}")
    page.goto(link(site_url, FIRST))
    expect(page.locator(CALC)).to_have_attribute("data-state", "loading")
    field = page.locator("#eimza-form").get_by_label("Ödeme tarihi")
    field.fill("")
    expect(page.locator("#eimza-date-msg")).to_be_visible()
    past_the_watchdog(page)
    field.fill(UNKNOWN.isoformat())
    expect(page.locator(CALC)).to_have_attribute("data-answer", "worker")  # the worker's answer, once it came
    shown_equals(page, worker_html(FIRST, UNKNOWN, DATA))


def test_a_links_date_is_echoed_short_and_inert(page: Page, site_url: str) -> None:
    """200,000 characters with a right-to-left override and text made to look like the page's:
    the message shows a few of them, without format characters, as typed input."""
    bait = "2024-02-30\u202e\u2066 IBAN TR00 0000 0000 0000 0000 0000 00 yatırın " + "x" * 200_000
    page.goto(f"{site_url}/ucret-hesaplama/#durum=first&gorev=staff&tarih={bait}")
    msg = page.locator("#eimza-date-msg")
    expect(msg).to_be_visible()
    typed = msg.locator("kbd").text_content() or ""
    assert typed == "2024-02-30 I…", typed  # 12 characters, the formatting ones gone
    text = msg.text_content() or ""
    assert text.startswith("Bağlantıdaki tarih (2024-02-30 I…) geçerli bir tarih değil.") and len(text) < 120
    assert not re.search(r"[\u200b-\u200f\u202a-\u202e\u2066-\u2069]", text)
    assert msg.locator("kbd").get_attribute("dir") == "ltr"


@pytest.mark.eimza_today(SESSION_EDITION)
def test_copy_buttons_say_what_was_copied(page: Page, site_url: str) -> None:
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.goto(link(site_url, {**FIRST, "date": SESSION_EDITION}))
    live = page.locator("#eimza-announce")
    for term in ("IBAN", "Açıklama"):
        button = page.locator("#eimza-result").get_by_role("button", name=f"{term} kopyala", exact=True)
        button.click()
        expect(live).to_have_text(f"{term} kopyalandı")
        expect(page.locator("#eimza-result").get_by_role("button", name=f"{term} kopyalandı")).to_be_visible()
    # the same button again: said again
    page.evaluate(
        "() => { window.__said = []; const live = document.getElementById('eimza-announce');"
        " new MutationObserver(() => window.__said.push(live.textContent))"
        ".observe(live, {childList: true, characterData: true, subtree: true}); }"
    )
    page.wait_for_timeout(2100)  # the button's label is back
    page.locator("#eimza-result").get_by_role("button", name="Açıklama kopyala", exact=True).click()
    page.wait_for_function("() => window.__said.includes('Açıklama kopyalandı')")


@pytest.mark.eimza_today(SESSION_EDITION)
def test_a_skip_link_leads_to_the_form(page: Page, site_url: str) -> None:
    page.goto(f"{site_url}/ucret-hesaplama/")
    skip = page.get_by_role("link", name="Hesaplayıcıya geç")
    for _ in range(3):
        page.keyboard.press("Tab")
        if skip.evaluate("el => el === document.activeElement"):
            break
    else:
        pytest.fail("no skip link to the calculator among the first Tab stops")
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    expect(page.locator("#eimza-form").get_by_label("İlk başvuru", exact=True)).to_be_focused()


def test_the_home_pages_family_doctor_link_lands_on_the_amount(page: Page, site_url: str) -> None:
    """The card's link lands on a place that says whether the amount is known: the section it
    leads to (up to the next heading of its level) shows an amount or says there is none yet."""
    page.goto(f"{site_url}/")
    card = page.locator(".grid.cards li", has_text="Aile hekimi").first
    card.get_by_role("link").first.click()
    page.wait_for_url(re.compile(r"#.+"))
    target = page.locator(":target")
    expect(target).to_be_in_viewport()
    section = target.evaluate(
        """h => { let text = h.textContent, n = h.nextElementSibling;
             while (n && !(/^H[1-6]$/.test(n.tagName) && n.tagName <= h.tagName)) {
               text += " " + n.textContent; n = n.nextElementSibling; }
             return text; }"""
    )
    assert re.search(r"\d{1,3}(\.\d{3})*,\d{2} TL|bu sitede henüz yok", section), section
