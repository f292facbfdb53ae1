"""The table of cases: every situation × role × option path of the data, on the dates that
matter (the day before and the first day of each of the data's change points), a few with a
person, and one of each bad input.

Natively and inside the Pyodide the site ships, each must give the same output (parity).
`CASES` is the default data's table (eimza.paths); `for_data(data)` any data's."""

from __future__ import annotations

import datetime as dt
from typing import Any

from .instant import form_cases
from .model import Data

_DAY = dt.timedelta(days=1)
IDENTITY = {"name": "ilker", "surname": "çiftçi", "tckn": "17291716060"}
SECOND_IDENTITY = {"name": "ayşe nur", "surname": "ışık", "tckn": "17291716060"}


def boundaries(data: Data) -> list[dt.date]:
    """The first days of new states: tariff and VAT periods, the day after a verified date
    (a warning starts), a rule's from and the day after its until, a facts block's from."""
    days: set[dt.date] = set()
    for period in data.tariffs:
        days.add(period.start)
        if period.verified is not None:
            days.add(period.verified + _DAY)
    days |= {v.start for v in data.vat}
    for rule in data.procedure.rules:
        if rule.start is not None:
            days.add(rule.start)
        if rule.until is not None:
            days.add(rule.until + _DAY)
    days |= {b.start for b in data.facts_blocks if b.start is not None}
    return sorted(days)


def dates(data: Data) -> list[str]:
    """Each boundary and the day before it (ISO)."""
    out: set[dt.date] = set()
    for day in boundaries(data):
        out |= {day - _DAY, day}
    return [d.isoformat() for d in sorted(out)]


def _priced_day(data: Data) -> str | None:
    """A day with known amounts (the newest), for the cases with a person."""
    known = data.latest_known()
    return known.verified.isoformat() if known and known.verified else None


def for_data(data: Data) -> list[dict[str, Any]]:
    out = [{**case, "date": day} for day in dates(data) for case in form_cases(data)]
    day = _priced_day(data)
    if day is not None:
        payers = [c for c in form_cases(data) if c["role"] == data.roles[0].id][:2]
        out += [{**payers[0], "date": day, **IDENTITY}, {**payers[-1], "date": day, **SECOND_IDENTITY}]
    first, role = data.situations[0], data.roles[0]
    option = data.options[0] if data.options else None
    other = next((s for s in data.situations if option is None or s.id != option.situation), first)
    # bad inputs: each must give the same documented error everywhere
    out += [
        {"situation": "moved", "role": role.id},
        {"situation": first.id, "role": "nurse"},
        {"situation": first.id, "role": role.id, "date": "2024-02-30"},
        {"situation": first.id, "role": role.id, "name": "Ali"},
        {"situation": first.id, "role": role.id, **IDENTITY, "tckn": "17291716050"},
    ]
    if option is not None:
        out.append({"situation": other.id, "role": role.id, option.id: not option.default})
    return out


def __getattr__(name: str) -> Any:
    if name == "CASES":  # computed on first use: it needs the data
        from .loader import load_data

        return for_data(load_data())
    raise AttributeError(name)
