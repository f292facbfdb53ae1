"""What a reader meets in Chromium (issues 13, 24; every page under the shared error guard):
the search box finds everyday queries first (unaccented too; readers' own words through
data/arama.toml); the calculator's live answer equals the page's static answer; a refused
name or a bad date keeps the reader informed; one short announcement per answer; phone
widths (amounts keep their unit, the IBAN breaks between groups); print (every link's
address, a title and the edition, boxes only before steps)."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect

import eimza
from browser_guard import wait_ready
from conftest import SESSION_EDITION
from eimza import instant, turkish, web
from site_helpers import page_urls, text_of

# a reader on the day of the calculator links below (2024-03-12), unless a test says otherwise
pytestmark = [pytest.mark.browser, pytest.mark.eimza_today("2024-03-12")]

PHONE = {"width": 390, "height": 844}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict[str, Any]) -> dict[str, Any]:
    return {**browser_context_args, "locale": "tr-TR", "timezone_id": "Europe/Istanbul"}


# --- search --------------------------------------------------------------------------------

# Everyday queries as readers type them (Turkish letters or none, endings, capitals) and the
# page whose link must come first. Pages, not facts: no directorate's name, bank or address.
LOST, PAY, RECEIPT = "kayip-calinti/", "aile-hekimleri/", "sss/"
EXPIRED, RENEW, FIRST = "suresi-dolmus/", "yenileme/", "ilk-basvuru/"
SEARCHES = {
    # lost or stolen
    "kayip": LOST,
    "kayıp": LOST,
    "kaybettim": LOST,
    "KAYBETTİM": LOST,
    "kartımı kaybettim": LOST,
    "kartimi kaybettim": LOST,
    "e-imza kaybettim": LOST,
    "e imzami kaybettim": LOST,
    "kart kayboldu": LOST,
    "kart okuyucum kayboldu": LOST,
    "çaldırdım": LOST,
    "kartim calindi": LOST,
    "e-imzam çalındı": LOST,
    # paying: account, IBAN, description
    "hesap numarası": PAY,
    "hesap numarasi": PAY,
    "iban": PAY,
    "nereye yatıracağım": PAY,
    "nereye yatiracagim": PAY,
    "parayı nereye yatırmalıyım": PAY,
    "odeme": PAY,
    "ödeme açıklaması": PAY,
    "mail": PAY,
    # the receipt
    "dekontu nereye gönderiyorum": RECEIPT,
    "dekont nereye gonderilir": RECEIPT,
    "makbuz": RECEIPT,
    # expired, renewal, first application
    "süresi bitti": EXPIRED,
    "Süresi Bitti": EXPIRED,
    "suresi doldu": EXPIRED,
    "e-imzamın süresi geçti": EXPIRED,
    "e imza yenileme": RENEW,
    "yenilemek": RENEW,
    "yenilemek istiyorum": RENEW,
    "ilk defa e-imza alacağım": FIRST,
    "ilk kez başvuru": FIRST,
    # reader, fees, questions, contact
    "kart okuyucu": "kart-okuyucu/",
    "sanalpos": "kart-okuyucu/",  # both pay there; the reader-only page is about little else
    "ucret": "ucret-tarifesi/",
    "ücret": "ucret-tarifesi/",
    "fiyat listesi": "ucret-tarifesi/",
    "kaç lira": "ucret-hesaplama/",
    "sifre": "sss/",
    "şifremi unuttum": "sss/",
    "kargo ne zaman gelir": "sss/",
    "telefon numarası": "iletisim/",
}


def test_search_finds_everyday_queries_first(page: Page, site_url: str) -> None:
    page.goto(site_url + "/")
    box = page.locator("input.md-search__input")
    box.click()
    results = page.locator(".md-search-result__list > .md-search-result__item > a")
    first = results.first
    wrong = []
    for query, expected in SEARCHES.items():
        # an empty box first: the last query's list must not pass for this one's
        box.fill("")
        box.press("End")
        expect(results).to_have_count(0)
        box.fill(query)
        box.press("End")  # Material searches on key events, which fill() does not send
        want = re.compile(re.escape(f"/{expected}") + r"([?#]|$)")
        try:  # Material re-renders the list as results come: wait for the settled first one
            expect(first).to_have_attribute("href", want, timeout=5_000)
        except AssertionError:
            got = first.get_attribute("href") if first.count() else "none"
            wrong.append(f"{query!r}: first result {got}, expected {expected}")
    assert not wrong, "\n".join(wrong)


def test_search_result_of_the_tariff_page_has_no_chart_digits(page: Page, site_url: str) -> None:
    page.goto(site_url + "/")
    box = page.locator("input.md-search__input")
    box.click()
    box.fill("tarifesi")
    box.press("End")
    hit = page.locator(".md-search-result__item a[href*='ucret-tarifesi']").first
    expect(hit).to_be_attached()
    assert "TL (KDV dahil)" not in hit.inner_text()


# --- phone widths --------------------------------------------------------------------------


def test_no_sideways_scroll_at_320px(page: Page, site_dir: Path, site_url: str) -> None:
    page.set_viewport_size({"width": 320, "height": 640})
    wide = []
    for url in page_urls(site_dir):
        page.goto(site_url + url)
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > 320:
            wide.append(f"{url}: {width}px")
    assert not wide, wide


# Amounts with their unit ("650,00 TL") and the IBAN to copy, measured by the lines of the
# text's own boxes: an amount never spans two lines; the IBAN breaks only between its
# groups and leaves no group alone on a line ("…0000 / 16").
BREAKS_JS = r"""(scope) => {
  const tops = (node, start, end) => {
    const r = document.createRange(); r.setStart(node, start); r.setEnd(node, end);
    return [...new Set([...r.getClientRects()].filter(b => b.width > 0).map(b => Math.round(b.top)))];
  };
  const root = document.querySelector(scope);
  const split = [], iban = [];
  let seen = 0;
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let t = walker.nextNode(); t; t = walker.nextNode()) {
    for (const m of t.data.matchAll(/\d{1,3}(?:\.\d{3})*,\d{2}[  ]TL/g)) {
      const lines = tops(t, m.index, m.index + m[0].length);
      if (lines.length) seen++;
      if (lines.length > 1) split.push(m[0]);
    }
  }
  for (const code of root.querySelectorAll("dl.eimza-bank code[data-copy]")) {
    const t = code.firstChild;
    if (!/^[A-Z]{2}\d{2}( \d{1,4})+$/.test(t.data)) continue;  // the description
    const groups = [...t.data.matchAll(/\S+/g)].map(m => tops(t, m.index, m.index + m[0].length));
    if (groups.some(g => g.length !== 1)) iban.push("a group on two lines: " + t.data);
    const perLine = {};
    for (const g of groups) perLine[g[0]] = (perLine[g[0]] || 0) + 1;
    if (Object.values(perLine).some(n => n < 2)) iban.push("a group alone on a line: " + t.data);
  }
  return {seen, split, iban, width: document.documentElement.scrollWidth};
}"""

CASE_LINK = "/ucret-hesaplama/#durum=first&gorev=family-doctor&tarih=2024-03-12"


@pytest.mark.parametrize(
    ("url", "scope", "width"),
    [
        (CASE_LINK, "#eimza-result", 390),
        (CASE_LINK, "#eimza-result", 320),
        ("/ilk-basvuru/", "article", 390),
        ("/ilk-basvuru/", "article", 320),
        ("/aile-hekimleri/", "article table:not([class])", 390),  # the page's own totals
        ("/aile-hekimleri/", "article table:not([class])", 320),
    ],
)
def test_amounts_keep_their_unit_on_a_phone(
    page: Page, site_url: str, url: str, scope: str, width: int
) -> None:
    page.set_viewport_size({"width": width, "height": 800})
    page.goto(site_url + url)
    if scope == "#eimza-result":
        expect(region(page).locator("[data-total]")).to_be_visible(timeout=60_000)
    found = page.evaluate(BREAKS_JS, scope)
    assert found["seen"] and not found["split"] and found["width"] <= width, found


@pytest.mark.parametrize("width", [320, 390])
def test_the_iban_breaks_only_between_groups_on_a_phone(page: Page, site_url: str, width: int) -> None:
    page.set_viewport_size({"width": width, "height": 800})
    page.goto(site_url + CASE_LINK)
    expect(region(page).locator("[data-total]")).to_be_visible(timeout=60_000)
    found = page.evaluate(BREAKS_JS, "#eimza-result")
    assert page.locator("#eimza-result dl.eimza-bank code[data-copy]").count() == 2
    assert not found["iban"] and found["width"] <= width, found


def test_bank_box_on_the_first_two_phone_screens(page: Page, site_url: str) -> None:
    page.set_viewport_size(PHONE)
    page.goto(site_url + "/aile-hekimleri/")
    box = page.locator(".admonition", has_text="IBAN").first
    top = box.evaluate("e => e.getBoundingClientRect().top + window.scrollY")
    assert top < 2 * PHONE["height"], top


# --- the calculator --------------------------------------------------------------------------


def region(page: Page) -> Any:
    return page.get_by_role("region", name="Sonuç")


def live_text(locator: Any) -> str:
    """An answer's visible text, without the copy buttons the page adds and its date line
    (the calculator shows it apart, as the answer's head)."""
    html = locator.evaluate(
        "e => { const c = e.cloneNode(true);"
        " c.querySelectorAll('button, .eimza-date').forEach(b => b.remove()); return c.innerHTML; }"
    )
    return text_of(html)


@pytest.mark.eimza_today(SESSION_EDITION)  # the static answers' day
def test_static_and_live_answers_have_the_same_text(page: Page, site_url: str) -> None:
    """Each ready answer (its wrapper names its case) equals the live answer for a link to
    that case: the link ticks each option's box by its link name (the national file's)."""
    data = eimza.load_data()
    page.goto(site_url + "/ucret-hesaplama/")
    wait_ready(page)
    static = page.locator("#eimza-static .eimza-static-answer")
    cases = []
    for i in range(static.count()):
        block = static.nth(i)
        case = json.loads(block.get_attribute("data-case") or "{}")
        day = block.get_attribute("data-date")
        ticked = [
            f"&{o.link_name}=1"
            for o in data.options_of(case["situation"])
            if case[o.id] == o.form_checked_means
        ]
        form = f"durum={case['situation']}&gorev={case['role']}&tarih={day}{''.join(ticked)}"
        # a fresh load per case (a query of its own): the form starts from the link alone
        page.goto(f"{site_url}/ucret-hesaplama/?n={i}#{form}")
        wait_ready(page)
        live = region(page).locator(".eimza-answer")
        expect(live).to_be_visible()
        static_answer = page.locator("#eimza-static .eimza-static-answer").nth(i)
        assert live_text(page.locator("#eimza-result")) == live_text(static_answer), case
        # both state their date in words; the live one says that it is today's
        words = turkish.date_long(dt.date.fromisoformat(str(day)))
        expect(static_answer.locator(".eimza-date")).to_have_text(f"Ödeme tarihi: {words}")
        expect(page.locator("#eimza-when .eimza-date")).to_have_text(f"Ödeme tarihi: {words} (bugün)")
        cases.append(case)
    assert cases == instant.form_cases(data)  # every case the form can post


def unknown_date() -> str:
    """A date whose amounts the data cannot know: the day before its first period."""
    data = eimza.load_data()
    return (data.tariffs[0].start - dt.timedelta(days=1)).isoformat()


@pytest.mark.eimza_today(unknown_date())  # the link's day
def test_refused_name_on_an_unknown_date_keeps_steps_and_iban(page: Page, site_url: str) -> None:
    day = unknown_date()
    page.goto(f"{site_url}/ucret-hesaplama/#durum=first&gorev=family-doctor&tarih={day}")
    wait_ready(page)
    form = page.locator("#eimza-form")
    form.get_by_label("Ad", exact=True).fill("Ayşe3")
    form.get_by_label("Soyad", exact=True).fill("Yılmaz")
    form.get_by_label("T.C. Kimlik No").fill("10000000146")
    expect(page.locator("#eimza-person-msg")).to_be_visible()
    expect(page.locator("#eimza-person-msg")).to_contain_text("Ayşe3")
    q = eimza.quote({"situation": "first", "role": "family-doctor", "date": day}, require_amounts=False)
    steps = region(page).locator("ol.eimza-steps > li")
    expect(steps).to_have_count(len(q["steps"]))
    expect(region(page).locator(f'code[data-copy="{q["payment"]["iban"]}"]')).to_have_count(1)
    expect(region(page).locator('[data-error="tariff-unknown"]')).to_be_visible()


def test_impossible_date_in_the_link_gives_the_field_message(page: Page, site_url: str) -> None:
    page.goto(f"{site_url}/ucret-hesaplama/#durum=first&gorev=family-doctor&tarih=2024-02-30")
    msg = page.locator("#eimza-date-msg")
    expect(msg).to_be_visible(timeout=60_000)
    expect(msg).to_contain_text("2024-02-30")
    expect(page.locator("#eimza-form").get_by_label("Ödeme tarihi")).to_have_attribute("aria-invalid", "true")
    assert "tarih=2024-02-30" in page.url  # the link kept as typed
    expect(region(page).locator(".eimza-answer")).to_have_count(0)  # the answer waits
    # a whole date brings the answer
    page.locator("#eimza-form").get_by_label("Ödeme tarihi").fill("2024-03-12")
    expect(msg).to_be_hidden()
    expect(region(page).locator(".eimza-answer__title")).to_have_text(
        "İlk başvuru · Aile hekimi", timeout=60_000
    )


def test_each_answer_is_announced_once_in_one_line(page: Page, site_url: str) -> None:
    page.goto(f"{site_url}/ucret-hesaplama/#durum=first&gorev=family-doctor&tarih=2024-03-12")
    wait_ready(page)
    # the answer sits in an ordinary region; only the small status line is live
    res = page.get_by_role("region", name="Sonuç")
    expect(res.locator("#eimza-result")).to_have_count(1)
    assert res.get_attribute("aria-live") is None
    assert page.locator("#eimza-result").get_attribute("aria-live") is None
    live = page.get_by_role("status")
    expect(live).to_have_count(1)
    first = json.loads(
        web.answer(json.dumps({"situation": "first", "role": "family-doctor", "date": "2024-03-12"}))
    )
    expect(live).to_have_text(first["summary"])
    page.evaluate(
        """() => { window.__said = [];
          const live = document.getElementById('eimza-announce');
          new MutationObserver(() => window.__said.push(live.textContent))
            .observe(live, {childList: true, characterData: true, subtree: true}); }"""
    )
    form = page.locator("#eimza-form")
    cases = [
        ({"situation": "renewal", "role": "family-doctor", "date": "2024-03-12"}, "Yenileme"),
        ({"situation": "renewal", "role": "staff", "date": "2024-03-12"}, "Diğer sağlık çalışanı"),
    ]
    expected = []
    for case, label in cases:
        form.get_by_label(label, exact=True).check()
        line = json.loads(web.answer(json.dumps(case)))["summary"]
        expected.append(line)
        expect(live).to_have_text(line)
        assert len(line) < 120
    said = page.evaluate("window.__said")
    assert said == expected, said  # exactly one announcement per new answer, none in between


def test_the_links_case_wins_over_the_restored_form_on_reload(page: Page, site_url: str) -> None:
    """The browser may restore a form's last choices on reload (and keeps the page in its
    back/forward cache): the case the address's hash gives must win, on load and on pageshow."""
    day = "2024-03-12"
    page.goto(f"{site_url}/ucret-hesaplama/#durum=first&gorev=family-doctor&tarih={day}")
    form = page.locator("#eimza-form")
    form.get_by_label("Yenileme", exact=True).check()  # what the browser would restore
    form.get_by_label("Diğer sağlık çalışanı", exact=True).check()
    form.get_by_label("E-imzalı veya e-onaylı başvuru yapamıyorum").check()
    expect(page).to_have_url(re.compile("durum=renewal&gorev=staff"))
    # the address now names another case (a bookmark, an edited link) without a hashchange
    page.evaluate(f"() => history.replaceState(null, '', '#durum=lost&gorev=family-doctor&tarih={day}')")
    for reload in (page.reload, lambda: (page.goto("about:blank"), page.go_back())):
        reload()
        expect(form.get_by_label("Kayıp veya çalıntı", exact=True)).to_be_checked()
        expect(form.get_by_label("Aile hekimi", exact=True)).to_be_checked()
        expect(form.get_by_label("Kart okuyucu da gerekiyor")).not_to_be_checked()
        assert "durum=lost&gorev=family-doctor" in page.url
    expect(region(page).locator(".eimza-answer__title")).to_contain_text("Kayıp veya çalıntı", timeout=60_000)


# --- print ---------------------------------------------------------------------------------

# every link to another site that prints: its address shows once, as its text or after it
PRINTED_LINKS_JS = """() => [...document.querySelectorAll('.md-content a[href^="http"]')]
  .filter(a => a.getClientRects().length)
  .map(a => [a.getAttribute('href'), a.textContent.trim(), getComputedStyle(a, '::after').content])"""


@pytest.mark.eimza_today(unknown_date())  # the calculator link's day
@pytest.mark.parametrize("url", ["calculator", "/kayip-calinti/", "/ucret-tarifesi/"])
def test_print_shows_every_links_address_once(page: Page, site_url: str, url: str) -> None:
    if url == "calculator":  # the unknown-amount message names Kamu SM's tariff page
        url = f"/ucret-hesaplama/#durum=first&gorev=family-doctor&tarih={unknown_date()}"
        page.goto(site_url + url)
        expect(region(page).locator('[data-error="tariff-unknown"]')).to_be_visible(timeout=60_000)
    else:
        page.goto(site_url + url)
    page.emulate_media(media="print")
    links = page.evaluate(PRINTED_LINKS_JS)
    wrong = [(href, text, after) for href, text, after in links if (text == href) == (href in after)]
    assert not wrong, wrong
    assert any(text != href for href, text, _ in links), links  # a named link, with its address


@pytest.mark.eimza_today(unknown_date())  # the link's day
def test_calculator_print_has_title_edition_and_boxes_only_before_steps(page: Page, site_url: str) -> None:
    # an unknown amount: the payment items are a list, and must get no box
    page.goto(f"{site_url}/ucret-hesaplama/#durum=first&gorev=family-doctor&tarih={unknown_date()}")
    expect(region(page).locator("ul.eimza-items li").first).to_be_visible(timeout=60_000)
    title = page.locator("article h1").inner_text().rstrip("¶")  # its permalink: not printed
    page.emulate_media(media="print")
    expect(page.locator("article h1")).to_be_visible()
    assert page.locator("article h1").inner_text() == title
    stamp = page.locator("article .md-source-file")
    expect(stamp).to_be_visible()
    expect(stamp).to_contain_text(turkish.date_long(dt.date.fromisoformat(SESSION_EDITION)))
    boxes = page.evaluate(
        """() => [...document.querySelectorAll('#eimza-result li')].map(li => [
             li.parentElement.matches('ol.eimza-steps'), getComputedStyle(li, '::before').content])"""
    )
    assert any(step for step, _ in boxes) and not all(step for step, _ in boxes), boxes
    assert all(("☐" in before) == step for step, before in boxes), boxes
