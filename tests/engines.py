"""The three browser engines behind one small interface, and a test server that watches the
pages from inside (for engines whose driver cannot).

- `Chromium` (Playwright), `Firefox` (Debian's firefox-esr over WebDriver BiDi, driven by
  scripts/firefox_driver.mjs with puppeteer-core), `WebKit` (WebKitGTK's MiniBrowser and
  WebKitWebDriver through Selenium, under an Xvfb display): `goto(url)`, `run(expression)`,
  `errors()` (what the driver itself saw), `close()`.
- `ProbeServer`: the project's server (eimza_site.preview.serve) plus, in every HTML page, a first
  script `/__probe.js` (same origin, so the page's CSP allows it) that records uncaught errors,
  unhandled rejections, failed resource loads, CSP violations, console errors/warnings and
  worker errors into `window.__probe` (and the console errors/warnings a worker forwards to
  the page as {type: "console"} messages: WebKitGTK's driver shows no console at all); the
  server itself records every answer >= 400. A `plain` server serves the calculator page
  without its snapshot (a plain boot). `faults` (changeable while the server runs) maps a
  URL pattern to a status or to a fault of a plain host: "octet-stream" (the file with that
  type), "cut" (its first MB with 200), "stall" (no answer until the fault is removed),
  "down" (the connection closed without an answer: the network as a browser offline sees it),
  "patched" (a script with `PATCH` appended: what it does when it runs is seen), "patched-later"
  (the first request gets the file, not to be stored; every later one the patched copy: a host
  without a cache, whose second request for a file brings other bytes); faulty answers carry
  the file's own Cache-Control (immutable for hashed assets).
  `settings`: window globals the probe sets before the page's scripts (e.g. __eimzaStallMs)."""

from __future__ import annotations

import json
import os
import re
import subprocess
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from eimza_site.pages import csp
from eimza_site.preview import serve

ROOT = Path(__file__).resolve().parent.parent
MINIBROWSER = "/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser"
WEBKIT_DRIVER = "/usr/bin/WebKitWebDriver"
FIREFOX = "/usr/bin/firefox-esr"

PROBE_JS = r"""(function () {
  var log = [];
  window.__probe = log;
  function add(kind, text) { log.push(kind + ": " + text); }
  addEventListener("error", function (e) {
    var t = e.target;
    if (t && t !== window && t.tagName) add("resource", t.tagName + " " + (t.src || t.href || ""));
    else add("pageerror", (e.message || String(e.error)) + " @ " + (e.filename || ""));
  }, true);
  addEventListener("unhandledrejection", function (e) {
    add("pageerror", "unhandled rejection: " + (e.reason && e.reason.message || e.reason));
  });
  document.addEventListener("securitypolicyviolation", function (e) {
    add("csp", e.violatedDirective + " " + e.blockedURI);
  });
  ["error", "warn"].forEach(function (k) {
    var orig = console[k];
    console[k] = function () {
      add(k === "warn" ? "warning" : "error", Array.prototype.map.call(arguments, String).join(" "));
      return orig.apply(console, arguments);
    };
  });
  var W = window.Worker;
  if (W) {
    var Probed = function (url, opts) {
      var w = new W(url, opts);
      w.addEventListener("error", function (e) { add("workererror", e.message || "worker error"); });
      w.addEventListener("message", function (e) {
        var d = e.data;
        if (d && d.type === "console") add(d.level === "warn" ? "warning" : "error", "(worker) " + d.text);
      });
      return w;
    };
    Probed.prototype = W.prototype;
    window.Worker = Probed;
  }
})();
"""
_PROBE_TAG = '<script src="/__probe.js"></script>'
# what a "patched" script does when it runs: in a worker, every message it posts names the
# IBAN "TR99…" (whatever the engine answered); on a page, it marks the page (__eimzaPatched)
PATCH = b"""
;(() => {
  if (typeof document === "undefined") {
    const post = self.postMessage.bind(self);
    const wrong = (m) => JSON.parse(JSON.stringify(m).replace(/TR\\d\\d/g, "TR99"));
    self.postMessage = (m, ...rest) => post(wrong(m), ...rest);
  } else {
    self.__eimzaPatched = true;
  }
})();
"""
_SNAPSHOT = re.compile(r'"snapshot": "assets/calculator/snapshot-[0-9a-f]+\.bin"')


def with_probe(markup: str, plain: bool = False) -> str:
    if plain:
        markup = csp.rehash(_SNAPSHOT.sub('"snapshot": null', markup))
    anchor = f'<meta name="referrer" content="{csp.REFERRER}">'
    if anchor in markup:
        return markup.replace(anchor, anchor + _PROBE_TAG, 1)
    return re.sub(r"(<head[^>]*>)", r"\1" + _PROBE_TAG, markup, count=1)


