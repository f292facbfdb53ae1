"""Published pages refuse framing (issue 25). A page of the built site is put in an <iframe> of
another origin (a framing page served from a second local port) and chromium must not show its
content, on three kinds of host:
- the project's server (its `frame-ancestors 'none'` header: the frame is refused);
- a host that reads the build's `_headers` (a plain static server applying its `/*` rule);
- a host that sends no header at all (GitHub Pages): the page's own script hides it.
"""

from __future__ import annotations

import functools
import html
import http.server
import threading
import urllib.parse
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect

from browser_guard import BrowserGuard

pytestmark = pytest.mark.browser

CONTENT = ".md-content h1"  # the page's own heading: what must not show


def rules(headers_file: str) -> dict[str, list[tuple[str, str]]]:
    """`_headers` as hosts read it: a path line, then indented `Name: value` lines."""
    out: dict[str, list[tuple[str, str]]] = {}
    path = None
    for line in headers_file.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if not line[0].isspace():
            path = line.strip()
            out[path] = []
        else:
            assert path is not None, line
            name, _, value = line.strip().partition(":")
            out[path].append((name.strip(), value.strip()))
    return out


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


class _Framer(http.server.BaseHTTPRequestHandler):
    """Another origin's page framing the URL given as `?src=`."""

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def do_GET(self) -> None:
        src = urllib.parse.parse_qs(urllib.parse.urlsplit(self.path).query).get("src", [""])[0]
        body = (
            '<!doctype html><html lang="tr"><head><meta charset="utf-8"><title>Başka site</title>'
            f'</head><body><iframe src="{html.escape(src)}" width="900" height="700"></iframe>'
            "</body></html>"
        ).encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@contextmanager
def serving(handler: Any) -> Iterator[str]:
    srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{srv.server_address[1]}"
    finally:
        srv.shutdown()
        srv.server_close()


def static_host(site: Path, headers: list[tuple[str, str]]) -> Any:
    """A plain static host serving the built files, adding `headers` to every answer."""

    class Host(_Quiet):
        def end_headers(self) -> None:
            for name, value in headers:
                self.send_header(name, value)
            super().end_headers()

    return functools.partial(Host, directory=str(site))


@pytest.fixture
def two_origins(browser: Browser) -> Iterator[tuple[Page, BrowserGuard]]:
    """A page whose guard admits both local ports (the framing page and the site)."""
    context = browser.new_context(locale="tr-TR")
    guard = BrowserGuard("http://127.0.0.1")
    guard.watch(context)
    yield context.new_page(), guard
    context.close()
    guard.check()


def frame_of(page: Page, framer: str, url: str) -> Any:
    page.goto(f"{framer}/?src={urllib.parse.quote(url, safe='')}")
    return page.frame_locator("iframe")


def refused_frame(page: Page, framer: str, url: str) -> Any:
    """The frame, once chromium has said it refused it (frame-ancestors)."""
    with page.expect_console_message(lambda m: "frame-ancestors 'none'" in m.text, timeout=10_000):
        return frame_of(page, framer, url)


def test_the_build_writes_the_framing_headers(site_dir: Path) -> None:
    found = rules((site_dir / "_headers").read_text("utf-8"))
    assert set(found) == {"/*"}
    headers = dict(found["/*"])
    assert headers["Content-Security-Policy"] == "frame-ancestors 'none'"
    assert headers["X-Frame-Options"] == "DENY"


def test_project_server_refuses_the_frame(two_origins: tuple[Page, BrowserGuard], site_url: str) -> None:
    page, guard = two_origins
    guard.expect(r"frame-ancestors 'none'", "the site's page refused inside another origin's frame")
    with serving(_Framer) as framer:
        frame = refused_frame(page, framer, site_url + "/")
        expect(frame.locator(CONTENT)).to_have_count(0)


def test_host_reading_headers_file_refuses_the_frame(
    two_origins: tuple[Page, BrowserGuard], site_dir: Path
) -> None:
    page, guard = two_origins
    guard.expect(r"frame-ancestors 'none'", "the site's page refused inside another origin's frame")
    headers = rules((site_dir / "_headers").read_text("utf-8"))["/*"]
    with serving(static_host(site_dir, headers)) as host, serving(_Framer) as framer:
        page.goto(host + "/")  # on its own, the page shows
        expect(page.locator(CONTENT)).to_be_visible()
        frame = refused_frame(page, framer, host + "/")
        expect(frame.locator(CONTENT)).to_have_count(0)


@pytest.mark.parametrize("path", ["/", "/404.html"])
def test_page_hides_itself_in_a_frame_without_headers(
    two_origins: tuple[Page, BrowserGuard], site_dir: Path, path: str
) -> None:
    """GitHub Pages sends no header: the page is loaded into the frame and hides itself."""
    page, _ = two_origins
    with serving(static_host(site_dir, [])) as host, serving(_Framer) as framer:
        page.goto(host + path)  # on its own, the page shows
        expect(page.locator(CONTENT).first).to_be_visible()
        frame = frame_of(page, framer, host + path)
        expect(frame.locator(CONTENT).first).to_be_attached()  # loaded, not refused
        expect(frame.locator(CONTENT).first).to_be_hidden()
        expect(frame.locator("body")).to_be_hidden()
