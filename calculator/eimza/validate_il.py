"""The directorate's file check (data/iller/<il>/il.toml): its site, sources, dated facts and
the procedure table (payments, steps, notes, unknowns) against the national vocabulary. The
table's coverage (every case on every date) is `coverage.py`'s."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from . import banks, template
from . import wording_editor as say
from .checker import Checker, Key
from .model import FACT_KEYS, PAYEES, Facts, FactsBlock, Procedure, Rule, Site, Source
from .request import DESCRIPTION_TOKENS, description_tokens
from .validate_common import check_field_value, check_sources, check_top, check_when, cite
from .validate_national import SCHEMA, National

_RULE_ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
_TOP_REQUIRED = {"schema": int, "site": dict, "facts": list, "procedure": dict}
_TOP_OPTIONAL = {"source": list, "payment": list, "step": list, "note": list, "unknown": list}
# the file's top-level keys in the order the guide writes them
_ORDER = ["schema", "site", "source", "facts", "procedure", "payment", "step", "note", "unknown"]
_SITE = {"id": str, "url": str}
_COMMON = {"when": object, "from": dt.date, "until": dt.date, "sources": list}
_RULES: dict[str, tuple[dict[str, type], dict[str, type]]] = {
    "payment": (
        {"id": str, "payee": str},
        {
            **_COMMON,
            "items": list,
            "text": str,
            "basis": str,
            "receipt": str,
            "receipt_email": bool,
            "description": str,
        },
    ),
    "step": ({"id": str, "text": str}, {**_COMMON, "links": list}),
    "note": ({"id": str, "text": str}, {**_COMMON, "links": list}),
    "unknown": ({"id": str, "text": str}, _COMMON),
}
# what a rule's `when` may name besides the case's fields and options
_DERIVED = {"payment": ("channel",), "step": ("channel", "payee", "priced"), "unknown": ("channel",)}
_DERIVED["note"] = _DERIVED["step"]


@dataclass
class Directorate:
    sources: dict[str, Source] = field(default_factory=dict)
    site: Site | None = None
    facts: list[FactsBlock] = field(default_factory=list)
    procedure: Procedure | None = None
    # what had problems ("facts"): coverage leaves out what they may have caused
    failed: set[str] = field(default_factory=set)
    # the rules refused for a problem (reported), as far as they could be read: when and dates
    # (an unreadable `when` matches every case): coverage leaves out the gaps they would fill
    refused: list[Rule] = field(default_factory=list)


def check_directorate(c: Checker, raw: dict[str, Any], n: National, expected_id: str | None) -> Directorate:
    """The directorate's file against the national vocabulary `n`; `expected_id`: its folder's
    name, which [site] id must be (None: not checked)."""
    d = Directorate()
    raw = check_top(c, raw, _TOP_REQUIRED, _TOP_OPTIONAL, _ORDER, _top_fixes(raw, expected_id))
    if isinstance(raw.get("schema"), int) and raw["schema"] != SCHEMA:
        c.add(("schema",), say.schema_version(raw["schema"], SCHEMA))
    d.sources = check_sources(c, _tables(c, raw, "source"), n.sources)
    known = {**n.sources, **d.sources}
    _site(c, raw.get("site"), d, expected_id)
    before = len(c.problems)
    _facts(c, raw.get("facts"), d, known)
    if len(c.problems) > before:
        d.failed.add("facts")
    proc = raw.get("procedure")
    proc_sources: tuple[str, ...] | None = None
    if isinstance(proc, dict) and c.fields(proc, ("procedure",), {"sources": list}):
        proc_sources = cite(c, ("procedure", "sources"), proc["sources"], known, required=True)
    rules = {kind: _rules(c, raw, kind, n, known, proc_sources or (), d.refused) for kind in _RULES}
    # with [procedure] refused or missing (reported), the rules are still checked together
    # (coverage), so that their problems show in the same run; such data is never used
    d.procedure = Procedure(
        proc_sources or (), rules["payment"], rules["step"], rules["note"], rules["unknown"]
    )
    return d


def _top_fixes(raw: dict[str, Any], expected_id: str | None) -> dict[str, tuple[str, str]]:
    """What to write for a required table that is missing (the editors' guide shows each)."""
    own = [s["id"] for s in raw.get("source", []) if isinstance(s, dict) and isinstance(s.get("id"), str)]
    example = ", ".join(f'"{sid}"' for sid in own[:1]) or '"kaynak-kimliği"'
    known = f" (bu dosyanın kaynakları: {', '.join(own)})" if own else ""
    return {
        "schema": ("schema = 2", f"schema = {SCHEMA} satırını yazın."),
        "site": (
            "[site] tablosu",
            f'[site] satırını, altına id = "{expected_id or "<il>"}" ve url = "http://127.0.0.1:8000/" '
            "satırlarını yazın (sitenin adresi bildirilince url onun adresi olur; Editör kılavuzu, "
            "'Sitenin adresi').",
        ),
        "facts": (
            "[[facts]] bloğu",
            f'[[facts]] satırını, altına sources = [{example}] ve name = "… İl Sağlık Müdürlüğü" '
            "satırlarını yazın; sonra müdürlüğün öteki bilgilerini kaynağındaki gibi ekleyin.",
        ),
        "procedure": (
            "[procedure] tablosu",
            f"[procedure] satırını ve altına sources = [{example}] satırını yazın: başvuru yolunu "
            f"anlatan kaynakların kimlikleri{known}.",
        ),
    }


def _tables(c: Checker, raw: dict[str, Any], name: str) -> list[tuple[Key, dict[str, Any]]]:
    out: list[tuple[Key, dict[str, Any]]] = []
    value = raw.get(name, [])
    for i, item in enumerate(value if isinstance(value, list) else []):
        if isinstance(item, dict):
            out.append(((name, i), item))
        else:
            c.add((name, i), say.wrong_type(name, dict))
    return out


def _site(c: Checker, written: Any, d: Directorate, expected_id: str | None) -> None:
    if not isinstance(written, dict):
        return
    ok, site = c.usable(written, ("site",), _SITE)
    if "url" in site:
        ok = check_field_value(c, ("site", "url"), "url", site["url"], "site-url") and ok
    if "id" in site and expected_id is not None and site["id"] != expected_id:
        c.add(("site", "id"), say.site_id_not_folder(site["id"], expected_id))
        ok = False
    if ok:
        d.site = Site(site["id"], site["url"])


def _facts(c: Checker, blocks: Any, d: Directorate, known: dict[str, Source]) -> None:
    if not isinstance(blocks, list):
        return
    if not blocks:
        c.add(("facts",), say.empty_list("facts"))
    optional: dict[str, type] = {name: object for name in FACT_KEYS}
    optional["from"] = dt.date
    previous: dt.date | None = None
    for i, block in enumerate(blocks):
        key: Key = ("facts", i)
        if not isinstance(block, dict):
            c.add(key, say.wrong_type("facts", dict))
            continue
        ok = c.fields(block, key, {"sources": list}, optional)
        sources = cite(c, (*key, "sources"), block.get("sources"), known, required=True)
        start = block.get("from")
        if i == 0:
            if "from" in block:
                c.add((*key, "from"), say.first_facts_from())
                ok = False
            if "name" not in block:
                c.add(key, say.first_facts_name())
                ok = False
        elif not isinstance(start, dt.date):
            if "from" not in block:
                c.add(key, say.later_facts_need_from())
            ok = False
        elif previous is not None and start <= previous:
            c.add((*key, "from"), say.unsorted(previous, start))
            ok = False
        if isinstance(start, dt.date):
            previous = start
        values: dict[str, Any] = {}
        for name in FACT_KEYS:
            if name not in block:
                continue
            kind = FACT_KEYS[name][0]
            if not check_field_value(c, (*key, name), name, block[name], kind):
                ok = False
                continue
            value = block[name]
            if kind == "iban":
                value = "".join(value.split()).upper()
            if kind == "emails":
                value = tuple(value)
            if name == "description" and not _description_ok(c, (*key, name), value):
                ok = False
            values[name] = value
        if ok and sources is not None:
            d.facts.append(FactsBlock(start if i else None, sources, values))
    _bank_codes(c, d)


def _description_ok(c: Checker, key: Key, pattern: str) -> bool:
    """A payment description pattern is kept verbatim and filled by its own tokens
    (request.DESCRIPTION_TOKENS): one naming the person names all three (name, surname, the
    number); one naming none is an instruction (the reader writes the description by it): a
    warning, since the calculator cannot fill it. One naming some only is refused: its
    filled text would be half a description."""
    found = description_tokens(pattern)
    if not found:
        c.warn(key, say.description_instruction(pattern, DESCRIPTION_TOKENS))
    elif found != set(DESCRIPTION_TOKENS):
        missing = [DESCRIPTION_TOKENS[k] for k in DESCRIPTION_TOKENS if k not in found]
        c.add(key, say.description_pattern(pattern, missing, DESCRIPTION_TOKENS))
        return False
    return True


def _bank_codes(c: Checker, d: Directorate) -> None:
    """On every date a block starts, the IBAN's bank code must be the named bank's."""
    values: dict[str, Any] = {}
    for i, block in enumerate(d.facts):
        values.update(block.values)
        if ("iban" in block.values or "bank" in block.values) and "iban" in values and "bank" in values:
            problem = banks.bank_code_problem(values["iban"], values["bank"])
            if problem:
                c.add(("facts", i, "iban" if "iban" in block.values else "bank"), problem)


def _rules(
    c: Checker,
    raw: dict[str, Any],
    kind: str,
    n: National,
    known: dict[str, Source],
    default: tuple[str, ...],
    refused: list[Rule],
) -> tuple[Rule, ...]:
    required, optional = _RULES[kind]
    vocabulary = dict(n.vocabulary)
    for derived in _DERIVED[kind]:
        vocabulary[derived] = {
            "channel": tuple(ch.id for ch in n.channels),
            "payee": PAYEES,
            "priced": (True, False),
        }[derived]
    menus = n.kamusm.menus if n.kamusm else {}
    out = []
    for index, (key, written) in enumerate(_tables(c, raw, kind)):
        # a misspelt or missing key does not hide the rule's other problems
        ok, r = c.usable(written, key, required, optional)
        if "id" in r and not _RULE_ID.match(r["id"]):
            c.add((*key, "id"), say.bad_id(r["id"], False))
            ok = False
        when: Any = ({},)
        if "when" in r:
            when = check_when(c, (*key, "when"), r["when"], vocabulary)
            ok = ok and when is not None
        start, until = r.get("from"), r.get("until")
        if start and until and until < start:
            c.add((*key, "until"), say.until_before_from(start, until))
            start = until = None  # the rule is refused; as a stand-in below, on any date
            ok = False
        sources = default
        if "sources" in r:
            cited = cite(c, (*key, "sources"), r["sources"], known, required=True)
            ok = ok and cited is not None
            sources = cited or ()
        for name in ("text", "basis", "receipt"):
            if name in r:
                ok = _template_ok(c, (*key, name), name, r[name], menus, known) and ok
        links: tuple[str, ...] = ()
        if "links" in r:
            found = c.strings((*key, "links"), "links", r["links"])
            for i, url in enumerate(found or []):
                ok = check_field_value(c, (*key, "links", i), "links", url, "url") and ok
            links = tuple(found or ())
            ok = ok and found is not None
        if kind == "payment":
            ok = _payment_ok(c, key, r, written, n) and ok
        if ok and when is not None:
            out.append(
                Rule(
                    kind=kind,
                    id=r["id"],
                    when=when,
                    start=start,
                    until=until,
                    sources=sources,
                    text=r.get("text"),
                    links=links,
                    payee=r.get("payee"),
                    items=tuple(r.get("items", ())),
                    basis=r.get("basis"),
                    receipt=r.get("receipt"),
                    receipt_email=r.get("receipt_email", False),
                    description=r.get("description"),
                    index=index,
                )
            )
        else:
            refused.append(Rule(kind, str(r.get("id", "")), when or ({},), start, until, ()))
    return tuple(out)


def _payment_ok(c: Checker, key: Key, r: dict[str, Any], written: dict[str, Any], n: National) -> bool:
    """The payee's own keys (`r`: the rule's usable values; `written`: as written, to tell a
    missing key from a refused value)."""
    payee = r.get("payee")
    if payee is None:
        return False  # missing or misspelt: reported (the keys that depend on it wait for it)
    if payee not in PAYEES:
        c.add((*key, "payee"), say.unknown_value("payee", payee, list(PAYEES)))
        return False
    ok = True
    pays = payee in ("directorate", "kamusm")
    if pays and "items" not in written:
        c.add(key, say.payment_needs_items(payee))
        ok = False
    elif pays and r.get("items") == []:
        c.add((*key, "items"), say.payment_needs_items(payee))
        ok = False
    for i, code in enumerate(r.get("items", [])):
        if code not in n.items:
            c.add((*key, "items", i), say.unknown_item(str(code), tuple(n.items)))
            ok = False
    if not pays and "items" in r:
        c.add((*key, "items"), say.payment_no_items(payee))
        ok = False
    if not pays and "text" not in written:
        c.add(key, say.payment_needs_text(payee))
        ok = False
    if pays and "text" in r:
        c.add((*key, "text"), say.payment_text_unused(payee))
        ok = False
    for name in ("basis", "receipt", "receipt_email", "description"):
        if name in r and payee != "directorate":
            c.add((*key, name), say.only_for_directorate(name))
            ok = False
    if isinstance(r.get("description"), str):
        ok = c.text((*key, "description"), "description", r["description"], "description") and ok
        ok = _description_ok(c, (*key, "description"), r["description"]) and ok
    return ok


def _template_ok(
    c: Checker, key: Key, name: str, text: str, menus: dict[str, Any], sources: dict[str, Source]
) -> bool:
    if not c.text(key, name, text, "text"):
        return False
    found, balanced = template.parse(text)
    ok = balanced
    if not balanced:
        c.add(key, say.stray_brace(text))
    for placeholder, filters in found:
        if not template.name_known(placeholder, menus, sources):
            c.add(key, say.unknown_placeholder(placeholder, sorted(sources)))
            ok = False
        for f in filters:
            if f not in template.FILTERS:
                c.add(key, say.unknown_filter(f, list(template.FILTERS)))
                ok = False
    return ok


def facts_on(blocks: list[FactsBlock], day: dt.date) -> Facts:
    values: dict[str, Any] = {}
    for block in blocks:
        if block.start is None or block.start <= day:
            values.update(block.values)
    return Facts(**values)
