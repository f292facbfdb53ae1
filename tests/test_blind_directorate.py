"""A fourth directorate, written by someone else from its own page with only the editors' guide
(issue 22 item 7): tests/data/iller/istanbul/ and its expected answers
tests/data/cases/istanbul.toml, both written from the directorate's page (never from the
engine). Its answers equal its cases file (the one runner, test_engine_cases.py, finds every
fixture with a cases file; test_directorates.py checks its site and its calculator), and the
site builds strictly with it (the build test_directorates.py shares)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import eimza
from conftest import first_edition
from eimza.evaluate import amounts_unknown
from engine_facts import FIXTURE_ROOT
from site_helpers import text_of

FOLDER = FIXTURE_ROOT / "iller" / "istanbul"


def test_its_cases_are_run() -> None:
    from case_files import directorates

    assert any(d.folder == FOLDER and d.cases is not None for d in directorates())


def test_builds_strictly(directorate_site: Any) -> None:
    site = directorate_site(str(FOLDER))  # its first edition, strict (conftest.directorate_site)
    home = "".join(text_of((site / "index.html").read_text(encoding="utf-8")).split())
    # the fee on the edition date is said above the answers, known or not, even though no
    # case of this directorate pays a known amount
    day = dt.date.fromisoformat(first_edition(str(FOLDER)))
    error = amounts_unknown(eimza.load_data(FOLDER), day)
    said = text_of(eimza.render_error_html(error)) if error else "Tutarların dayanağı"
    assert "".join(said.split()) in home
