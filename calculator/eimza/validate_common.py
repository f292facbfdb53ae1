"""Checks both data files share: sources and the ids that cite them, a declared field's value
by its kind, and a `when` (the condition of a channel or a procedure rule)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from typing import Any

from . import wording_editor as say
from .checker import Checker, Key
from .checks import is_valid_email, is_valid_iban, is_valid_url
from .model import Source, When

_SOURCE_ID = re.compile(r"^[A-Za-z0-9]+(-[A-Za-z0-9]+)*$")
_SOURCE_REQUIRED = {"id": str, "issuer": str}
_SOURCE_OPTIONAL = {"title": str, "date": dt.date, "url": str, "number": str, "seen": dt.date}


def check_sources(
    c: Checker, tables: list[tuple[Key, dict[str, Any]]], elsewhere: dict[str, Source]
) -> dict[str, Source]:
    """The file's [[source]] tables; `elsewhere`: the sources of the other file (an id may not
    be written in both)."""
    out: dict[str, Source] = {}
    for key, written in tables:
        ok, s = c.usable(written, key, _SOURCE_REQUIRED, _SOURCE_OPTIONAL)
        sid = s.get("id")
        if sid is None:
            pass
        elif not _SOURCE_ID.match(sid):
            c.add((*key, "id"), say.bad_source_id(sid))
            ok = False
        elif sid in out or sid in elsewhere:
            c.add((*key, "id"), say.duplicate_id("source", sid))
            ok = False
        for name, kind in (("issuer", "name"), ("title", "title"), ("number", "name")):
            if name in s and not c.text((*key, name), name, s[name], kind):
                ok = False
        if "url" in s:
            ok = check_field_value(c, (*key, "url"), "url", s["url"], "url") and ok
        elif "date" not in s and "date" not in written:
            c.add(key, say.source_needs_date_or_url(sid or "?"))
            ok = False
        if ok and sid is not None:
            out[sid] = Source(**s)
        elif sid is not None:
            c.refused_ids.add(sid)  # reported here: a citation of it is not a second problem
    return out


def cite(
    c: Checker, key: Key, value: Any, known: dict[str, Source], *, required: bool
) -> tuple[str, ...] | None:
    """A `sources = [ids]` list: every id known; at least one when `required`."""
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        c.add(key, say.sources_not_ids())
        return None
    ok = True
    for i, sid in enumerate(value):
        if sid in c.refused_ids:
            ok = False
        elif sid not in known:
            c.add((*key, i), say.unknown_source(sid, sorted(known)))
            ok = False
    if required and not value:
        c.add(key, say.no_sources())
        ok = False
    return tuple(value) if ok else None


def check_top(
    c: Checker,
    raw: dict[str, Any],
    required: Mapping[str, type],
    optional: Mapping[str, type],
    order: list[str],
    fixes: dict[str, tuple[str, str]],
) -> dict[str, Any]:
    """A file's top-level keys (`order`: all of them, as the guide writes the file): unknown
    ones, types, and a required one missing (a deleted table) with the line where it goes and
    what to write (`fixes`: name → (as it is written in the file, what to write)); the
    usable values."""
    allowed = [*required, *optional]
    _, values = c.usable(raw, (), {}, {**required, **optional})
    for name in required:
        misspelt = any(k not in allowed and say.closest(k, allowed) == name for k in raw)
        if name not in raw and not misspelt:
            header, fix = fixes[name]
            c.missing_table(name, order, header, fix)
    return values


def check_field_value(c: Checker, key: Key, name: str, value: Any, kind: str) -> bool:
    """A declared field (model.KamuSM, model.Facts) by its kind; True when valid."""
    if kind == "int":
        return c.typed(key, name, value, int)
    if kind == "emails":
        emails = c.strings(key, name, value)
        if emails is None:
            return False
        ok = True
        for i, e in enumerate(emails):
            if not is_valid_email(e):
                c.add((*key, i), say.bad_email(e))
                ok = False
            elif not c.text((*key, i), name, e, "email"):
                ok = False
        if len(set(emails)) != len(emails):
            c.add(key, say.repeated_value(name))
            ok = False
        return ok
    if not c.typed(key, name, value, str):
        return False
    if kind in ("url", "site-url") and not is_valid_url(value, local_ok=kind == "site-url"):
        c.add(key, say.bad_url(value))
        return False
    if kind == "site-url":
        kind = "url"
    if kind == "email" and not is_valid_email(value):
        c.add(key, say.bad_email(value))
        return False
    if kind == "iban":
        if not is_valid_iban(value):
            c.add(key, say.bad_iban(value))
            return False
        return True
    return c.text(key, name, value, "text" if kind == "text" else kind)


def check_when(c: Checker, key: Key, value: Any, vocabulary: dict[str, tuple[Any, ...]]) -> When | None:
    """A `when`: a table, or a list of tables (any may match); each key one of `vocabulary`'s,
    its value one allowed value or a list of them."""
    tables = value if isinstance(value, list) else [value]
    if not tables or not all(isinstance(t, dict) and t for t in tables):
        c.add(key, say.bad_when())
        return None
    out = []
    ok = True
    for table in tables:
        conditions: dict[str, tuple[Any, ...]] = {}
        for name, wanted in table.items():
            if name not in vocabulary:
                c.add((*key, name), say.unknown_when_key(name, list(vocabulary)))
                ok = False
                continue
            values = wanted if isinstance(wanted, list) else [wanted]
            allowed = vocabulary[name]
            bad = [v for v in values if not any(v == a and type(v) is type(a) for a in allowed)]
            if not values or bad:
                c.add((*key, name), say.unknown_value(name, bad[0] if bad else wanted, list(allowed)))
                ok = False
                continue
            conditions[name] = tuple(values)
        out.append(conditions)
    return tuple(out) if ok else None
