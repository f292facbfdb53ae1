"""Helpers for the instant-answer tests: the worker's call as the page makes it, a data copy
with one more known period and a VAT change, the calculator page's instant table, a shared
link for a case, dated cases inside and outside the table's intervals, `block_python` and
`shown_equals` (the result region holds exactly an engine HTML)."""

from __future__ import annotations

import datetime as dt
import json
import re
import tomllib
from decimal import Decimal
from pathlib import Path
from typing import Any

from playwright.sync_api import Page, Route

from browser_guard import BrowserGuard
from conftest import SESSION_EDITION
from eimza.web import handle
from engine_facts import raw_periods

DAY = dt.timedelta(days=1)
NO_PERSON = {"name": "", "surname": "", "tckn": ""}


def worker_html(case: dict[str, Any], day: dt.date, data: Any) -> str:
    """What calculator.mjs posts and the worker renders: handle({case, person}).answer.html."""
    message = {"case": {**case, "date": day.isoformat()}, "person": NO_PERSON}
    return str(json.loads(handle(json.dumps(message, ensure_ascii=False), data))["answer"]["html"])


def worker_summary(case: dict[str, Any], day: dt.date, data: Any) -> Any:
    """The worker's reply's summary (the page announces it) for the same message."""
    message = {"case": {**case, "date": day.isoformat()}, "person": NO_PERSON}
    return json.loads(handle(json.dumps(message, ensure_ascii=False), data))["answer"].get("summary")


