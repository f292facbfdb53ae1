"""The editors' guide (docs/editor/kilavuz.md) against the data check's own declarations: every
key an editor may write in kamusm.toml, il.toml and baskilar.toml, every `when` field, payee,
confidence, placeholder, filter and description token is named in the guide (in its own
`code` span), and the guide names no key, placeholder or filter the check does not know.

The keys are taken where the JSON Schemas of schemas/ are: `eimza.schema` writes them from the
check's declarations (validate_*.py, model.py), so a key is declared once and this test follows
it. The guide's tables stay written by hand (their meanings are Turkish prose the declarations
do not carry); this test keeps them complete. The vocabulary ids an editor writes in `when`
(situations, roles, options, channels, items) are the shipped national file's."""

from __future__ import annotations

import re
import textwrap
import tomllib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from eimza import editions, model, request, schema, template

ROOT = Path(__file__).resolve().parent.parent
GUIDE = ROOT / "docs" / "editor" / "kilavuz.md"
NATIONAL = ROOT / "data" / "kamusm.toml"
CODE_SPAN = re.compile(r"(?<!`)`([^`\n]+)`(?!`)")
FENCE = re.compile(r"^(?P<indent>[ ]*)```(?P<lang>[a-z]*)\n(?P<body>.*?)^(?P=indent)```[ ]*$", re.S | re.M)
# the guide's `make check` example shows this slip on purpose (and the check's refusal of it)
SLIPS_SHOWN = {"{il.email}"}
PLACEHOLDER = re.compile(r"\{([a-z]+(?:[.:][A-Za-z0-9_<>.:-]+)+(?:\|[a-z]+)*)\}")


def guide_text() -> str:
    return GUIDE.read_text(encoding="utf-8")


def prose(text: str) -> str:
    """The guide without its fenced blocks (tables and sentences)."""
    return FENCE.sub("", text)


def spans(text: str) -> set[str]:
    """Every inline `code` span of the guide's prose, as written; a table header such as
    `[[vat]]` or `[item.<kimlik>]` also names its parts (`vat`, `item`)."""
    found = {m.group(1) for m in CODE_SPAN.finditer(prose(text))}
    for span in list(found):
        header = re.fullmatch(r"\[\[?([a-z_.<>-]+)\]\]?", span)
        if header:
            found |= set(header.group(1).split("."))
    return found


def schema_keys(node: Any) -> Iterator[str]:
    """Every property name of a JSON Schema, at any depth."""
    if isinstance(node, dict):
        for name, sub in node.get("properties", {}).items():
            yield name
            yield from schema_keys(sub)
        for part in ("items", "additionalProperties"):
            if isinstance(node.get(part), dict):
                yield from schema_keys(node[part])


def declared_keys() -> set[str]:
    """Every key of the three files, from the check's declarations."""
    keys = set(schema_keys(schema.national_schema())) | set(schema_keys(schema.il_schema()))
    return keys | set(editions._KEYS)


def vocabulary() -> set[str]:
    """The ids an editor writes in `when` and `items`: the shipped national file's."""
    raw = tomllib.loads(NATIONAL.read_text(encoding="utf-8"))
    ids = {t["id"] for name in ("situation", "role", "option", "channel") for t in raw[name]}
    return ids | set(raw["item"])


def words_to_name() -> dict[str, set[str]]:
    """What the guide must name, by kind, each as its own code span."""
    return {
        "key": declared_keys(),
        "when field": set(model.WHEN_CASE_KEYS) | set(model.WHEN_DERIVED_KEYS),
        "vocabulary id": vocabulary(),
        "payee": set(model.PAYEES),
        "confidence": set(model.CONFIDENCES),
        "filter": set(template.FILTERS),
        "description token": {t for spellings in request.DESCRIPTION_TOKENS.values() for t in spellings},
        "placeholder": {"{il.iban_grouped}", *(f"{{pay.{name}}}" for name in template.PAY_NAMES)},
    }


def test_every_declared_key_and_value_is_named() -> None:
    named = spans(guide_text())
    missing = {kind: sorted(words - named) for kind, words in words_to_name().items() if words - named}
    assert missing == {}, f"the guide (docs/editor/kilavuz.md) does not name: {missing}"


def key_table_rows(text: str) -> Iterator[tuple[str, str]]:
    """(table heading cell, first cell) of every row of the guide's tables whose first column
    is headed "Anahtar" (the key tables)."""
    lines = "\n".join(line.strip() for line in prose(text).splitlines())
    for block in re.split(r"\n(?!\|)", lines):
        rows = [r for r in block.splitlines() if r.startswith("|")]
        if len(rows) < 3 or rows[0].split("|")[1].strip() != "Anahtar":
            continue
        for row in rows[2:]:
            yield rows[0], row.split("|")[1]


def test_key_tables_name_only_declared_keys() -> None:
    """A key the check refuses (misspelt, or one the format no longer has) is never taught."""
    keys = declared_keys()
    rows = list(key_table_rows(guide_text()))
    assert len(rows) > 40, "the guide's key tables were not found"
    unknown = sorted({m for _, cell in rows for m in CODE_SPAN.findall(cell) if m not in keys})
    assert unknown == [], f"the guide's key tables name keys the check does not declare: {unknown}"


def known_sources() -> dict[str, Any]:
    found: dict[str, Any] = {}
    for path in [NATIONAL, *sorted((ROOT / "data" / "iller").glob("*/il.toml"))]:
        for s in tomllib.loads(path.read_text(encoding="utf-8")).get("source", []):
            found[s["id"]] = s
    return found


def test_every_placeholder_in_the_guide_is_one_the_check_knows() -> None:
    """Placeholders the guide writes (in prose and in its TOML examples) are known names with
    known filters; a generic form (`{il.<bilgi>}`, `{date:YYYY-AA-GG}`) only where it says so."""
    text = guide_text()
    menus = tomllib.loads(NATIONAL.read_text(encoding="utf-8"))["kamusm"]["menus"]
    sources = known_sources()
    seen, bad = 0, []
    for m in PLACEHOLDER.finditer(text):
        name, *filters = m.group(1).split("|")
        seen += 1
        if "<" in name or "YYYY" in name:
            continue
        if m.group(0) in SLIPS_SHOWN:
            assert not template.name_known(name, menus, sources), m.group(0)
            continue
        if not template.name_known(name, menus, sources) or any(f not in template.FILTERS for f in filters):
            bad.append(m.group(0))
    assert seen > 30, "no placeholders found in the guide"
    assert bad == [], f"placeholders the check would refuse: {bad}"


def toml_blocks(text: str) -> list[str]:
    return [textwrap.dedent(m.group("body")) for m in FENCE.finditer(text) if m.group("lang") == "toml"]


@pytest.mark.parametrize("index", range(len(toml_blocks(guide_text()))))
def test_toml_examples_are_toml(index: int) -> None:
    """Every TOML example can be copied into a data file: it parses (the `{{ … }}` tokens the
    site fills sit inside strings)."""
    block = toml_blocks(guide_text())[index]
    tomllib.loads(block)
