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
from eimza_site import directorate as mkdocs_directorate
from eimza_site.pages import sitecheck
from eimza_site.runtime.calccheck import diff
from site_helpers import ROOT, pages, text_of

SHIPPED = shipped()
ALL = directorates()
IDS = [d.name for d in ALL]
SITE_URL = str(mkdocs_directorate.Directorate("x", ROOT).site_url() or "/")


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
    base = urlsplit(SITE_URL).path or "/"  # the build's address (mkdocs.yml), as make publish takes it
    edition = dt.date.fromisoformat(first_edition(d.il))
    problems = sitecheck.check_site(directorate_site(d.il), data, edition, base)
    assert problems == [], "\n".join(sitecheck.report(problems[:30]))


@pytest.mark.parametrize("d", ALL, ids=IDS)
def test_no_page_names_another_directorate(d: Directorate, directorate_site: Any) -> None:
    """No other shipped directorate's IBAN, e-mail or name, except where the national file
    cites its sources (a source's citation, a tariff period's note): Kamu SM's addresses and the
    tariff are sourced to directorates' pages, and every directorate shares that file."""
    data = _data(d)
    national = [s.citation for s in data.sources.values()] + [p.note for p in data.tariffs if p.note]
    cited = sorted(set(national), key=len, reverse=True)
    text = " ".join(text_of(p.read_text(encoding="utf-8")) for p in pages(directorate_site(d.il)))
    for citation in cited:
        text = text.replace(citation, " ")
    compact = re.sub(r"\s", "", text)
    for other in SHIPPED:
        if d.shipped and other == d.il:
            continue
        for block in _data(other).facts_blocks:
            values = block.values
            if values.get("iban"):
                assert values["iban"] not in compact, (other, "iban")
            for email in values.get("emails") or ():
                assert email not in text, (other, email)
            if values.get("name"):
                assert values["name"] not in text, (other, values["name"])


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
