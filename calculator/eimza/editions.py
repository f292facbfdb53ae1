"""Editions (baskılar): the dated, published versions of the site and what each changed.

The list lives in the directorate's folder (`data/iller/<il>/baskilar.toml`); editors add one
`[[edition]]` (date, a short note, optional detail lines) before `make publish`. The
change-history page shows it newest first, with lines derived from what differs between
consecutive editions' own data (each edition's data as it was published: its `baski-` tag;
the caller reads the tags). A corrected edition lists its `corrections` dates."""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from . import paths, wording_site
from . import wording_editor as say
from .checker import has_markup
from .errors import DataError, Problem
from .loader import load_data, read_data_text
from .model import FACT_KEYS, Data, TariffPeriod
from .money import format_tl, vat_of
from .tomlines import locate_keys, toml_problem
from .turkish import date_long

FILE_NAME = "baskilar.toml"
# An [[edition]]'s keys, declared once: (kind, required, what it is in the check's words).
# The check below, the JSON Schema (eimza.schema) and the guide's test read this table; the
# kind of a list is its elements' (`list[dt.date]`: a list of dates).
FIELDS: dict[str, tuple[Any, bool, str]] = {
    "date": (dt.date, True, "tarih (YYYY-AA-GG, tırnaksız)"),
    "note": (str, True, "tırnak içinde metin"),
    "changes": (list[str], False, "liste"),
    "corrections": (list[dt.date], False, "tarih listesi"),
    "undone": (list[int], False, "geri alınan düzeltmelerin sıra numaraları"),
    "data": (dict, False, "baskının yayımlandığı veri: iki dosyanın git kimlikleri"),
}
_KEYS = {name: words for name, (_, _, words) in FIELDS.items()}
# `data = { kamusm = "<40 hex>", il = "<40 hex>" }`: the git blob ids of the national file and
# the directorate's il.toml as the edition was published, for an edition without a tag (the
# repository's first; tags do not travel with commits). Content-addressed: any clone with that
# content in its history reads it back, whatever its commits were rebased or squashed into.
DATA_FILES = ("kamusm", "il")
_BLOB = re.compile(r"[0-9a-f]{40}")
# the note `make publish` suggests for a new entry: it must be replaced before publishing
PLACEHOLDER_NOTE = "Bu baskıda ne değişti? (ör. 2026 ücret tarifesi eklendi.)"


@dataclass(frozen=True)
class Edition:
    date: dt.date
    note: str
    changes: tuple[str, ...]
    corrections: tuple[dt.date, ...] = ()
    undone: tuple[int, ...] = ()  # the corrections (1 = the first) undone by the one after each
    data: tuple[str, str] | None = None  # its published data's blob ids (national, il): DATA_FILES


def default_path() -> str:
    """The default directorate's editions file (eimza.paths)."""
    return str(paths.files().editions)


def parse_editions(text: str, path: str) -> tuple[Edition, ...]:
    """Parse and validate the editions file; raise DataError (Turkish, with line numbers)."""
    if not text.strip():
        raise DataError([Problem(path, "", 1, say.empty_file(path))])
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise DataError([toml_problem(path, text, exc)]) from None
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
            add((name,), say.unknown_key(name, ["edition"]))
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
                add((*key, name), say.unknown_key(name, list(_KEYS)))
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
        undone = item.get("undone", [])
        if isinstance(fixes, list) and not _undone_ok(undone, len(fixes)):
            add((*key, "undone"), _UNDONE_ADVICE)
            ok = False
        state = item.get("data")
        if state is not None and not _state_ok(state):
            add((*key, "data"), _DATA_ADVICE)
            ok = False
        if isinstance(date, str):
            add((*key, "date"), say.date_advice(date))
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
            if isinstance(text_value, str) and has_markup(text_value):
                add((*key, name), say.markup_in_text(name, text_value))
                ok = False
        if not isinstance(changes, list) or not all(isinstance(c, str) and c.strip() for c in changes):
            add((*key, "changes"), "'changes' tırnak içinde metinlerden oluşan bir liste olmalı: [\"...\"].")
            ok = False
        if ok:
            assert isinstance(date, dt.date) and isinstance(note, str) and isinstance(changes, list)
            if out and date <= out[-1].date:
                add((*key, "date"), _out_of_order(date, out[-1].date))
            blobs = (state["kamusm"], state["il"]) if state is not None else None
            out.append(
                Edition(
                    date, note.strip(), tuple(c.strip() for c in changes), tuple(fixes), tuple(undone), blobs
                )
            )
    if problems:
        raise DataError(problems)
    return tuple(out)