def samples(interval: dict[str, str]) -> list[dt.date]:
    first, last = dt.date.fromisoformat(interval["from"]), dt.date.fromisoformat(interval["to"])
    span = (last - first).days
    days = {first, last, first + (span // 2) * DAY, first + (span // 3) * DAY}
    if span:
        days |= {first + DAY, last - DAY}
    return sorted(days)


def with_known_period_and_vat_change(text: str) -> tuple[str, dt.date, dt.date, dt.date]:
    """A copy with one more period with known amounts (the next 1 January after the last
    period starts), verified 30 days later, and a VAT rate change 100 days after its start."""
    periods = raw_periods(text)
    start = dt.date(max(p["from"] for p in periods).year + 1, 1, 1)
    verified, vat_day = start + 30 * DAY, start + 100 * DAY
    raw = tomllib.loads(text)
    rate = max(v["rate"] for v in raw["vat"])
    source = raw["source"][0]["id"]  # any source of the file: the check wants one
    # every item of a known period carries the source's VAT-inclusive figure (the data check
    # requires it): the rate in force on the verified date, before the VAT change below
    gross = {net: f"{Decimal(net) * (100 + Decimal(rate)) / 100:.2f}" for net in ("1234.00", "321.00")}
    block = (
        f"\n[[tariff]]\nfrom = {start}\nfrom_assumed = false\namounts_known = true\n"
        f'verified = {verified}\nconfidence = "high"\n'
        f'sources = ["{source}"]\nnote = "Sınama dönemi."\n'
        f'[tariff.items]\nnes-3y = {{ net = "1234.00", quoted_gross = "{gross["1234.00"]}" }}\n'
        f'mini-reader = {{ net = "321.00", quoted_gross = "{gross["321.00"]}" }}\n'
    )
    vat = f'\n[[vat]]\nfrom = {vat_day}\nrate = "{int(rate) + 1}"\nsources = ["{source}"]\n'
    head, sep, tail = text.partition("\n[[tariff]]")
    return head.rstrip("\n") + "\n" + vat + sep + tail.rstrip("\n") + "\n" + block, start, verified, vat_day


BLOCK = re.compile(r'<script type="application/json" id="eimza-instant">(.*?)</script>', re.S)


def page_table(site_dir: Path) -> tuple[str, dict[str, Any]]:
    html = (site_dir / "ucret-hesaplama" / "index.html").read_text(encoding="utf-8")
    blocks = BLOCK.findall(html)
    assert len(blocks) == 1
    return html, json.loads(blocks[0])


def link(site_url: str, case: dict[str, Any]) -> str:
    p = {"durum": case["situation"], "gorev": case["role"]}
    if "date" in case:
        p["tarih"] = case["date"]
    if case.get("electronic") is False:
        p["islak"] = "1"
    if case.get("with_reader"):
        p["okuyucu"] = "1"
    return f"{site_url}/ucret-hesaplama/#" + "&".join(f"{k}={v}" for k, v in p.items())


def inside(site_dir: Path) -> list[dict[str, Any]]:
    """A dated case for every key of the page's table, on a day inside its interval next to
    the edition's (the day after, else the day before, else the edition's own)."""
    _, table = page_table(site_dir)
    edition = dt.date.fromisoformat(SESSION_EDITION)
    out = []
    for key, intervals in sorted(table.items()):
        for i in intervals:
            first, last = dt.date.fromisoformat(i["from"]), dt.date.fromisoformat(i["to"])
            after, before = edition + dt.timedelta(days=1), edition - dt.timedelta(days=1)
            day = after if after <= last else before if before >= first else edition
            out.append({**json.loads(key), "date": day.isoformat()})
    return out


def outside(site_dir: Path) -> dict[str, Any]:
    """A dated case the page's table does not answer: the day after an interval ends."""
    _, table = page_table(site_dir)
    key = next(k for k, v in table.items() if v and v[0]["to"] < "9999-12-31")
    day = dt.date.fromisoformat(table[key][0]["to"]) + dt.timedelta(days=1)
    case = {**json.loads(key), "date": day.isoformat()}
    assert not any(i["from"] <= case["date"] <= i["to"] for i in table[key])
    return case


def worker_head(case: dict[str, Any], day: dt.date, today: dt.date, data: Any = None) -> str:
    """The answer's head (eimza.dated) the worker gives for the case on `day` when the page's
    today is `today`."""
    message = {"case": {**case, "date": day.isoformat()}, "person": NO_PERSON, "today": today.isoformat()}
    return str(json.loads(handle(json.dumps(message, ensure_ascii=False), data))["answer"]["head"])


BLOCKED = ("**/worker-*.mjs", "**/assets/pyodide/**", "**/snapshot-*.bin", "**/*.whl")


def block_python(page: Page, guard: BrowserGuard) -> list[str]:
    """Every request for the worker, Pyodide, the snapshot or the wheel refused (and listed
    in the returned list); the page's own reports of it declared to the guard."""
    asked: list[str] = []

    def abort(route: Route) -> None:
        asked.append(route.request.url)
        route.abort()

    for pattern in BLOCKED:
        page.route(pattern, abort)
    guard.expect(r"^warning: eimza calculator: ", "the worker is blocked: the page says why", False)
    guard.expect(r"^error: Failed to load resource", "the blocked requests", False)
    return asked


def shown_equals(page: Page, expected_html: str, where: str = "eimza-result") -> None:
    """The result region's answer (or, with where="eimza-when", its head) holds exactly this
    engine HTML (the page's Kopyala buttons aside), compared as the browser parses both."""
    got = page.evaluate(
        """([html, where]) => {
          const region = document.getElementById(where).cloneNode(true);
          for (const b of region.querySelectorAll('button.eimza-copy')) b.remove();
          const t = document.createElement('template');
          t.innerHTML = html;
          const d = document.createElement('div');
          d.append(t.content.cloneNode(true));
          return [region.innerHTML, d.innerHTML];
        }""",
        [expected_html, where],
    )
    assert got[0] == got[1]


CALC_PAGE = re.compile(r".*/ucret-hesaplama/(#.*)?$")


def serve_instant(page: Page, json_text: str) -> None:
    """The calculator page, as served to `page`, carries `json_text` as its instant answers
    (the `eimza-instant` data block replaced)."""
    block = f'<script type="application/json" id="eimza-instant">{json_text}</script>'

    def calc_page(route: Route) -> None:
        changed, n = BLOCK.subn(lambda _m: block, route.fetch().text())
        assert n == 1
        route.fulfill(status=200, body=changed, content_type="text/html; charset=utf-8")

    page.route(CALC_PAGE, calc_page)
