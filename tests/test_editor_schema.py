"""The JSON Schemas editors' TOML editors read (taplo / Even Better TOML, see .taplo.toml) accept
the shipped data files and the fixtures, and reject a misspelt key or table. The Python check
(`make check`) stays the authority; the schema only helps while typing."""

from __future__ import annotations

import datetime as dt
import json
import tomllib
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator, FormatChecker

ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = ROOT / "calculator" / "eimza" / "data"
SCHEMAS = {
    "tarife": ROOT / "schemas" / "tarife.schema.json",
    "baskilar": ROOT / "schemas" / "baskilar.schema.json",
}


def as_json(value: Any) -> Any:
    """TOML values as taplo hands them to the schema: dates become YYYY-MM-DD strings."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: as_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [as_json(v) for v in value]
    return value


def errors(kind: str, text: str) -> list[str]:
    schema = json.loads(SCHEMAS[kind].read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    validator = Draft202012Validator(schema, format_checker=FormatChecker())
    return [e.message for e in validator.iter_errors(as_json(tomllib.loads(text)))]


@pytest.mark.parametrize(
    ("kind", "path"),
    [
        ("tarife", DATA_DIR / "tarife.toml"),
        ("baskilar", DATA_DIR / "baskilar.toml"),
        ("tarife", ROOT / "tests" / "data" / "tarife-fixture.toml"),
        ("baskilar", ROOT / "tests" / "data" / "baskilar-fixture.toml"),
    ],
)
def test_schema_accepts_the_files(kind: str, path: Path) -> None:
    assert errors(kind, path.read_text(encoding="utf-8")) == []


@pytest.mark.parametrize(
    ("kind", "old", "new", "word"),
    [
        ("tarife", 'bank = "Halkbank"', 'bnak = "Halkbank"', "bnak"),
        ("tarife", "amounts_known = true", "amount_known = true", "amount_known"),
        ("tarife", "[[tariff]]\nfrom = 2026-01-01", "[[tarif]]\nfrom = 2026-01-01", "tarif"),
        ("tarife", 'net = "650.00"', 'net = "650,00"', "650,00"),
        ("baskilar", "date = 2024-03-04", "tarih = 2024-03-04", "tarih"),
    ],
)
def test_schema_rejects_a_misspelt_key(kind: str, old: str, new: str, word: str) -> None:
    path = ROOT / "tests" / "data" / f"{kind}-fixture.toml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    found = errors(kind, text.replace(old, new, 1))
    assert any(word in m for m in found), found


def test_taplo_config_names_both_schemas() -> None:
    config = tomllib.loads((ROOT / ".taplo.toml").read_text(encoding="utf-8"))
    rules = {r["schema"]["path"]: r["include"] for r in config["rule"]}
    assert rules == {
        "./schemas/tarife.schema.json": [
            "calculator/eimza/data/tarife.toml",
            "tests/data/tarife-fixture.toml",
        ],
        "./schemas/baskilar.schema.json": [
            "calculator/eimza/data/baskilar.toml",
            "tests/data/baskilar-fixture.toml",
        ],
    }
    for path in rules:
        assert (ROOT / path).is_file()
