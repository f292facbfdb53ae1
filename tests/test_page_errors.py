"""Zero page errors: every page of the built site (every sitemap URL and the 404 page) loads in
chromium with no uncaught exception, no console error or warning and no failed request."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import ConsoleMessage, Page, Response

pytestmark = pytest.mark.browser


def sitemap_paths(site: Path) -> list[str]:
    """The path of every URL in the build's sitemap.xml."""
    text = (site / "sitemap.xml").read_text(encoding="utf-8")
    paths = [urlsplit(loc).path for loc in re.findall(r"<loc>(.*?)</loc>", text)]
    assert paths, "the sitemap lists no page"
    return paths


def test_every_page_loads_without_error(page: Page, site_dir: Path, site_url: str) -> None:
    problems: list[str] = []
    page.on("pageerror", lambda err: problems.append(f"{page.url}: pageerror {err}"))

    def console(msg: ConsoleMessage) -> None:
        if msg.type in ("error", "warning"):
            problems.append(f"{page.url}: console.{msg.type} {msg.text}")

    def response(resp: Response) -> None:
        if resp.status >= 400 and not resp.url.endswith("/nosuchpage/"):
            problems.append(f"{page.url}: HTTP {resp.status} {resp.url}")

    page.on("console", console)
    page.on("response", response)
    page.on("worker", lambda w: w.on("console", console))
    for path in [*sitemap_paths(site_dir), "/404.html"]:
        page.goto(site_url + path)
        page.wait_for_load_state("load")
        if page.locator("#eimza-calc").count():
            page.wait_for_function("document.getElementById('eimza-calc').dataset.state === 'ready'")
        page.evaluate("() => new Promise(r => requestAnimationFrame(() => setTimeout(r, 100)))")
    assert not problems, "\n".join(problems)