def _out_of_order(day: dt.date, before: dt.date) -> str:
    if day == before:
        return (
            f"{date_long(day)} tarihli iki baskı var; her tarih bir kez yazılır. Fazla kaydı silin "
            "(aynı günün düzeltmesi, o baskının corrections listesine yazılır)."
        )
    return (
        f"Baskılar eskiden yeniye yazılır, en yenisi en sonda: bu {date_long(day)} baskısı, "
        f"kendinden önce yazılmış {date_long(before)} baskısından eski. Bu kaydı dosyada "
        f"{date_long(before)} baskısının önüne taşıyın ya da tarihini düzeltin."
    )


# ── undoing a correction (`make undo-correction`) ─────────────────────────────────────────
_UNDONE_ADVICE = (
    "'undone' geri alınan düzeltmelerin sıra numaralarının listesi olmalı (1 = ilk düzeltme; "
    "her biri kendisinden sonraki düzeltmeyle geri alınmıştır), ör. undone = [1]. Bu satırı "
    "make undo-correction yazar; elle değiştirmeyin."
)


_DATA_ADVICE = (
    '\'data\' baskının yayımlandığı verinin git kimlikleridir: data = { kamusm = "…", il = "…" } '
    "(her biri 40 karakter, 0-9 ve a-f). Bu satırı elle yazmayın; kimlikler: git rev-parse "
    "HEAD:data/kamusm.toml ve HEAD:data/iller/<il>/il.toml."
)


def _state_ok(state: object) -> bool:
    return (
        isinstance(state, dict)
        and set(state) == set(DATA_FILES)
        and all(isinstance(v, str) and _BLOB.fullmatch(v) for v in state.values())
    )


def _undone_ok(undone: object, corrections: int) -> bool:
    return (
        isinstance(undone, list)
        and all(isinstance(n, int) and not isinstance(n, bool) and 1 <= n < corrections for n in undone)
        and undone == sorted(set(undone))
    )


def load_editions(path: str | Path | None = None) -> tuple[Edition, ...]:
    """The editions, oldest first (default: the default directorate's baskilar.toml)."""
    name = str(path) if path is not None else default_path()
    text = read_data_text(name)
    return parse_editions(text, name)


def _period_line(data: Data, period: TariffPeriod) -> str:
    assert period.verified is not None
    rate = data.vat_rate_for(period.verified)
    parts = [
        f"{data.items[code].label} {format_tl(item.net + vat_of(item.net, rate))}"
        for code, item in period.items.items()
    ]
    return (
        f"Ücret tarifesi, {period.label} dönemi: "
        + "; ".join(parts)
        + f" (KDV dahil; {date_long(period.verified)} tarihli kaynağa göre)."
    )


def _grosses(data: Data, period: TariffPeriod) -> dict[str, str]:
    """The period's amounts as the tariff page shows them (VAT included, at the rate of the
    day the amounts were verified)."""
    rate = data.vat_rate_for(period.verified or period.start)
    return {code: format_tl(item.net + vat_of(item.net, rate)) for code, item in period.items.items()}


def data_changes(old: Data, new: Data) -> list[str]:
    """What changed for readers between two states of the data, one plain Turkish line each:
    per tariff period, amounts that became known, changed (each old and new amount) or are no
    longer known; per account fact (bank, branch, holder, IBAN, receipt e-mails, payment
    description), its old and new value and the date it holds from; and the situations whose
    procedure (steps, payment, notes) changed."""
    return [*_tariff_changes(old, new), *_account_changes(old, new), *_procedure_changes(old, new)]


