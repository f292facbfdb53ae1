"""Zero page errors: every page of the built site (every sitemap URL and the 404 page) loads in
chromium under its Content-Security-Policy with no uncaught exception, no console error or
warning (the shared guard, tests/browser_guard.py) and no failed request."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page, Response

from browser_guard import wait_ready

pytestmark = pytest.mark.browser


def sitemap_paths(site: Path) -> list[str]:
    """The path of every URL in the build's sitemap.xml."""
    text = (site / "sitemap.xml").read_text(encoding="utf-8")
    paths = [urlsplit(loc).path for loc in re.findall(r"<loc>(.*?)</loc>", text)]
    assert paths, "the sitemap lists no page"
    return paths


def test_every_page_loads_without_error(page: Page, site_dir: Path, site_url: str) -> None:
    failed: list[str] = []

    def response(resp: Response) -> None:
        if resp.status >= 400:
            failed.append(f"{page.url}: HTTP {resp.status} {resp.url}")

    page.on("response", response)
    for path in [*sitemap_paths(site_dir), "/404.html"]:
        page.goto(site_url + path)
        page.wait_for_load_state("load")
        if page.locator("#eimza-calc").count():
            wait_ready(page)
        page.evaluate("() => new Promise(r => requestAnimationFrame(() => setTimeout(r, 100)))")
    assert not failed, "\n".join(failed)