class ProbeServer:
    def __init__(
        self,
        root: Path,
        fallback: str | None = None,
        plain: bool = False,
        faults: dict[str, int | str] | None = None,
        settings: dict[str, Any] | None = None,
    ) -> None:
        self.answers: list[tuple[str, int]] = []
        self.faults: dict[str, int | str] = dict(faults or {})
        self.settings: dict[str, Any] = dict(settings or {})
        self.released = threading.Event()  # set: stalled requests give up (fault removed)
        self.served: set[str] = set()  # paths a "patched-later" fault has served once
        answers, server = self.answers, self

        class Handler(serve.Handler):
            def send_response(self, code: int, message: str | None = None) -> None:
                answers.append((self.path, code))
                super().send_response(code, message)

            def _serve(self, head: bool) -> None:
                path = self.path.split("?", 1)[0]
                if path == "/__probe.js":
                    preset = "".join(f"window.{k} = {json.dumps(v)};\n" for k, v in server.settings.items())
                    body = (preset + PROBE_JS).encode()
                    self.send_response(200)
                    self.send_header("Content-Type", "text/javascript; charset=utf-8")
                    self.send_header("Content-Length", str(len(body)))
                    self.send_header("Cache-Control", "no-store")
                    self.end_headers()
                    self.wfile.write(body)
                    return
                for pattern, fault in list(server.faults.items()):
                    if re.search(pattern, path):
                        self._fault(path, fault, head)
                        return
                super()._serve(head)

            def _fault(self, path: str, fault: int | str, head: bool) -> None:
                if isinstance(fault, int):
                    self.send_error(fault)
                    return
                if fault == "stall":
                    server.released.wait(60)
                    self.close_connection = True
                    return
                if fault == "down":
                    self.close_connection = True
                    return
                file = root / path.lstrip("/")
                body = file.read_bytes()[: 1_000_000 if fault == "cut" else None]
                cache = serve.cache_control(path)
                if fault == "patched-later" and path not in server.served:
                    server.served.add(path)
                    cache = "no-store"
                elif fault in ("patched", "patched-later"):
                    body += PATCH
                kind = (
                    "application/octet-stream" if fault == "octet-stream" else serve.content_type(file.suffix)
                )
                self.send_response(200)
                self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(len(body)))
                self.send_header("Cache-Control", cache)
                self._security_headers(None)
                self.end_headers()
                if not head:
                    self.wfile.write(body)

            def _send_file(self, file: Path, url_path: str, status: int, head: bool) -> None:
                if file.suffix != ".html":
                    super()._send_file(file, url_path, status, head)
                    return
                body = with_probe(file.read_text("utf-8"), plain).encode()
                self.send_response(status)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.send_header("Cache-Control", "no-cache")
                self._security_headers(body.decode())
                self.end_headers()
                if not head:
                    self.wfile.write(body)

        self.server = serve.make_server(root, "127.0.0.1", 0, fallback)
        self.server.RequestHandlerClass = type(
            "ProbeHandler", (Handler,), {"root": root, "fallback": fallback}
        )
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"

    def set_fault(self, pattern: str, fault: int | str | None) -> None:
        """Start (or, with None, end) a fault; ending one lets stalled requests go."""
        if fault is None:
            self.faults.pop(pattern, None)
            self.released.set()
        else:
            self.faults[pattern] = fault
            self.released.clear()
            self.served.clear()

    def failed(self) -> list[str]:
        out = [f"HTTP {code} {path}" for path, code in self.answers if code >= 400]
        self.answers.clear()
        return out

    def close(self) -> None:
        self.released.set()
        self.server.shutdown()
        self.server.server_close()


class Engine:
    name = ""

    def goto(self, url: str) -> None:
        raise NotImplementedError

    def run(self, expression: str) -> Any:
        raise NotImplementedError

    def errors(self) -> list[str]:
        return []

    def close(self) -> None:
        pass

    def wait_for(self, expression: str, timeout: float = 60.0) -> Any:
        """Poll the expression until it is truthy; fail with its last value (or the error it
        last threw) after `timeout`. An error is retried: a driver may run the expression
        before the new document is in place (once on a clean clone, Firefox's first poll
        right after goto found no #eimza-result; the previous test had just changed the
        form, so the calculator's hash was still due and written at pagehide)."""
        end = time.monotonic() + timeout
        value: Any = None
        while time.monotonic() < end:
            try:
                value = self.run(expression)
            except Exception as err:  # any driver's evaluation error
                value = err
            else:
                if value:
                    return value
            time.sleep(0.1)
        raise AssertionError(f"{self.name}: still {value!r} after {timeout} s: {expression}")

    def probe(self) -> list[str]:
        """What the page's probe recorded (and the driver saw) since the page was loaded or
        the last call."""
        found = self.run("window.__probe ? window.__probe.splice(0) : ['probe missing']") or []
        return [*found, *self.errors()]


