"""Expected answers as data: a directorate's cases file (tests/cases/<il>.toml, or a fixture's),
read here and compared with an answer — the native engine's (test_engine_cases.py) or the
shipped Pyodide's (test_directorates.py). Format: /work/coord/SPEC-22-notes.md, "tests/cases"."""

from __future__ import annotations

import datetime as dt
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
CASES_DIR = ROOT / "tests" / "cases"  # a shipped directorate's: tests/cases/<il>.toml
FIXTURE_CASES = ROOT / "tests" / "data" / "cases"  # a fixture's: tests/data/cases/<name>.toml
FIXTURE_ILLER = ROOT / "tests" / "data" / "iller"
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


def shipped() -> list[str]:
    """Every shipped directorate: the folders of data/iller/ with an il.toml."""
    return sorted(p.name for p in (ROOT / "data" / "iller").iterdir() if (p / "il.toml").is_file())


@dataclass(frozen=True)
class Directorate:
    """A directorate the tests check: shipped (data/iller/<il>/) or a fixture with a cases file
    (tests/data/iller/<name>/, e.g. one written from the guide alone)."""

    name: str  # the test id: "mersin", "fixture-istanbul"
    folder: Path  # what EIMZA_IL names
    cases: Path | None  # its expected answers (None: a shipped directorate without a file yet)
    shipped: bool

    @property
    def il(self) -> str:
        """What EIMZA_IL takes: a shipped directorate's id, a fixture's folder."""
        return self.folder.name if self.shipped else str(self.folder)


def directorates() -> list[Directorate]:
    """Every shipped directorate, then every fixture directorate that has a cases file."""
    out = []
    for il in shipped():
        cases = CASES_DIR / f"{il}.toml"
        out.append(Directorate(il, ROOT / "data" / "iller" / il, cases if cases.is_file() else None, True))
    for cases in sorted(FIXTURE_CASES.glob("*.toml")):
        folder = FIXTURE_ILLER / cases.stem
        if (folder / "il.toml").is_file():
            out.append(Directorate(f"fixture-{cases.stem}", folder, cases, False))
    return out


def load(path: Path) -> list[dict[str, Any]]:
    cases: list[dict[str, Any]] = tomllib.loads(path.read_text(encoding="utf-8"))["case"]
    return cases


def unknown_keys(case: dict[str, Any], options: set[str]) -> set[str]:
    return set(case) - CASE_KEYS - EXPECT_KEYS - options


def message(case: dict[str, Any], options: set[str]) -> dict[str, Any]:
    """The calculator worker's message for the case: {"case": …, "person": … or None}."""
    raw = {k: v for k, v in case.items() if k in CASE_KEYS - {"person"} or k in options}
    raw["date"] = raw["date"].isoformat() if isinstance(raw["date"], dt.date) else raw["date"]
    return {"case": raw, "person": case.get("person")}


def differences(case: dict[str, Any], q: dict[str, Any]) -> list[str]:
    """What differs between the case's expectations and a quote (JSON-ready, as the engine or
    the worker gives it; amounts unknown: the quote without them). Empty: none."""
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
    return [f"{k}: expected {v!r}, the answer says {got[k]!r}" for k, v in wanted.items() if got[k] != v]
