"""Editions (baskılar): the dated, published versions of the site and what each changed.

The list lives in `data/baskilar.toml`, next to the tariff data; editors add one
`[[edition]]` (date, a short note, optional detail lines) before `make publish`. The
change-history page shows it newest first, with lines derived from the data file: the
tariff periods whose amounts were verified since the previous edition."""

from __future__ import annotations

import datetime as dt
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from . import wording
from .errors import DataError, Problem
from .money import format_tl, vat_of
from .rates import Data, _toml_problem, load_data, locate_keys, read_data_text
from .turkish import date_long

FILE_NAME = "baskilar.toml"
_KEYS = {"date": "tarih (YYYY-AA-GG, tırnaksız)", "note": "tırnak içinde metin", "changes": "liste"}


@dataclass(frozen=True)
class Edition:
    date: dt.date
    note: str
    changes: tuple[str, ...]


def default_path() -> str:
    return str(resources.files("eimza").joinpath("data", FILE_NAME))


def parse_editions(text: str, path: str) -> tuple[Edition, ...]:
    """Parse and validate the editions file; raise DataError (Turkish, with line numbers)."""
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise DataError([_toml_problem(path, text, exc)]) from None
    lines = locate_keys(text)
    problems: list[Problem] = []

    def add(key: tuple[str | int, ...], message: str) -> None:
        k = key
        while k and k not in lines:
            k = k[:-1]
        name = ".".join(f"[{p + 1}]" if isinstance(p, int) else p for p in key).replace(".[", "[")
        problems.append(Problem(path, name, lines.get(k) if k else None, message))

    for name in raw:
        if name != "edition":
            add((name,), wording.unknown_key(name, ["edition"]))
    items = raw.get("edition", [])
    if not isinstance(items, list) or not items:
        add(("edition",), "En az bir [[edition]] (baskı) yazılmalı: date ve note ile.")
        raise DataError(problems)
    out: list[Edition] = []
    for i, item in enumerate(items):
        key: tuple[str | int, ...] = ("edition", i)
        ok = True
        for name in item:
            if name not in _KEYS:
                add((*key, name), wording.unknown_key(name, list(_KEYS)))
                ok = False
        date, note, changes = item.get("date"), item.get("note"), item.get("changes", [])
        if not isinstance(date, dt.date) or isinstance(date, dt.datetime):
            add((*key, "date") if "date" in item else key, f"'date' {_KEYS['date']} olmalı, ör. 2026-01-20.")
            ok = False
        if not isinstance(note, str) or not note.strip():
            add(
                (*key, "note") if "note" in item else key, "'note' yazılmalı: okurlar için kısa bir açıklama."
            )
            ok = False
        if not isinstance(changes, list) or not all(isinstance(c, str) and c.strip() for c in changes):
            add((*key, "changes"), "'changes' tırnak içinde metinlerden oluşan bir liste olmalı: [\"...\"].")
            ok = False
        if ok:
            assert isinstance(date, dt.date) and isinstance(note, str) and isinstance(changes, list)
            if out and date <= out[-1].date:
                add(
                    (*key, "date"),
                    f"Baskılar tarih sırasıyla yazılmalı ve her tarih bir kez geçmeli: {date.isoformat()} "
                    f"tarihli baskı {out[-1].date.isoformat()} tarihli baskıdan sonra gelmeli. "
                    "Yeni baskıyı dosyanın sonuna ekleyin.",
                )
            out.append(Edition(date, note.strip(), tuple(c.strip() for c in changes)))
    if problems:
        raise DataError(problems)
    return tuple(out)


def load_editions(path: str | Path | None = None) -> tuple[Edition, ...]:
    """The editions, oldest first (default: the packaged baskilar.toml)."""
    name = str(path) if path is not None else default_path()
    text = read_data_text(name, FILE_NAME if path is None else None)
    return parse_editions(text, name)


def data_changes(data: Data, since: dt.date | None, until: dt.date) -> list[str]:
    """Tariff periods whose amounts were verified after `since` and on or before `until`."""
    if since is None:
        return []
    out = []
    for period in data.tariffs:
        v = period.verified
        if not period.amounts_known or v is None or not (since < v <= until):
            continue
        rate = data.vat_rate_for(v)
        parts = [
            f"{wording.ITEMS[code]} {format_tl(item.net + vat_of(item.net, rate))}"
            for code, item in period.items.items()
        ]
        out.append(
            f"Ücret tarifesi, {period.label} dönemi: "
            + "; ".join(parts)
            + f" (KDV dahil; {date_long(v)} tarihli kaynağa göre)."
        )
    return out


def edition_list(
    editions: tuple[Edition, ...] | None = None, data: Data | None = None
) -> list[dict[str, Any]]:
    """JSON-ready editions, newest first, for the change-history page:
    {"date": "2026-01-20", "label": "20 Ocak 2026", "note": …, "changes": [...], "latest": bool}."""
    eds = editions if editions is not None else load_editions()
    data = data or load_data()
    out: list[dict[str, Any]] = []
    for i, ed in enumerate(eds):
        since = eds[i - 1].date if i else None
        out.append(
            {
                "date": ed.date.isoformat(),
                "label": date_long(ed.date),
                "note": ed.note,
                "changes": [*ed.changes, *data_changes(data, since, ed.date)],
                "latest": i == len(eds) - 1,
            }
        )
    out.reverse()
    return out


def edition_markdown(
    editions: tuple[Edition, ...] | None = None, data: Data | None = None, text: Callable[[str], str] = str
) -> list[str]:
    """The same list as Markdown lines (one heading per edition), for a page token; the
    editors' text goes through `text` (the site passes its escaping placeholder)."""
    lines: list[str] = []
    for ed in edition_list(editions, data):
        current = " (güncel baskı)" if ed["latest"] else ""
        lines += [f"### {ed['label']} baskısı{current}", "", text(ed["note"]), ""]
        lines += [f"- {text(c)}" for c in ed["changes"]]
        lines.append("")
    return lines
