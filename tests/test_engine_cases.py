"""Expected answers as data (as OpenFisca's YAML tests): every shipped directorate's
tests/cases/<il>.toml, and the fixture directorate's tests/data/cases/sinama.toml, quoted
natively case by case. A cases file is written from the directorate's source, not from the
engine; this test only reads it."""

from __future__ import annotations

import datetime as dt
import tomllib
from pathlib import Path
from typing import Any

import pytest

import eimza
from engine_facts import FIXTURE_IL, FIXTURE_ROOT, ROOT

CASES_DIR = ROOT / "tests" / "cases"
SHIPPED = sorted(p.name for p in (ROOT / "data" / "iller").iterdir() if (p / "il.toml").is_file())
CASE_KEYS = {"situation", "role", "date", "person"}  # + the data's options
EXPECT_KEYS = {
    "about",
    "sources",
    "steps",
    "payee",
    "items",
    "total",
    "description",
    "receipt_by_email",
    "unknown",
}


def _files() -> list[tuple[str, Path, Path]]:
    """(id, cases file, directorate folder): every shipped directorate and the fixture."""
    out = [(il, CASES_DIR / f"{il}.toml", ROOT / "data" / "iller" / il) for il in SHIPPED]
    return [*out, ("fixture-sinama", FIXTURE_ROOT / "cases" / "sinama.toml", FIXTURE_IL)]


def _cases() -> list[tuple[str, Path, int, dict[str, Any]]]:
    out = []
    for il, path, folder in _files():
        if not path.is_file():
            continue  # test_every_shipped_directorate_has_cases says so
        for i, case in enumerate(tomllib.loads(path.read_text(encoding="utf-8"))["case"]):
            out.append((il, folder, i, case))
    return out


CASES = _cases()


def test_every_shipped_directorate_has_cases() -> None:
    assert SHIPPED, "no directorate under data/iller/"
    missing = [il for il in SHIPPED if not (CASES_DIR / f"{il}.toml").is_file()]
    assert missing == [], f"no tests/cases/<il>.toml for {missing}"


def check(case: dict[str, Any], data: eimza.Data) -> list[str]:
    """What differs between the case's expectations and the engine's answer (empty: none)."""
    options = {o.id for o in data.options}
    unknown_keys = set(case) - CASE_KEYS - EXPECT_KEYS - options
    if unknown_keys:
        return [f"unknown keys in the case: {sorted(unknown_keys)}"]
    raw = {k: v for k, v in case.items() if k in CASE_KEYS or k in options}
    raw["date"] = raw["date"].isoformat() if isinstance(raw["date"], dt.date) else raw["date"]
    raw |= raw.pop("person", {})
    q = eimza.quote(raw, data, require_amounts=False)
    pay = q["payment"] or {}
    got = {
        "steps": [s["id"] for s in q["steps"]],
        "payee": q["payee"],
        "items": [i["code"] for i in pay.get("items", [])],
        "total": pay.get("total"),
        "description": pay.get("description"),
        "receipt_by_email": bool(pay.get("receipt_emails")),
        "unknown": q["unknown"] is not None,
    }
    wanted = {k: case[k] for k in got if k in case}
    wanted.setdefault("unknown", False)
    return [f"{k}: expected {v!r}, the engine says {got[k]!r}" for k, v in wanted.items() if got[k] != v]


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
