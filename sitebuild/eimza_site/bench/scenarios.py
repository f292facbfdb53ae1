"""The visits the bench makes, one run at a time, each in a fresh browser context (cold: empty
HTTP cache, no service worker). Every figure goes into report.Figures under the key report.py
prints; "4× CPU" is the process-level slowdown (slow.py: the page and its workers alike)."""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

from eimza_site.bench import probe
from eimza_site.bench.report import Figures
from eimza_site.bench.site import BARE, CALC, PERSON, SWAP, Counter, Plan, python_bytes, total
from eimza_site.bench.slow import ProcessSlowdown

TIMEOUT = 180_000
KEY_MS = 125  # 8 characters a second
KEPT = "Hesaplayıcı bu cihaza indirildi: bağlantı olmadan da çalışır."
# what the edition's offline copy holds: the bodies in Cache Storage
CACHED_BYTES = """async () => {
  let n = 0;
  for (const name of await caches.keys()) {
    const cache = await caches.open(name);
    for (const request of await cache.keys()) {
      n += (await (await cache.match(request)).arrayBuffer()).byteLength;
    }
  }
  return n;
}"""


# A reader on a link's own day: the page opens a link on the reader's today and only offers
# another date (ARCHITECTURE.md), so a link's answer is measured with its date as today.
LINK_DAY = r"""(() => {
  const m = /(?:^#|&)tarih=(\d{4}-\d{2}-\d{2})(?:&|$)/.exec(location.hash);
  if (m) window.__eimzaToday = m[1];
})();"""


@dataclass
class Visit:
    """One page in its own context, with the bytes sent for it."""

    browser: Any
    counter: Counter

    def __post_init__(self) -> None:
        self.context = self.browser.new_context()
        self.context.add_init_script(probe.INIT)
        self.context.add_init_script(LINK_DAY)
        self.page = self.context.new_page()
        self.sent: list[tuple[str, int]] = []

    def go(self, url: str) -> None:
        self.counter.take()  # anything before belongs to the earlier visit
        self.sent = []
        self.page.goto(url, wait_until="commit")

    def wait(self, key: str, timeout: float = TIMEOUT) -> float:
        self.page.wait_for_function(
            "(k) => !!window.__bench && k in window.__bench.t", arg=key, timeout=timeout, polling=20
        )
        return float(self.page.evaluate("(k) => window.__bench.t[k]", key))

    def state(self) -> Any:
        return self.page.evaluate(
            "() => ({...window.__bench,"
            " answer: document.getElementById('eimza-calc')?.dataset.answer || null})"
        )

    def settle(self, quiet: float = 2.0, limit: float = 120.0) -> list[tuple[str, int]]:
        """Wait until the server has sent nothing for `quiet` seconds; the visit's bytes."""
        end, last = time.monotonic() + limit, time.monotonic()
        while time.monotonic() < end:
            self.page.wait_for_timeout(200)
            new = self.counter.take()
            if new:
                self.sent += new
                last = time.monotonic()
            elif time.monotonic() - last >= quiet:
                break
        return self.sent

    def offline_copy(self, f: Figures) -> bool:
        """Wait for the edition's service worker to be active (its copy of the pages made)."""
        try:
            self.page.wait_for_function(
                "() => navigator.serviceWorker.ready"
                ".then((r) => !!r.active && r.active.state === 'activated')",
                timeout=60_000,
                polling=100,
            )
            return True
        except Exception:
            note = "hizmet çalışanı (service worker) 60 s içinde etkinleşmedi"
            if note not in f.notes:
                f.notes.append(note)
            return False

    def close(self) -> None:
        self.context.close()


def tasks(f: Figures, v: Visit, page_url: str, plan: Plan) -> None:
    s = v.state()
    f.add("task.any", max(s["longtasks"], default=0.0))
    for who, ms in probe.longest_by_owner(s["scripts"], page_url).items():
        f.add(f"task.{who}", ms)
    c = probe.culprit([x for x in s["scripts"] if probe.owner(x, page_url) == "own"], plan.inline)
    if c:
        f.facts.setdefault("task.own.culprits", []).append(c)


def interactions(f: Figures, v: Visit, plan: Plan, key: str) -> None:
    for kind, value in plan.steps:
        r = v.page.evaluate(probe.CHANGE, [kind, value])
        if r["ms"] is None:
            f.add(f"{key}.unchanged", 1)
            continue
        f.add(key, r["ms"])
        f.add(f"{key}.{r['answer']}", r["ms"])
        v.page.wait_for_timeout(50)


def bare(f: Figures, browser: Any, base: str, counter: Counter, suffix: str) -> None:
    """The bare Pyodide page, cold: navigation → one line of Python printed."""
    v = Visit(browser, counter)
    v.go(base + BARE)
    f.add(f"bare.{suffix}", v.wait("bare"))
    if suffix == "cold":
        f.add("task.bare", max(v.state()["longtasks"], default=0.0))
    v.close()


