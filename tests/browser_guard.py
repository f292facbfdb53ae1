"""One guard for every browser test: what the pages, their workers and service workers report.

The `guard` fixture (tests/conftest.py) watches the test's browser context from the start:
- page errors (uncaught exceptions, unhandled rejections) of every page;
- console messages of type error or warning, from pages, dedicated workers and service
  workers (the calculator reports its fallbacks with console.warn);
- every request (`guard.requests`), and requests leaving the site's origin (`guard.foreign`),
  which are aborted (`watch(context, abort_foreign=False)` only records them: no route, so
  the HTTP cache stays on).
At teardown the test fails if any of these was seen and not declared. A test that provokes
an error on purpose says so with `guard.expect(r"regex", reason)`: matching entries are
allowed, and the pattern must have matched at least once (pass `required=False` when the
error may or may not come, e.g. depending on timing).

Entries are matched as `"<kind>: <text> @ <url>"`, kind one of `pageerror`, `error`,
`warning` (console type), url the message's source location, if any.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from playwright.sync_api import BrowserContext, ConsoleMessage, Error, Page, Request, Route, Worker

CALC = "document.getElementById('eimza-calc')"
# a function, not an expression: Playwright would `eval` an expression, which the CSP refuses
READY = f"() => !['idle', 'loading'].includes({CALC}.dataset.state)"


@dataclass
class Expected:
    pattern: re.Pattern[str]
    reason: str
    required: bool
    seen: int = 0


@dataclass
class BrowserGuard:
    origin: str
    entries: list[str] = field(default_factory=list)
    requests: list[Request] = field(default_factory=list)
    foreign: list[str] = field(default_factory=list)
    expected: list[Expected] = field(default_factory=list)
    abort_foreign: bool = True

    def watch(self, context: BrowserContext, abort_foreign: bool = True) -> None:
        """Watch the context's pages and workers. A request leaving the origin fails the
        test; it is also aborted unless `abort_foreign` is False: that needs a route, and
        Playwright turns the HTTP cache off in a context with routes (tests of caching
        pass False)."""
        self.abort_foreign = abort_foreign
        context.on("request", self._request)
        if abort_foreign:
            context.route(re.compile(r"^(?!" + re.escape(self.origin) + r")"), self._abort)
        context.on("page", self._watch_page)
        context.on("serviceworker", self._watch_worker)
        for page in context.pages:
            self._watch_page(page)
        for worker in context.service_workers:
            self._watch_worker(worker)

    def _request(self, request: Request) -> None:
        self.requests.append(request)
        # (a blob: URL of the origin is its own scripts' bytes: the calculator runs its
        # worker and Pyodide's checked scripts from such URLs)
        own = (self.origin + "/", f"blob:{self.origin}/", "about:", "data:")
        if not self.abort_foreign and not request.url.startswith(own):
            self.foreign.append(request.url)

    def _abort(self, route: Route) -> None:
        self.foreign.append(route.request.url)
        route.abort()

    def _watch_page(self, page: Page) -> None:
        # page "console" also carries the messages of the page's dedicated workers
        page.on("console", self._console)
        page.on("pageerror", self._page_error)

    def _watch_worker(self, worker: Worker) -> None:
        worker.on("console", self._console)

    def _console(self, msg: ConsoleMessage) -> None:
        if msg.type not in ("error", "warning"):
            return
        url = (msg.location or {}).get("url") or ""
        self.entries.append(f"{msg.type}: {msg.text} @ {url}")

    def _page_error(self, err: Error) -> None:
        self.entries.append(f"pageerror: {err.name}: {err.message}".replace("\n", " "))

    def expect(self, pattern: str, reason: str, required: bool = True) -> None:
        """Declare an error or warning this test provokes on purpose (and why)."""
        self.expected.append(Expected(re.compile(pattern), reason, required))

    def unexpected(self) -> list[str]:
        out = []
        for entry in self.entries:
            hits = [e for e in self.expected if e.pattern.search(entry)]
            for e in hits:
                e.seen += 1
            if not hits:
                out.append(entry)
        return out

    def check(self) -> None:
        problems = [f"  {e}" for e in dict.fromkeys(self.unexpected())]
        missing = [f"  {e.pattern.pattern} ({e.reason})" for e in self.expected if e.required and not e.seen]
        msg = []
        if problems:
            msg.append("browser errors/warnings nobody declared:\n" + "\n".join(problems))
        if missing:
            msg.append("declared errors that never came:\n" + "\n".join(missing))
        if self.foreign:
            msg.append(f"requests left the origin: {self.foreign}")
        assert not msg, "\n".join(msg) + "\nall entries:\n" + "\n".join(self.entries)


# A reader's intent when Python has not started yet (the page answered from its instant
# table): focus on Ad, the first person field (the page's inline script starts the worker)
INTENT = f"""() => {{
  if ({CALC}.dataset.state !== "idle") return;
  const name = document.getElementById("eimza-name");
  name.focus();
  name.blur();
}}"""


def wait_ready(page: Page, mode: str | None = "snapshot") -> None:
    """Wait until the calculator has left "loading" (starting Python as a reader would, by
    focusing Ad, if the page has not needed it yet); then, unless mode is None, assert it
    answered in that boot mode ("snapshot" unless the test sabotages the snapshot)."""
    page.wait_for_function(f"() => !!{CALC} && !!window.__eimzaInstant", timeout=60_000)
    page.evaluate(INTENT)
    page.wait_for_function(READY, timeout=60_000)
    if mode is not None:
        assert_boot_mode(page, mode)


def assert_boot_mode(page: Page, mode: str) -> None:
    state: Any = page.evaluate(f"({{state: {CALC}.dataset.state, mode: {CALC}.dataset.mode}})")
    assert state == {"state": "ready", "mode": mode}, state
