"""Every shipped directorate (the folders of data/iller/) and every fixture directorate with a
cases file (tests/data/iller/<name>/ with tests/data/cases/<name>.toml, e.g. one written from
the guide alone) — found (case_files.directorates), never listed here — gets its own site
checked: a strict build (its first edition, as published: conftest.directorate_site, one
build per directorate and session, the session directorate's being the session site), the
page checks `make publish` runs (sitecheck.check_site against its own data), no page naming
another shipped directorate's IBAN, e-mail or name, and the calculator in the Pyodide that
site ships (scripts/parity.mjs: plainly booted and, for a shipped directorate, restored from
its snapshot) answering the engine's case table (eimza.cases for its data) and its cases
file like the native engine, field for field, and as the cases file expects. The full
browser suite runs on the session site only."""

from __future__ import annotations

import datetime as dt
import json
import re
import zipfile
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

import eimza
from case_files import Directorate, differences, directorates, load, shipped
from conftest import first_edition
from eimza import cases, web
from eimza_site.directorate import site_url
from eimza_site.pages import sitecheck
from eimza_site.runtime.calccheck import diff
from site_helpers import ROOT, Node, pages, parse_tree

SHIPPED = shipped()
ALL = directorates()
IDS = [d.name for d in ALL]


def _data(d: Directorate | str) -> eimza.Data:
    return eimza.load_data(d.folder if isinstance(d, Directorate) else ROOT / "data" / "iller" / d)


def test_directorates_are_found() -> None:
    assert SHIPPED and all((ROOT / "data" / "iller" / il / "baskilar.toml").is_file() for il in SHIPPED)
    assert any(not d.shipped for d in ALL)  # the fixtures with a cases file


@pytest.mark.parametrize("d", ALL, ids=IDS)
def test_site_ships_only_its_own_data(d: Directorate, directorate_site: Any) -> None:
    site = directorate_site(d.il)
    [wheel] = (site / "assets" / "calculator").glob("*/eimza-*.whl")
    with zipfile.ZipFile(wheel) as zf:
        shipped_data = {n: zf.read(n) for n in zf.namelist() if n.startswith("eimza/data/")}
    assert shipped_data == {
        "eimza/data/kamusm.toml": Path(_data(d).national_path).read_bytes(),
        "eimza/data/il.toml": (d.folder / "il.toml").read_bytes(),
        "eimza/data/baskilar.toml": (d.folder / "baskilar.toml").read_bytes(),
    }


@pytest.mark.parametrize("d", ALL, ids=IDS)
def test_pages_say_what_the_data_says(d: Directorate, directorate_site: Any) -> None:
    data = _data(d)
    base = urlsplit(site_url(data)).path or "/"  # the build's address ([site] url), as make publish takes it
    edition = dt.date.fromisoformat(first_edition(d.il))
    problems = sitecheck.check_site(directorate_site(d.il), data, edition, base)
    assert problems == [], "\n".join(sitecheck.report(problems[:30]))


def _outside_citations(node: Node) -> list[str]:
    """The page's text but its citations (`.eimza-cite`: a source cited, a tariff note quoted)."""
    out: list[str] = []
    for child in node.children:
        if isinstance(child, str):
            out.append(child)
        elif "eimza-cite" not in child.classes():
            out += _outside_citations(child)
    return out


@pytest.mark.parametrize("d", ALL, ids=IDS)
def test_no_page_names_another_directorate(d: Directorate, directorate_site: Any) -> None:
    """No other shipped directorate's facts (IBAN, e-mail, name, unit, account holder) in a
    page's text outside its citations: the national file's sources are directorates' pages
    (where Kamu SM's amounts and addresses were seen), and every directorate's pages may cite
    them (`.eimza-cite`: pages/citations.py), never take their facts. A unit's name is common
    words ("Bilgi İşlem", "Sağlık Bilgi Sistemleri": the guide's example, a directorate's own
    notes): another's unit is its name said as a unit ("… Birimi/birimine"), and one the
    directorate also has is its own."""
    data = _data(d)
    own_units = {b.values["unit"] for b in data.facts_blocks if b.values.get("unit")}
    found = []
    site = directorate_site(d.il)
    for page in pages(site):
        rel = page.relative_to(site).as_posix()
        text = re.sub(r"\s+", " ", " ".join(_outside_citations(parse_tree(page.read_text(encoding="utf-8")))))
        compact = re.sub(r"\s", "", text)
        for other in SHIPPED:
            if d.shipped and other == d.il:
                continue
            for block in _data(other).facts_blocks:
                v = block.values
                named = [v.get("name"), v.get("account_holder"), *(v.get("emails") or ())]
                said = [n for n in named if n and re.search(rf"\b{re.escape(n)}\b", text)]
                unit = v.get("unit")
                if unit and unit not in own_units and re.search(rf"\b{re.escape(unit)} [Bb]irim", text):
                    said.append(f"{unit} Birimi")
                if v.get("iban") and v["iban"] in compact:
                    said.append(v["iban"])
                found += [(rel, other, n) for n in said]
    assert found == []


@pytest.mark.node
@pytest.mark.parametrize("d", ALL, ids=IDS)
def test_calculator_answers_as_the_engine_and_the_cases_file(d: Directorate, directorate_parity: Any) -> None:
    assert d.cases is not None, f"no cases file for {d.name}: tests/cases/{d.name}.toml"
    data = _data(d)
    expected = load(d.cases)
    shipped_out = directorate_parity(d.il)
    modes = ("plain", "snapshot_answers") if d.shipped else ("plain",)  # a fixture: no snapshot
    problems: list[str] = []
    for mode in modes:
        table, own = shipped_out[mode], shipped_out["cases"][mode]
        assert table is not None and own is not None, mode
        assert [r["message"]["case"] for r in table if r["message"]["person"] is None] == cases.for_data(data)
        assert len(own) == len(expected), mode
        for run in [*table, *own]:
            native = json.loads(web.handle(json.dumps(run["message"]), data))
            problems += [f"{mode} {run['message']}: {x}" for x in diff(native, run["out"])]
        for case, run in zip(expected, own, strict=True):
            got = differences(case, run["out"]["answer"]["quote"])
            problems += [f"{mode} case “{case.get('about', '')}”: {x}" for x in got]
    assert not problems, "\n".join(problems[:30])