def instant_path(plan: Plan, default_instant: bool) -> str:
    """A link the page answers at once: the default case when the edition's day is in the
    table (today's build), else the plan's shared link."""
    return CALC if default_instant or not plan.instant_link else plan.instant_link


def no_intent(f: Figures, browser: Any, base: str, counter: Counter, plan: Plan, path: str) -> None:
    """Cold, no intent: the first answer; the main thread's long tasks; every byte of the
    visit until its offline copy is made and the server has gone quiet; that copy's size."""
    v = Visit(browser, counter)
    v.go(base + path)
    f.add("instant.cold", v.wait("instant"))
    v.page.wait_for_load_state("load")
    v.offline_copy(f)
    sent = v.settle()
    f.add("bytes.nointent", total(sent))
    f.add("bytes.nointent.python", python_bytes(sent))
    f.add("offline.before", v.page.evaluate(CACHED_BYTES))
    tasks(f, v, base + path, plan)
    v.close()


def typing(f: Figures, browser: Any, base: str, counter: Counter, plan: Plan, path: str, suffix: str) -> None:
    """Cold: the page answers at once; then a person types name, surname and T.C. Kimlik No
    at 8 characters a second (Tab between fields) from the first focus on Ad. From that focus,
    and from the 11th digit, to the description on screen."""
    v = Visit(browser, counter)
    v.go(base + path)
    v.wait("instant")
    v.page.wait_for_load_state("load")
    v.page.evaluate(probe.TYPING, PERSON["tckn"])
    v.page.focus("#eimza-name")
    for i, field in enumerate(("name", "surname", "tckn")):
        if i:
            v.page.wait_for_timeout(KEY_MS)
            v.page.keyboard.press("Tab")
            v.page.wait_for_timeout(KEY_MS)
        v.page.keyboard.type(PERSON[field], delay=KEY_MS)
    desc = v.wait("desc")
    t = v.page.evaluate("() => window.__bench.t")
    f.add(f"typing.total{suffix}", desc - t["focus"])
    f.add(f"typing.wait{suffix}", desc - t["digit"])
    if not suffix:
        tasks(f, v, base + path, plan)
    v.close()


def python_needed(f: Figures, browser: Any, base: str, counter: Counter, plan: Plan) -> None:
    """Cold, no earlier intent: a link whose date no instant interval holds → the worker's
    first answer; bytes until then; the form changes; then every byte until the runtime has
    joined the offline copy, and that copy's size."""
    url = base + plan.worker_link
    v = Visit(browser, counter)
    v.go(url)
    f.add("ready.cold", v.wait("ready"))
    v.sent += counter.take()
    f.add("bytes.ready", total(v.sent))
    interactions(f, v, plan, "interaction")
    tasks(f, v, url, plan)
    if v.offline_copy(f):
        v.page.wait_for_function(
            "(kept) => document.getElementById('eimza-keep-msg').textContent === kept",
            arg=KEPT,
            timeout=TIMEOUT,
        )
    f.add("bytes.ready.all", total(v.settle()))
    f.add("offline.after", v.page.evaluate(CACHED_BYTES))
    v.close()


def changes(f: Figures, browser: Any, base: str, counter: Counter, plan: Plan, path: str, key: str) -> None:
    """The form changes on a page that has answered: the calculator (Python ready) or the
    bare swap page."""
    v = Visit(browser, counter)
    v.go(base + path)
    v.page.wait_for_function(
        "() => document.getElementById('eimza-calc')?.dataset.state === 'ready'", timeout=TIMEOUT
    )
    interactions(f, v, plan, key)
    v.close()


def one_run(
    f: Figures, browser: Any, base: str, counter: Counter, plan: Plan, default_instant: bool, slow: bool
) -> None:
    path = instant_path(plan, default_instant)
    swap = SWAP + plan.worker_link[len(CALC) :]  # the same link's hash
    bare(f, browser, base, counter, "cold")
    no_intent(f, browser, base, counter, plan, path)
    typing(f, browser, base, counter, plan, path, "")
    python_needed(f, browser, base, counter, plan)
    changes(f, browser, base, counter, plan, swap, "swap")
    if not slow:
        return
    with ProcessSlowdown() as slowdown:
        bare(f, browser, base, counter, "cpu4")
        typing(f, browser, base, counter, plan, path, ".cpu4")
        changes(f, browser, base, counter, plan, plan.worker_link, "interaction.cpu4")
        changes(f, browser, base, counter, plan, swap, "swap.cpu4")
    f.add("cpu4.stopped_share", slowdown.stopped_share)
