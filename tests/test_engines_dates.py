"""Dates never mislead (issue 24 item 1) and a bad date is an answer (issue 25 item 4) in
Debian's Firefox ESR and WebKitGTK (tests/engines.py; Chromium has these cases, and more,
in test_calculator_dates_browser.py).

Each case gets an origin of its own (a cold ProbeServer) whose probe script fixes the page's
"today" (`window.__eimzaToday`) or shortens the boot watchdog before the page's scripts.
Expected texts are the issue's sentences with dates written here (engine_facts.tr_date);
amounts come from the native engine."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

import eimza
from engine_facts import known_days, tr_date, unknown_days
from engines import Engine, ProbeServer, open_engine
from instant_helpers import link

pytestmark = pytest.mark.browser

CALC = "document.getElementById('eimza-calc')"
FIRST = {"situation": "first", "role": "family-doctor"}  # pays: its amounts depend on the date
KNOWN = max(day for day, _ in known_days())  # the sender's day: amounts known
TODAY = unknown_days()[-1]  # the reader's today: amounts unknown
FAILED = "Hesaplayıcı bu tarayıcıda çalıştırılamadı"
WATCH_MS = 8000  # the boot watchdog, shortened (45 s by default): see past_the_watchdog


@pytest.fixture(scope="module", params=["firefox", "webkit"])  # Chromium: see the docstring
def engine(request: pytest.FixtureRequest) -> Iterator[Engine]:
    yield from open_engine(request)


@pytest.fixture
def server(site_dir: Path) -> Iterator[ProbeServer]:
    srv = ProbeServer(site_dir)
    yield srv
    srv.close()


def text(engine: Engine, selector: str) -> str:
    out = engine.run(f"(document.querySelector({json.dumps(selector)}) || {{}}).textContent || ''")
    return " ".join(str(out).split())


def visible(engine: Engine, selector: str) -> bool:
    el = f"document.querySelector({json.dumps(selector)})"
    return bool(engine.run(f"!!{el} && !{el}.closest('[hidden]') && {el}.getClientRects().length > 0"))


def before_any_amount(engine: Engine, selector: str) -> bool:
    """The element comes before every amount of the result region, in the document's order."""
    return bool(
        engine.run(
            f"""(() => {{
              const first = document.querySelector({json.dumps(selector)});
              const amounts = document.querySelectorAll(
                '.eimza-result [data-total], .eimza-result .eimza-amount, .eimza-result tr[data-item]');
              return !!first && [...amounts].every(a => !!(first.compareDocumentPosition(a)
                & Node.DOCUMENT_POSITION_FOLLOWING) && !first.contains(a));
            }})()"""
        )
    )


def test_a_past_link_opens_on_today_and_says_so_first(engine: Engine, server: ProbeServer) -> None:
    server.settings["__eimzaToday"] = TODAY.isoformat()
    engine.goto(link(server.url, {**FIRST, "date": KNOWN.isoformat()}))
    # today's answer (only Python answers a day the edition's table lacks), the sender's date offered
    engine.wait_for(
        f"{CALC}.dataset.state === 'ready' && !!document.querySelector('#eimza-when .eimza-date')", 90
    )
    assert engine.run("document.getElementById('eimza-date').value") == TODAY.isoformat()
    assert text(engine, "#eimza-date-words") == tr_date(TODAY)
    assert visible(engine, "#eimza-link-date")
    assert text(engine, "#eimza-link-date").startswith(
        f"Bu bağlantı {tr_date(KNOWN)} tarihi için paylaşılmış; aşağıdaki yanıt bugünün tarihine göredir."
    )
    assert before_any_amount(engine, "#eimza-link-date")
    assert text(engine, "#eimza-when") == f"Ödeme tarihi: {tr_date(TODAY)} (bugün)"
    assert engine.run("document.querySelectorAll('.eimza-result [data-total]').length") == 0
    assert engine.run("!!document.querySelector('#eimza-result [data-error=tariff-unknown]')")
    # one tap: the sender's day, its amount after the notice that says what holds today
    engine.run("(document.querySelector('#eimza-link-date button').click(), true)")
    total = eimza.quote({**FIRST, "date": KNOWN.isoformat()})["payment"]["total"]
    engine.wait_for(
        f"(document.querySelector('#eimza-result [data-total]') || {{}}).getAttribute?.('data-total')"
        f" === {json.dumps(total)} && !!document.querySelector('#eimza-when .eimza-other-day')",
        30,
    )
    assert (
        text(engine, "#eimza-when [data-eimza-say]")
        == f"Bu yanıt bugün için değil: {tr_date(KNOWN)} tarihi içindir."
    )
    today_line = text(engine, "#eimza-when .eimza-other-day p:nth-of-type(2)")
    assert today_line.startswith(f"Bugün ({tr_date(TODAY)}): ") and today_line.endswith(
        "Eski tutarları yatırmayın."
    )
    assert text(engine, "#eimza-when .eimza-date") == f"Ödeme tarihi: {tr_date(KNOWN)}"
    assert before_any_amount(engine, "#eimza-when [data-eimza-say]")
    assert not visible(engine, "#eimza-link-date")
    # a link for today says nothing of the kind
    engine.goto("about:blank")
    engine.goto(link(server.url, {**FIRST, "date": TODAY.isoformat()}))
    engine.wait_for("!!document.querySelector('#eimza-when .eimza-date')", 90)
    assert text(engine, "#eimza-when") == f"Ödeme tarihi: {tr_date(TODAY)} (bugün)"
    assert not visible(engine, "#eimza-link-date")
    assert engine.run("document.querySelectorAll('.eimza-other-day').length") == 0
    problems = engine.probe() + server.failed()
    assert not problems, "\n".join(problems)


def test_a_links_impossible_date_keeps_the_calculator_alive(engine: Engine, server: ProbeServer) -> None:
    """Past the boot watchdog (shortened: it is the only timer after the boot), the worker
    ready, a typed date answers."""
    server.settings["__eimzaWatchMs"] = WATCH_MS
    engine.goto(f"{server.url}/ucret-hesaplama/#durum=first&gorev=family-doctor&tarih=2024-02-30")
    engine.wait_for("!document.getElementById('eimza-date-msg').hidden")
    assert text(engine, "#eimza-date-msg") == (
        "Bağlantıdaki tarih (2024-02-30) geçerli bir tarih değil. Ödeme tarihini gün.ay.yıl olarak girin."
    )
    assert text(engine, "#eimza-date-msg kbd") == "2024-02-30"  # shown as typed input
    engine.run("(document.getElementById('eimza-name').focus(), true)")  # Python starts
    engine.wait_for(f"{CALC}.dataset.state === 'ready'", 90)
    time.sleep((WATCH_MS + 2000) / 1000)
    assert engine.run(f"{CALC}.dataset.state") == "ready"
    assert FAILED not in text(engine, ".eimza-result")
    engine.run(
        "(() => { const d = document.getElementById('eimza-date');"
        f" d.value = {json.dumps(KNOWN.isoformat())};"
        " d.dispatchEvent(new Event('input', {bubbles: true})); return true; })()"
    )
    total = eimza.quote({**FIRST, "date": KNOWN.isoformat()})["payment"]["total"]
    engine.wait_for(
        f"(document.querySelector('#eimza-result [data-total]') || {{}}).getAttribute?.('data-total')"
        f" === {json.dumps(total)}",
        30,
    )
    assert engine.run("document.getElementById('eimza-date-msg').hidden")
    assert FAILED not in text(engine, ".eimza-result")
    problems = engine.probe() + server.failed()
    assert not problems, "\n".join(problems)
