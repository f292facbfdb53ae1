"""The built site in Debian's chromium: accessibility (axe, WCAG 2 A/AA), same-origin
requests only, Material's search box, the light/dark toggle. Every page runs under the
browser error guard (tests/browser_guard.py)."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from site_helpers import page_urls

pytestmark = pytest.mark.browser

WCAG = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa"]}}


def _static_pages(site_dir: Path) -> list[str]:
    """Every page but the calculator's: it boots Pyodide, and its axe run and its requests
    are checked under the same guard by tests/test_calculator_browser.py."""
    urls = [u for u in page_urls(site_dir) if u != "/ucret-hesaplama/"]
    assert len(urls) == len(page_urls(site_dir)) - 1
    return urls


def test_axe_finds_no_wcag_violation(page: Page, site_dir: Path, site_url: str) -> None:
    axe = Axe()
    problems = []
    for url in _static_pages(site_dir):
        page.goto(site_url + url)
        page.wait_for_load_state("load")
        result = axe.run(page, options=WCAG)
        if result.violations_count:
            problems.append(f"{url}:\n{result.generate_report()}")
    assert not problems, "\n".join(problems)


def test_axe_dark_palette(page: Page, site_dir: Path, site_url: str) -> None:
    page.emulate_media(color_scheme="dark")
    axe = Axe()
    problems = []
    for url in ("/", "/ucret-tarifesi/", "/aile-hekimleri/"):
        page.goto(site_url + url)
        page.wait_for_load_state("load")
        assert page.locator("body").get_attribute("data-md-color-scheme") == "slate"
        result = axe.run(page, options=WCAG)
        if result.violations_count:
            problems.append(f"{url}:\n{result.generate_report()}")
    assert not problems, "\n".join(problems)


def test_every_request_goes_to_the_site(page: Page, site_dir: Path, site_url: str) -> None:
    origin = urlsplit(site_url).netloc
    seen: list[str] = []
    page.on("request", lambda req: seen.append(req.url))
    for url in _static_pages(site_dir):
        page.goto(site_url + url)
        page.wait_for_load_state("networkidle")
    foreign = [u for u in seen if not u.startswith("data:") and urlsplit(u).netloc != origin]
    assert seen and not foreign, foreign


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("kayıp", "kayip-calinti/"),
        ("kart okuyucu", "kart-okuyucu/"),
        ("İmza", None),
        ("ücret", "ucret-tarifesi/"),
        ("dekont", "aile-hekimleri/"),
    ],
)
def test_search_box_finds(page: Page, site_url: str, query: str, expected: str | None) -> None:
    page.goto(site_url + "/")
    box = page.locator("input.md-search__input")
    box.click()
    box.press_sequentially(query, delay=30)
    results = page.locator(".md-search-result__item a")
    expect(results.first).to_be_visible(timeout=10_000)
    if expected:
        # Material re-renders the list while the query grows: wait for the page, don't snapshot
        hit = page.locator(f".md-search-result__item a[href*='{expected}']").first
        expect(hit).to_be_attached(timeout=10_000)


RESULTS = ".md-search-result__list > .md-search-result__item > a"
# the settled result list: links and the count line
READ_RESULTS = f"""() => [...document.querySelectorAll("{RESULTS}")]
  .map((a) => a.getAttribute("href")).join(" ")
  + " | " + (document.querySelector(".md-search-result__meta")?.textContent || "")"""


def search_results(page: Page, query: str) -> str:
    """What the search box lists for `query`, once settled; a query that finds nothing is
    typed first, so what is read cannot be the previous query's list."""
    box = page.locator("input.md-search__input")
    box.fill("qqzzxxww")
    box.press("End")  # Material searches on key events, which fill() does not send
    expect(page.locator(RESULTS)).to_have_count(0, timeout=10_000)
    box.fill(query)
    box.press("End")
    expect(page.locator(RESULTS).first).to_be_visible(timeout=10_000)
    seen = page.evaluate(READ_RESULTS)
    for _ in range(50):  # settled: the same list twice, 200 ms apart
        page.wait_for_timeout(200)
        now = page.evaluate(READ_RESULTS)
        if now == seen:
            return str(now)
        seen = now
    raise AssertionError(f"search results for {query!r} never settled")


# format characters a query can carry unseen (pasted text, a hostile link): bidi embeddings,
# overrides and isolates, zero-width space/joiners, marks, the BOM, a soft hyphen
FORMATTED = {
    "kayıp": ["kay\u202eıp", "\u2066kayıp\u2069", "ka\u200byıp", "kay\u00adıp", "\ufeffkay\u200dıp\u200e"],
    "kart okuyucu": ["kart\u200b okuyucu\u202c", "\u202bkart\u200c okuyucu"],
}


def test_search_ignores_format_characters_in_the_query(page: Page, site_url: str) -> None:
    page.goto(site_url + "/")
    page.locator("input.md-search__input").click()
    for plain, variants in FORMATTED.items():
        expected = search_results(page, plain)
        for query in variants:
            assert search_results(page, query) == expected, ascii(query)


def test_palette_toggle(page: Page, site_url: str) -> None:
    page.emulate_media(color_scheme="light")
    page.goto(site_url + "/")
    body = page.locator("body")
    before = body.get_attribute("data-md-color-scheme")
    page.locator("form[data-md-component='palette'] label:visible").first.click()
    expect(body).not_to_have_attribute("data-md-color-scheme", before or "")


def test_phone_navigation(page: Page, site_url: str) -> None:
    page.set_viewport_size({"width": 375, "height": 740})
    page.goto(site_url + "/")
    page.locator("label.md-header__button[for='__drawer']").click()
    link = page.locator(".md-nav--primary a.md-nav__link[href*='sss']").first
    expect(link).to_be_visible()
    link.click()
    expect(page).to_have_url(site_url + "/sss/")
