"""Expected answers as data (as OpenFisca's YAML tests): every directorate that has a cases
file — each shipped one's tests/cases/<il>.toml and each fixture's tests/data/cases/<name>.toml
(case_files.directorates: found, never listed here) — quoted natively case by case. A cases
file is written from the directorate's source, not from the engine; this test only reads it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

import eimza
from case_files import CASES_DIR, differences, directorates, load, message, shipped, unknown_keys
from engine_facts import FIXTURE_IL

SHIPPED = shipped()


def _cases() -> list[tuple[str, Path, int, dict[str, Any]]]:
    out = []
    for d in directorates():
        if d.cases is None:
            continue  # test_every_shipped_directorate_has_cases says so
        for i, case in enumerate(load(d.cases)):
            out.append((d.name, d.folder, i, case))
    return out


CASES = _cases()


def test_fixture_directorates_are_found() -> None:
    names = {il for il, _, _, _ in CASES}
    assert {f"fixture-{FIXTURE_IL.name}"} <= names and set(SHIPPED) <= names


def test_every_shipped_directorate_has_cases() -> None:
    assert SHIPPED, "no directorate under data/iller/"
    missing = [il for il in SHIPPED if not (CASES_DIR / f"{il}.toml").is_file()]
    assert missing == [], f"no tests/cases/<il>.toml for {missing}"


def check(case: dict[str, Any], data: eimza.Data) -> list[str]:
    """What differs between the case's expectations and the engine's answer (empty: none)."""
    options = {o.id for o in data.options}
    if unknown_keys(case, options):
        return [f"unknown keys in the case: {sorted(unknown_keys(case, options))}"]
    request = message(case, options)
    raw = {**request["case"], **(request["person"] or {})}
    return differences(case, eimza.quote(raw, data, require_amounts=False))


@pytest.mark.parametrize(("il", "folder", "index", "case"), CASES, ids=[f"{c[0]}-{c[2] + 1}" for c in CASES])
def test_case(il: str, folder: Path, index: int, case: dict[str, Any]) -> None:
    data = eimza.load_data(folder)
    differences = check(case, data)
    assert differences == [], f"{il} case {index + 1} ({case.get('about', '')}): {differences}"


def check_receipt(case: dict[str, Any], data: eimza.Data) -> bool:
    raw = {k: case[k] for k in ("situation", "role")} | {"date": case["date"].isoformat()}
    return bool(eimza.quote(raw, data, require_amounts=False)["payment"]["receipt_emails"])


def test_a_wrong_expectation_is_caught() -> None:
    """The runner fails on a wrong step order, payee, item, description or an unknown key."""
    data = eimza.load_data(FIXTURE_IL)
    case = next(
        c
        for il, _, _, c in CASES
        if il.startswith("fixture") and c.get("payee") == "directorate" and "description" in c
    )
    assert check(case, data) == []
    for key, value in (
        ("steps", list(reversed(case["steps"]))),
        ("payee", "kamusm"),
        ("items", case["items"][:1]),
        ("description", case["description"].lower()),
        ("receipt_by_email", not check_receipt(case, data)),
        ("unknown", True),
        ("colour", "red"),
    ):
        assert check({**case, key: value}, data) != [], key