_ACCOUNT = ("bank", "branch", "account_holder", "iban", "emails", "description")


def _shown(value: Any) -> str:
    if value is None or value == ():
        return "yok"
    return ", ".join(value) if isinstance(value, tuple) else str(value)


def _account_changes(old: Data, new: Data) -> list[str]:
    days = sorted({dt.date.min, *(b.start for d in (old, new) for b in d.facts_blocks if b.start)})
    out: list[str] = []
    said: dict[str, tuple[Any, Any]] = {}
    for day in days:
        a, b = old.facts_on(day), new.facts_on(day)
        for name in _ACCOUNT:
            va, vb = getattr(a, name), getattr(b, name)
            if va != vb and said.get(name) != (va, vb):
                since = "" if day == dt.date.min else _HISTORY["since"].format(date=date_long(day))
                label = FACT_KEYS[name][1]
                out.append(_HISTORY["fact"].format(label=label, old=_shown(va), new=_shown(vb), since=since))
            said[name] = (va, vb)
    return out


def _procedure_changes(old: Data, new: Data) -> list[str]:
    """The situations (labels, in the national order) a changed, added or removed rule is for."""

    def rules(data: Data) -> dict[tuple[str, str], list[Any]]:
        out: dict[tuple[str, str], list[Any]] = {}
        for r in data.procedure.rules:
            out.setdefault((r.kind, r.id), []).append(replace(r, index=0))
        return out

    before, after = rules(old), rules(new)
    touched: set[str] = set()
    for key in set(before) | set(after):
        if before.get(key) != after.get(key):
            for r in before.get(key, []) + after.get(key, []):
                named = [set(t["situation"]) for t in r.when if "situation" in t]
                everyone = not named or len(named) < len(r.when)
                touched |= {s.id for s in new.situations} if everyone else set().union(*named)
    labels = [s.label for s in new.situations if s.id in touched]
    return [_HISTORY["procedure"].format(situations=", ".join(labels))] if labels else []


def _tariff_changes(old: Data, new: Data) -> list[str]:
    before = {p.start: p for p in old.tariffs if p.amounts_known}
    out = []
    for period in new.tariffs:
        prev = before.pop(period.start, None)
        if not period.amounts_known or period.verified is None:
            if prev is not None:
                out.append(_HISTORY["gone"].format(period=period.label))
            continue
        if prev is None:
            out.append(_period_line(new, period))
            continue
        was, now = _grosses(old, prev), _grosses(new, period)
        if was == now:
            continue
        parts = []
        for code, amount in now.items():
            if code not in was:
                parts.append(_HISTORY["added"].format(item=_label(new, old, code), new=amount))
            elif was[code] != amount:
                parts.append(
                    _HISTORY["changed"].format(item=_label(new, old, code), old=was[code], new=amount)
                )
        parts += [_HISTORY["removed"].format(item=_label(new, old, c)) for c in was if c not in now]
        out.append(
            _HISTORY["period"].format(
                period=period.label, parts="; ".join(parts), verified=date_long(period.verified)
            )
        )
    out += [_HISTORY["gone"].format(period=p.label) for p in before.values()]
    return out


def _label(new: Data, old: Data, code: str) -> str:
    item = new.items.get(code) or old.items.get(code)
    return item.label if item else code


_HISTORY = {
    "fact": "Ödeme bilgisi, {label}{since}: {old} yerine {new}.",
    "since": " ({date} tarihinden itibaren)",
    "procedure": "Başvuru yolu değişti: {situations}.",
    "period": "Ücret tarifesi, {period} dönemi: {parts} (KDV dahil; {verified} tarihli kaynağa göre).",
    "changed": "{item} {old} yerine {new}",
    "added": "{item} {new} (yeni)",
    "removed": "{item} artık bu dönemde yok",
    "gone": "Ücret tarifesi, {period} dönemi: tutarlar artık bu sitede yok.",
    "correction": "{n}. düzeltme ({date}):",
    "undoes": "{n}. düzeltme geri alındı; okurlar o düzeltmeden önceki hâli görür.",
    "same": "Tutarlar değişmedi.",
}


