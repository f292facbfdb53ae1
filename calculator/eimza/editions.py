"""Editions (baskılar): the dated, published versions of the site and what each changed.

The list lives in `data/baskilar.toml`, next to the tariff data; editors add one
`[[edition]]` (date, a short note, optional detail lines) before `make publish`. The
change-history page shows it newest first, with lines derived from what differs between
consecutive editions' own data (each edition's data as it was published: its `baski-` tag;
the caller reads the tags). A corrected edition lists its `corrections` dates."""

from __future__ import annotations

import datetime as dt
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from . import validate, wording
from .errors import DataError, Problem
from .money import format_tl, vat_of
from .rates import Data, TariffPeriod, _toml_problem, load_data, locate_keys, read_data_text
from .turkish import date_long

FILE_NAME = "baskilar.toml"
_KEYS = {
    "date": "tarih (YYYY-AA-GG, tırnaksız)",
    "note": "tırnak içinde metin",
    "changes": "liste",
    "corrections": "tarih listesi",
}
# the note `make publish` suggests for a new entry: it must be replaced before publishing
PLACEHOLDER_NOTE = "Bu baskıda ne değişti? (ör. 2026 ücret tarifesi eklendi.)"


@dataclass(frozen=True)
class Edition:
    date: dt.date
    note: str
    changes: tuple[str, ...]
    corrections: tuple[dt.date, ...] = ()


def default_path() -> str:
    return str(resources.files("eimza").joinpath("data", FILE_NAME))


def parse_editions(text: str, path: str) -> tuple[Edition, ...]:
    """Parse and validate the editions file; raise DataError (Turkish, with line numbers)."""
    if not text.strip():
        raise DataError([Problem(path, "", 1, wording.empty_file(path))])
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
        fixes = item.get("corrections", [])
        if not isinstance(fixes, list) or not all(
            isinstance(f, dt.date) and not isinstance(f, dt.datetime) for f in fixes
        ):
            add(
                (*key, "corrections"),
                "'corrections' düzeltme tarihlerinin listesi olmalı (tırnaksız), "
                "ör. corrections = [2026-02-03].",
            )
            ok = False
        elif (isinstance(date, dt.date) and any(f < date for f in fixes)) or fixes != sorted(fixes):
            add(
                (*key, "corrections"),
                "Düzeltme tarihleri baskının tarihinden önce olamaz ve sırayla yazılır "
                "(yeni düzeltmeyi listenin sonuna ekleyin).",
            )
            ok = False
        if isinstance(date, str):
            add((*key, "date"), wording.date_advice(date))
            ok = False
        elif not isinstance(date, dt.date) or isinstance(date, dt.datetime):
            add((*key, "date") if "date" in item else key, f"'date' {_KEYS['date']} olmalı, ör. 2026-01-20.")
            ok = False
        if not isinstance(note, str) or not note.strip():
            add(
                (*key, "note") if "note" in item else key, "'note' yazılmalı: okurlar için kısa bir açıklama."
            )
            ok = False
        elif note.strip().startswith(PLACEHOLDER_NOTE.split("?")[0]):
            add(
                (*key, "note"),
                "Baskının notu hâlâ make publish'in önerdiği örnek metin. Okurlar için bu baskıda "
                'neyin değiştiğini yazın, ör. note = "2026 ücret tarifesi eklendi."',
            )
            ok = False
        for name, text_value in [
            ("note", note),
            *(("changes", c) for c in changes if isinstance(changes, list)),
        ]:
            if isinstance(text_value, str) and validate.has_markup(text_value):
                add((*key, name), wording.markup_in_text(name, text_value))
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
            out.append(Edition(date, note.strip(), tuple(c.strip() for c in changes), tuple(fixes)))
    if problems:
        raise DataError(problems)
    return tuple(out)


def load_editions(path: str | Path | None = None) -> tuple[Edition, ...]:
    """The editions, oldest first (default: the packaged baskilar.toml)."""
    name = str(path) if path is not None else default_path()
    text = read_data_text(name, FILE_NAME if path is None else None)
    return parse_editions(text, name)


