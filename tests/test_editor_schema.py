"""The JSON Schemas editors' TOML editors read (taplo / Even Better TOML, see .taplo.toml) accept
the shipped data files and the fixtures, and reject a misspelt key or table. They are written
from the check's own declarations (eimza.schema): the files in schemas/ are what it writes. The
Python check (`make check`) stays the authority; the schema only helps while typing."""

from __future__ import annotations

import datetime as dt
import json
import tomllib
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator, FormatChecker

from eimza import DataError, schema

ROOT = Path(__file__).resolve().parent.parent
SCHEMAS = {name: ROOT / "schemas" / f"{name}.schema.json" for name in ("kamusm", "il", "baskilar")}
FILES = {
    "kamusm": sorted([ROOT / "data" / "kamusm.toml", ROOT / "tests" / "data" / "kamusm.toml"]),
    "il": sorted([*ROOT.glob("data/iller/*/il.toml"), *ROOT.glob("tests/data/iller/*/il.toml")]),
    "baskilar": sorted(
        [*ROOT.glob("data/iller/*/baskilar.toml"), *ROOT.glob("tests/data/iller/*/baskilar.toml")]
    ),
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
    loaded = json.loads(SCHEMAS[kind].read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(loaded)
    validator = Draft202012Validator(loaded, format_checker=FormatChecker())
    return [e.message for e in validator.iter_errors(as_json(tomllib.loads(text)))]


@pytest.mark.parametrize("name", sorted(schema.SCHEMAS))
def test_the_schema_files_are_the_checks_declarations(name: str) -> None:
    assert (ROOT / "schemas" / name).read_text(encoding="utf-8") == schema.text(name)


@pytest.mark.parametrize(
    ("kind", "path"), [(k, p) for k, paths in FILES.items() for p in paths], ids=lambda v: str(v)[-40:]
)
def test_schema_accepts_the_files(kind: str, path: Path) -> None:
    assert errors(kind, path.read_text(encoding="utf-8")) == []


FIXTURE = ROOT / "tests" / "data"


@pytest.mark.parametrize(
    ("kind", "path", "old", "new", "word"),
    [
        ("il", FIXTURE / "iller/sinama/il.toml", 'bank = "Halkbank"', 'bnak = "Halkbank"', "bnak"),
        (
            "il",
            FIXTURE / "iller/sinama/il.toml",
            '[[step]]\nid = "apply-portal"',
            '[[steps]]\nid = "apply-portal"',
            "steps",
        ),
        ("kamusm", FIXTURE / "kamusm.toml", "amounts_known = true", "amount_known = true", "amount_known"),
        (
            "kamusm",
            FIXTURE / "kamusm.toml",
            "[[tariff]]\nfrom = 2026-01-01",
            "[[tarif]]\nfrom = 2026-01-01",
            "tarif",
        ),
        ("kamusm", FIXTURE / "kamusm.toml", 'net = "650.00"', 'net = "650,00"', "650,00"),
        (
            "baskilar",
            FIXTURE / "iller/sinama/baskilar.toml",
            "date = 2024-03-04",
            "tarih = 2024-03-04",
            "tarih",
        ),
    ],
)
def test_schema_rejects_a_misspelt_key(kind: str, path: Path, old: str, new: str, word: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    found = errors(kind, text.replace(old, new, 1))
    assert any(word in m for m in found), found


def test_schema_accepts_every_key_the_editions_check_accepts() -> None:
    """An editions file as the commands leave it (a correction, its undo: `undone`, written by
    make undo-correction) passes the check and the schema alike: the schema is written from
    the check's own declaration (eimza.editions.FIELDS), never by hand."""
    from eimza.editions import FIELDS, parse_editions

    text = (FIXTURE / "iller/sinama/baskilar.toml").read_text(encoding="utf-8") + (
        '\n[[edition]]\ndate = 2026-02-01\nnote = "2026 ücret tarifesi eklendi."\n'
        'changes = ["Tutarlar güncellendi."]\ncorrections = [2026-02-03, 2026-02-04]\nundone = [1]\n'
        f'data = {{ kamusm = "{"a" * 40}", il = "{"b" * 40}" }}\n'  # written by edition_tags
    )
    assert set(tomllib.loads(text)["edition"][-1]) == set(FIELDS)  # every declared key used
    assert parse_editions(text, "baskilar.toml")[-1].undone == (1,)
    assert errors("baskilar", text) == []
    assert errors("baskilar", text.replace("undone = [1]", "undone = [0]")) != []
    short = text.replace("b" * 40, "b" * 39)  # not a blob id: refused by both
    assert errors("baskilar", short) != []
    with pytest.raises(DataError):
        parse_editions(short, "baskilar.toml")


def test_taplo_config_names_every_schema() -> None:
    config = tomllib.loads((ROOT / ".taplo.toml").read_text(encoding="utf-8"))
    rules = {r["schema"]["path"]: r["include"] for r in config["rule"]}
    assert rules == {
        "./schemas/kamusm.schema.json": ["data/kamusm.toml", "tests/data/kamusm.toml"],
        "./schemas/il.schema.json": ["data/iller/*/il.toml", "tests/data/iller/*/il.toml"],
        "./schemas/baskilar.schema.json": ["data/iller/*/baskilar.toml", "tests/data/iller/*/baskilar.toml"],
    }
    for path in rules:
        assert (ROOT / path).is_file()