def _changes(old: Data | None, new: Data | None) -> list[str] | None:
    """Reader lines between two states; None when either state's data is not known (then
    nothing is said: no guess, and nothing technical)."""
    return None if old is None or new is None else data_changes(old, new)


def edition_list(
    editions: tuple[Edition, ...] | None = None,
    data: Data | None = None,
    states: Mapping[dt.date, Sequence[Data | None]] | None = None,
) -> list[dict[str, Any]]:
    """JSON-ready editions, newest first, for the change-history page:
    {"date": "2026-01-20", "label": "20 Ocak 2026", "note": …, "changes": [...],
    "corrections": [{"date", "label", "number", "undoes", "changes"}], "latest": bool}.

    `states`: each edition's published states, oldest first (its original publication, then
    each correction; None where a state's data is not known). The newest edition's state
    after its listed corrections is `data` (the files being built). An edition's automatic
    lines compare its original with the previous edition's last state; a correction's, the
    state before it with its own (`changes` None: not known). Without `states`, no
    automatic lines."""
    eds = editions if editions is not None else load_editions()
    data = data or load_data()
    own: dict[dt.date, list[Data | None]] = {d: list(v) for d, v in (states or {}).items()}
    if eds:
        last = eds[-1]
        known = own.get(last.date, [])[: len(last.corrections)]
        own[last.date] = known + [None] * (len(last.corrections) - len(known)) + [data]
    out: list[dict[str, Any]] = []
    for i, ed in enumerate(eds):
        mine = own.get(ed.date, [])
        auto: list[str] = []
        if i and states is not None and mine:
            previous = own.get(eds[i - 1].date) or [None]
            auto = _changes(previous[-1], mine[0]) or []
        fixes = []
        for n, day in enumerate(ed.corrections, start=1):
            lines = _changes(mine[n - 1], mine[n]) if states is not None and n < len(mine) else None
            fixes.append(
                {
                    "date": day.isoformat(),
                    "label": date_long(day),
                    "number": n,
                    "undoes": n - 1 if n - 1 in ed.undone else None,
                    "changes": lines,
                }
            )
        out.append(
            {
                "date": ed.date.isoformat(),
                "label": date_long(ed.date),
                "note": ed.note,
                "changes": [*ed.changes, *auto],
                "corrections": fixes,
                "latest": i == len(eds) - 1,
            }
        )
    out.reverse()
    return out


def edition_markdown(
    editions: tuple[Edition, ...] | None = None,
    data: Data | None = None,
    states: Mapping[dt.date, Sequence[Data | None]] | None = None,
    this: dt.date | None = None,
    text: Callable[[str], str] = str,
) -> list[str]:
    """The same list as Markdown lines (one heading per edition), for a page token; the
    editors' text goes through `text` (the site passes its escaping placeholder).
    `this`: the edition the page belongs to, marked "(bu baskı)"; None for a build that is
    not a published edition (a preview), whose list then says so first. No edition is
    called "güncel": an edition cannot know whether a newer one was published after it."""
    lines: list[str] = []
    eds = edition_list(editions, data, states)
    if this is None and eds:
        lines += [wording_site.preview_editions_note(eds[0]["label"]), ""]
    for ed in eds:
        mark = " (bu baskı)" if this is not None and ed["date"] == this.isoformat() else ""
        lines += [f"### {ed['label']} baskısı{mark}", "", text(ed["note"]), ""]
        if ed["corrections"]:
            when = ", ".join(c["label"] for c in ed["corrections"])
            lines += [f"*Bu baskı düzeltildi: {when}.*", ""]
        lines += [f"- {text(c)}" for c in ed["changes"]]
        lines.append("")
        for fix in ed["corrections"]:
            head = "**" + _HISTORY["correction"].format(n=fix["number"], date=fix["label"]) + "**"
            if fix["undoes"]:
                head += " " + _HISTORY["undoes"].format(n=fix["undoes"])
            lines += [head, ""]
            if fix["changes"] is not None:
                lines += [f"- {text(c)}" for c in fix["changes"]] or [text(_HISTORY["same"])]
                lines.append("")
    return lines