def _period_line(data: Data, period: TariffPeriod) -> str:
    assert period.verified is not None
    rate = data.vat_rate_for(period.verified)
    parts = [
        f"{wording.ITEMS[code]} {format_tl(item.net + vat_of(item.net, rate))}"
        for code, item in period.items.items()
    ]
    return (
        f"Ücret tarifesi, {period.label} dönemi: "
        + "; ".join(parts)
        + f" (KDV dahil; {date_long(period.verified)} tarihli kaynağa göre)."
    )


def data_changes(old: Data, new: Data) -> list[str]:
    """The tariff periods with known amounts in `new` whose amounts `old` did not have
    (period missing, unknown, or other amounts): one line each."""
    before = {p.start: p for p in old.tariffs}
    out = []
    for period in new.tariffs:
        if not period.amounts_known or period.verified is None:
            continue
        prev = before.get(period.start)
        same = (
            prev is not None
            and prev.amounts_known
            and {c: i.net for c, i in prev.items.items()} == {c: i.net for c, i in period.items.items()}
        )
        if not same:
            out.append(_period_line(new, period))
    return out


def missing_data_line(ed: Edition) -> str:
    return (
        f"Bu baskının verisi (baski-{ed.date.isoformat()} etiketi) bulunamadı; tarife "
        "değişiklikleri gösterilemiyor."
    )


def edition_list(
    editions: tuple[Edition, ...] | None = None,
    data: Data | None = None,
    published: Mapping[dt.date, Data | None] | None = None,
) -> list[dict[str, Any]]:
    """JSON-ready editions, newest first, for the change-history page:
    {"date": "2026-01-20", "label": "20 Ocak 2026", "note": …, "changes": [...],
    "corrections": [{"date", "label"}], "latest": bool}.

    `published`: each edition's own data (None: its tag is missing); the newest edition's
    data is `data` (the file being built). Without it, no automatic tariff lines."""
    eds = editions if editions is not None else load_editions()
    data = data or load_data()
    own: dict[dt.date, Data | None] = dict(published or {})
    if eds:
        own[eds[-1].date] = data
    out: list[dict[str, Any]] = []
    for i, ed in enumerate(eds):
        auto: list[str] = []
        if i and published is not None:
            old, new = own.get(eds[i - 1].date), own.get(ed.date)
            if new is None:
                auto = [missing_data_line(ed)]
            elif old is None:
                auto = [missing_data_line(eds[i - 1])]
            else:
                auto = data_changes(old, new)
        out.append(
            {
                "date": ed.date.isoformat(),
                "label": date_long(ed.date),
                "note": ed.note,
                "changes": [*ed.changes, *auto],
                "corrections": [{"date": d.isoformat(), "label": date_long(d)} for d in ed.corrections],
                "latest": i == len(eds) - 1,
            }
        )
    out.reverse()
    return out


def edition_markdown(
    editions: tuple[Edition, ...] | None = None,
    data: Data | None = None,
    published: Mapping[dt.date, Data | None] | None = None,
    this: dt.date | None = None,
    text: Callable[[str], str] = str,
) -> list[str]:
    """The same list as Markdown lines (one heading per edition), for a page token; the
    editors' text goes through `text` (the site passes its escaping placeholder).
    `this`: the edition the page belongs to, marked "(bu baskı)"; None for a build that is
    not a published edition (a preview), whose list then says so first. No edition is
    called "güncel": an edition cannot know whether a newer one was published after it."""
    lines: list[str] = []
    eds = edition_list(editions, data, published)
    if this is None and eds:
        lines += [wording.preview_editions_note(eds[0]["label"]), ""]
    for ed in eds:
        mark = " (bu baskı)" if this is not None and ed["date"] == this.isoformat() else ""
        lines += [f"### {ed['label']} baskısı{mark}", "", text(ed["note"]), ""]
        if ed["corrections"]:
            when = ", ".join(c["label"] for c in ed["corrections"])
            lines += [f"*Bu baskı düzeltildi: {when}.*", ""]
        lines += [f"- {text(c)}" for c in ed["changes"]]
        lines.append("")
    return lines
