"""JSON Schemas of the data files for editors' TOML editors (taplo / Even Better TOML: key
completion, misspelt keys), derived from the check's own declarations (validate_*.py,
model.py, editions.FIELDS) so that a field is declared once. `make check` stays the
authority. The files in schemas/ are written with `python -m eimza.schema schemas` (a test
holds them equal)."""

from __future__ import annotations

import datetime as dt
import json
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from . import editions
from . import validate_common as common
from . import validate_il as il
from . import validate_national as national
from .model import FACT_KEYS, KAMUSM_KEYS

AMOUNT = {"type": "string", "pattern": r"^[0-9]+\.[0-9]{2}$"}
_STRINGS: dict[str, Any] = {"type": "array", "items": {"type": "string"}}


def _type(kind: Any) -> dict[str, Any]:
    if getattr(kind, "__origin__", None) is list:  # list[X]: a list of X
        return {"type": "array", "items": _type(kind.__args__[0])}
    if kind is str:
        return {"type": "string"}
    if kind is bool:
        return {"type": "boolean"}
    if kind is int:
        return {"type": "integer"}
    if kind is dt.date:
        return {"type": "string", "format": "date"}
    if kind is list:
        return {"type": "array"}
    if kind is dict:
        return {"type": "object"}
    return {}


def _table(required: Mapping[str, Any], optional: Mapping[str, Any] = {}, **override: Any) -> dict[str, Any]:
    props = {k: override.get(k, _type(v)) for k, v in {**required, **optional}.items()}
    return {
        "type": "object",
        "properties": props,
        "required": sorted(required),
        "additionalProperties": False,
    }


def _fact(kind: str) -> dict[str, Any]:
    if kind == "int":
        return {"type": "integer"}
    return dict(_STRINGS) if kind == "emails" else {"type": "string"}


def _array(item: dict[str, Any]) -> dict[str, Any]:
    return {"type": "array", "items": item}


def national_schema() -> dict[str, Any]:
    source = _table(common._SOURCE_REQUIRED, common._SOURCE_OPTIONAL)
    kamusm = _table(
        {**{k: str for k in KAMUSM_KEYS}, "sources": list},
        {"menus": dict},
        **{k: _fact(kind) for k, (kind, _) in KAMUSM_KEYS.items()},
        sources=_STRINGS,
        menus={"type": "object", "additionalProperties": _STRINGS},
    )
    items = {
        "type": "object",
        "additionalProperties": _table({"net": str}, {"quoted_gross": str}, net=AMOUNT, quoted_gross=AMOUNT),
    }
    tables = {
        "schema": {"const": national.SCHEMA},
        "source": _array(source),
        "kamusm": kamusm,
        "situation": _array(_table(national._SITUATION)),
        "role": _array(_table(national._ROLE)),
        "option": _array(_table(national._OPTION, national._OPTION_OPTIONAL)),
        "channel": _array(_table(national._CHANNEL)),
        "item": {"type": "object", "additionalProperties": _table(national._ITEM_DEF)},
        "vat": _array(_table(national._VAT, sources=_STRINGS)),
        "tariff": _array(
            _table(national._TARIFF_REQUIRED, national._TARIFF_OPTIONAL, sources=_STRINGS, items=items)
        ),
    }
    return _document(
        "kamusm.toml: Kamu SM, KDV, ücret tarifesi ve ortak sözlük", tables, sorted(national._TOP)
    )


def il_schema() -> dict[str, Any]:
    facts = _table(
        {"sources": list},
        {"from": dt.date, **{k: str for k in FACT_KEYS}},
        sources=_STRINGS,
        **{k: _fact(kind) for k, (kind, _) in FACT_KEYS.items()},
    )
    rules = {
        kind: _array(_table(required, optional, sources=_STRINGS, items=_STRINGS, links=_STRINGS))
        for kind, (required, optional) in il._RULES.items()
    }
    tables = {
        "schema": {"const": national.SCHEMA},
        "site": _table(il._SITE),
        "source": _array(_table(common._SOURCE_REQUIRED, common._SOURCE_OPTIONAL)),
        "facts": _array(facts),
        "procedure": _table({"sources": list}, sources=_STRINGS),
        **rules,
    }
    return _document(
        "il.toml: bir il sağlık müdürlüğünün bilgileri ve başvuru yolu", tables, sorted(il._TOP_REQUIRED)
    )


def _document(title: str, properties: dict[str, Any], required: list[str]) -> dict[str, Any]:
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": title,
        "type": "object",
        "properties": properties,
        "required": required,
        "additionalProperties": False,
    }


def editions_schema() -> dict[str, Any]:
    required = {k: kind for k, (kind, needed, _) in editions.FIELDS.items() if needed}
    optional = {k: kind for k, (kind, needed, _) in editions.FIELDS.items() if not needed}
    blob = {"type": "string", "pattern": "^[0-9a-f]{40}$"}  # a git blob id
    files = editions.DATA_FILES
    state = _table(dict.fromkeys(files, str), **dict.fromkeys(files, blob))
    entry = _table(required, optional, undone=_array({"type": "integer", "minimum": 1}), data=state)
    return _document("baskilar.toml: bir ilin yayımlanmış baskıları", {"edition": _array(entry)}, ["edition"])


SCHEMAS = {
    "kamusm.schema.json": national_schema,
    "il.schema.json": il_schema,
    "baskilar.schema.json": editions_schema,
}


def text(name: str) -> str:
    return json.dumps(SCHEMAS[name](), ensure_ascii=False, indent=2) + "\n"


if __name__ == "__main__":
    folder = Path(sys.argv[1] if len(sys.argv) > 1 else "schemas")
    for name in SCHEMAS:
        (folder / name).write_text(text(name), encoding="utf-8")