class Chromium(Engine):
    name = "chromium"

    def __init__(self, browser: Any) -> None:
        self.context = browser.new_context(locale="tr-TR", timezone_id="Europe/Istanbul")
        self.page = self.context.new_page()
        self._errors: list[str] = []
        # the workers of documents left by goto: their last console messages may reach this
        # process after the next document has loaded (the driver delivers a worker's console
        # on its own channel), and are not the next test's
        self._workers: set[Any] = set()
        self._left: set[Any] = set()
        self.page.on("worker", lambda w: self._workers.add(w))
        self.page.on("pageerror", lambda e: self._errors.append(f"pageerror: {e}"))
        self.page.on("console", self._console)

    def _console(self, message: Any) -> None:
        if message.type in ("error", "warning") and message.worker not in self._left:
            self._errors.append(f"{message.type}: {message.text}")

    def goto(self, url: str) -> None:
        self._left |= self._workers
        self._workers.clear()
        self.page.goto(url, wait_until="load")

    def run(self, expression: str) -> Any:
        return self.page.evaluate(f"() => ({expression})")

    def errors(self) -> list[str]:
        out, self._errors = self._errors, []
        return out

    def close(self) -> None:
        self.context.close()


class Firefox(Engine):
    name = "firefox"

    def __init__(self) -> None:
        self.proc = subprocess.Popen(
            ["node", str(ROOT / "scripts" / "firefox_driver.mjs")],
            cwd=ROOT,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        hello = self._read()
        assert hello.get("ready"), hello
        self.version = hello.get("version")

    def _read(self) -> dict[str, Any]:
        assert self.proc.stdout is not None
        line = self.proc.stdout.readline()
        if not line:
            raise AssertionError("the Firefox driver stopped")
        answer: dict[str, Any] = json.loads(line)
        return answer

    def _ask(self, **req: Any) -> Any:
        assert self.proc.stdin is not None
        self.proc.stdin.write(json.dumps(req) + "\n")
        self.proc.stdin.flush()
        answer = self._read()
        if "error" in answer:
            raise AssertionError(f"firefox: {answer['error']}")
        return answer.get("value")

    def goto(self, url: str) -> None:
        self._ask(cmd="goto", url=url)

    def run(self, expression: str) -> Any:
        return self._ask(cmd="run", js=f"({expression})")

    def errors(self) -> list[str]:
        out: list[str] = self._ask(cmd="errors")
        return out

    def close(self) -> None:
        try:
            self._ask(cmd="close")
            self.proc.wait(timeout=30)
        finally:
            if self.proc.poll() is None:
                self.proc.kill()
                self.proc.wait(timeout=10)


class WebKit(Engine):
    name = "webkit"

    def __init__(self) -> None:
        from selenium import webdriver
        from selenium.webdriver.webkitgtk.options import Options
        from selenium.webdriver.webkitgtk.service import Service

        self.xvfb = subprocess.Popen(
            ["Xvfb", "-displayfd", "1", "-screen", "0", "1280x1024x24", "-nolisten", "tcp"],
            stdout=subprocess.PIPE,
            text=True,
        )
        assert self.xvfb.stdout is not None
        display = ":" + self.xvfb.stdout.readline().strip()
        options = Options()
        options.binary_location = MINIBROWSER
        options.add_argument("--automation")
        service = Service(executable_path=WEBKIT_DRIVER, env={**os.environ, "DISPLAY": display})
        self.driver = webdriver.WebKitGTK(options=options, service=service)
        self.driver.set_page_load_timeout(60)

    def goto(self, url: str) -> None:
        self.driver.get(url)

    def run(self, expression: str) -> Any:
        return self.driver.execute_script(f"return ({expression});")

    def close(self) -> None:
        try:
            self.driver.quit()
        finally:
            self.xvfb.terminate()
            self.xvfb.wait(timeout=10)


def open_engine(request: pytest.FixtureRequest) -> Iterator[Engine]:
    """The engine a module's `engine` fixture is parametrised with ("chromium", "firefox",
    "webkit"), closed after the module."""
    if request.param == "chromium":
        made: Engine = Chromium(request.getfixturevalue("browser"))
    elif request.param == "firefox":
        made = Firefox()
    else:
        made = WebKit()
    yield made
    made.close()
