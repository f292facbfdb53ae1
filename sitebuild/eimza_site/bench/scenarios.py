"""The visits the bench makes, one run at a time, each in a fresh browser context (cold: empty
HTTP cache, no service worker), the repeat visit a reload in the same context once the first
visit has settled (Python ready, the service worker active). Every figure goes into
report.Figures under the key report.py prints."""

from __future__ import annotations

import contextlib
import time
from dataclasses import dataclass
from typing import Any

from eimza_site.bench import probe
from eimza_site.bench.cdp import Conditions
from eimza_site.bench.report import Figures
from eimza_site.bench.site import BARE, CALC, Counter, Plan, python_bytes, total
from eimza_site.bench.slow import ProcessSlowdown

TIMEOUT = 180_000


@dataclass
class Visit:
    """One page in its own context under its conditions, with the bytes sent for it."""

    browser: Any
    counter: Counter
    conditions: dict[str, bool]

    def __post_init__(self) -> None:
        self.context = self.browser.new_context()
        self.context.add_init_script(probe.INIT)
        cond = dict(self.conditions)
        if cond.pop("save_data", False):
            self.context.add_init_script(probe.SAVE_DATA)
        self.page = self.context.new_page()
        self.cond = Conditions(self.context, self.page, **cond)
        self.sent: list[tuple[str, int]] = []

    def go(self, url: str, reload: bool = False) -> None:
        self.counter.take()  # anything before belongs to the earlier visit
        self.sent = []
        if reload:
            self.page.reload(wait_until="commit")
        else:
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

    def settle(self, quiet: float = 1.0, limit: float = 60.0) -> list[tuple[str, int]]:
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

    def service_worker(self) -> bool:
        try:
            self.page.wait_for_function(
                "() => navigator.serviceWorker.ready.then((r) => !!r.active)", timeout=60_000, polling=100
            )
            return True
        except Exception:
            return False

    def close(self, figures: Figures) -> None:
        for what, message in self.cond.refused.items():
            note = f"yavaşlatılamadı: {what} ({message})"
            if note not in figures.notes:
                figures.notes.append(note)
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


def bare(f: Figures, browser: Any, base: str, counter: Counter, cond: dict[str, bool], suffix: str) -> None:
    v = Visit(browser, counter, cond)
    v.go(base + BARE)
    f.add(f"bare.{suffix}", v.wait("bare"))
    if suffix == "cold":
        f.add("bytes.bare.cold", total(v.settle()))
        f.add("task.bare", max(v.state()["longtasks"], default=0.0))
        v.go(base + BARE, reload=True)
        f.add("bare.repeat", v.wait("bare"))
        f.add("bytes.bare.repeat", total(v.settle()))
    v.close(f)


def first_answer(
    f: Figures, browser: Any, base: str, counter: Counter, plan: Plan, path: str, name: str
) -> None:
    """Cold: navigation → the first answer (the instant one where the page has it); then,
    Python ready and the service worker active, the repeat visit."""
    v = Visit(browser, counter, {})
    v.go(base + path)
    key = "instant" if name == "link" else "first"
    f.add(f"{name}.cold", v.wait(key))
    f.facts[f"{name}.cold.path"] = v.state()["answer"]
    tasks(f, v, base + path, plan)
    v.wait("ready")
    if not v.service_worker():
        f.notes.append(f"{name}: hizmet çalışanı (service worker) 60 s içinde etkinleşmedi")
    v.settle()
    v.go(base + path, reload=True)
    f.add(f"{name}.repeat", v.wait(key))
    f.facts[f"{name}.repeat.path"] = v.state()["answer"]
    tasks(f, v, base + path, plan)
    v.close(f)


def python_ready(f: Figures, browser: Any, base: str, counter: Counter, plan: Plan) -> None:
    """Cold: a shared link whose date no instant interval holds → the worker's first answer;
    then the form changes; bytes until ready and in all; the repeat visit."""
    url = base + plan.worker_link
    v = Visit(browser, counter, {})
    v.go(url)
    f.add("ready.cold", v.wait("ready"))
    v.sent += counter.take()
    f.add("bytes.ready", total(v.sent))
    interactions(f, v, plan, "interaction")
    tasks(f, v, url, plan)
    v.service_worker()
    f.add("bytes.cold", total(v.settle()))
    v.go(url, reload=True)
    f.add("ready.repeat", v.wait("ready"))
    f.add("bytes.repeat", total(v.settle()))
    tasks(f, v, url, plan)
    v.close(f)


def throttled(f: Figures, browser: Any, base: str, counter: Counter, plan: Plan, suffix: str) -> None:
    """cpu4: DevTools 4× on the page (and, where Chromium allows, its workers); cpu4p: the
    renderer processes stopped 3/4 of the time (slow.py: page and workers alike); net:
    20 Mbit/s, 40 ms."""
    cond = {"cpu": True} if suffix == "cpu4" else {"network": True} if suffix == "net" else {}
    slowdown = ProcessSlowdown() if suffix == "cpu4p" else None
    with slowdown or contextlib.nullcontext():
        bare(f, browser, base, counter, cond, suffix)
        if plan.instant_link:
            v = Visit(browser, counter, cond)
            v.go(base + plan.instant_link)
            f.add(f"link.{suffix}", v.wait("instant"))
            v.close(f)
        v = Visit(browser, counter, cond)
        v.go(base + plan.worker_link)
        f.add(f"ready.{suffix}", v.wait("ready"))
        interactions(f, v, plan, f"interaction.{suffix}")
        v.close(f)
    if slowdown:
        f.add("cpu4p.stopped_share", slowdown.stopped_share)


def save_data(f: Figures, browser: Any, base: str, counter: Counter, path: str) -> None:
    """Cold with Save-Data: the page's bytes once it has answered and gone quiet (3 s)."""
    v = Visit(browser, counter, {"save_data": True})
    v.go(base + path)
    v.wait("first")
    sent = v.settle(quiet=3.0)
    f.add("bytes.savedata", total(sent))
    f.add("bytes.savedata.python", python_bytes(sent))
    f.facts["savedata.path"] = v.state()["answer"]
    v.close(f)


def home(f: Figures, browser: Any, base: str, counter: Counter) -> None:
    v = Visit(browser, counter, {})
    v.go(base)
    v.page.wait_for_function(
        "() => performance.getEntriesByName('first-contentful-paint').length > 0", timeout=TIMEOUT
    )
    f.add("home.fcp", v.page.evaluate("performance.getEntriesByName('first-contentful-paint')[0].startTime"))
    v.page.wait_for_load_state("load")
    v.page.wait_for_timeout(500)
    f.add("task.home", max(v.state()["longtasks"], default=0.0))
    v.close(f)


def one_run(
    f: Figures,
    browser: Any,
    base: str,
    counter: Counter,
    plan: Plan,
    default_instant: bool,
    process_slowdown: bool,
) -> None:
    bare(f, browser, base, counter, {}, "cold")
    first_answer(f, browser, base, counter, plan, CALC, "default")
    if plan.instant_link:
        first_answer(f, browser, base, counter, plan, plan.instant_link, "link")
    python_ready(f, browser, base, counter, plan)
    save_data(
        f, browser, base, counter, CALC if default_instant or not plan.instant_link else plan.instant_link
    )
    home(f, browser, base, counter)
    throttled(f, browser, base, counter, plan, "cpu4")
    if process_slowdown:
        throttled(f, browser, base, counter, plan, "cpu4p")
    throttled(f, browser, base, counter, plan, "net")
