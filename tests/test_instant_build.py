"""The build's instant answers: the calculator page carries, as a JSON data block (not a
script: no CSP hash), the engine's table for the build's own data choice and edition
(facts.choose → eimza.instant), with ISO date intervals; a data copy gives its own table."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

from conftest import SESSION_EDITION
from edition_builds import with_national
from eimza import instant, load_data
from eimza_site.pages import csp, facts
from engine_facts import shipped_text
from instant_helpers import BLOCK, page_table, with_known_period_and_vat_change, worker_html
from site_helpers import priced_case

ISO = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def test_calculator_page_carries_the_editions_table(site_dir: Path) -> None:
    html, table = page_table(site_dir)
    edition = dt.date.fromisoformat(SESSION_EDITION)
    assert table == instant.for_day(instant.table(load_data(), edition), edition)
    assert set(table) == {instant.case_key(c) for c in instant.form_cases(load_data())}
    for key, intervals in table.items():
        for i in intervals:
            assert ISO.match(i["from"]) and ISO.match(i["to"])
            assert i["from"] <= SESSION_EDITION <= i["to"]
            # independently: the worker's call on the edition's date
            assert i["html"] == worker_html(json.loads(key), edition, load_data())
    assert any(table.values())
    # a data block: the page's policy hashes only its scripts, and this is none of them
    meta = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)"', html)
    assert meta and meta.group(1) == csp.policy(csp.inline_script_hashes(html), blob=True)
    body = BLOCK.search(html)
    assert body and "</" not in body.group(1) and "<!--" not in body.group(1)


def test_other_pages_carry_no_table(site_dir: Path) -> None:
    assert "eimza-instant" not in (site_dir / "index.html").read_text(encoding="utf-8")


def test_table_follows_the_builds_data_choice(tmp_path: Path) -> None:
    text, _start, _verified, vat_day = with_known_period_and_vat_change(shipped_text())
    folder = with_national(tmp_path / "data", text)
    day = vat_day + dt.timedelta(days=3)
    choice = facts.choose(str(folder), day.isoformat())
    table = json.loads(facts.instant_json(choice))
    key = instant.case_key({k: v for k, v in priced_case(choice.data, day).items() if k != "date"})
    assert table[key][0]["from"] == vat_day.isoformat()
    for k, intervals in table.items():
        for i in intervals:
            assert i["html"] == worker_html(json.loads(k), day, choice.data)
    # and not the shipped data's: its table has no interval starting that day
    packaged = facts.choose(None, day.isoformat())
    assert json.loads(facts.instant_json(packaged))[key] != table[key]
