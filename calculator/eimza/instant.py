"""Instant answers: the calculator's answer to every case the form can express without a
person, with the date intervals over which that answer stays the same.

The page shows such an answer at once (no Python) when its date lies inside the interval;
everywhere else the worker answers. Both come from `eimza.web.handle`, so they are the same
text. The intervals are found from the data's own dates and the calendar's years: every rule
compares the case's date with a date of the data (period starts and ends, VAT periods,
verified dates, the lost-card procedure change, …), and an answer may name the date's year
(the unknown-amount message "2026 yılının e-imza ücretleri …"), so the "change points" are
each data date d, d + 1 day, and 1 January of every year from the data's first year through
the year after its last date (and through the year of `through`, the edition's date); between
two consecutive change points nothing can change. After the last year cut, an answer that
names the year has two texts at the ends of the last segment, which is then left to the
worker (an open-ended period would otherwise need one interval per year until 9999).
Each segment is checked by construction: the answer at its first two and last two days must
be one text, else the segment's answer depends on the day itself (e.g. an error that names
the date) and it gets no instant answer. Adjacent segments with the same answer are merged."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from collections.abc import Iterator
from typing import Any

from .loader import load_data
from .model import Data
from .web import handle

FIRST = dt.date.min
LAST = dt.date.max
_DAY = dt.timedelta(days=1)


def form_cases(data: Data) -> list[dict[str, Any]]:
    """Every case the calculator form posts without a date, exactly as calculator.mjs's
    readCase builds it: every situation × role, and a situation with options always says
    each of its options (its default first, then the other value of each in turn)."""
    out: list[dict[str, Any]] = []
    for situation in data.situations:
        own = data.options_of(situation.id)
        for role in data.roles:
            combos: list[dict[str, Any]] = [{}]
            for option in own:
                values = (option.default, not option.default)
                combos = [{**combo, option.id: v} for combo in combos for v in values]
            out += [{"situation": situation.id, "role": role.id, **combo} for combo in combos]
    return out


def case_key(case: dict[str, Any]) -> str:
    """The case without its date as compact JSON with sorted keys; the page builds the same
    string with JSON.stringify over its case's sorted entries."""
    rest = {k: v for k, v in case.items() if k != "date"}
    return json.dumps(rest, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def _dates(value: Any) -> Iterator[dt.date]:
    if isinstance(value, dt.date):
        yield value
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for f in dataclasses.fields(value):
            yield from _dates(getattr(value, f.name))
    elif isinstance(value, dict):
        for v in value.values():
            yield from _dates(v)
    elif isinstance(value, (list, tuple)):
        for v in value:
            yield from _dates(v)


def change_points(data: Data, through: dt.date | None = None) -> list[dt.date]:
    """Sorted days on which an answer may differ from the day before: every date in the
    data and the day after it (a rule may compare with <, <=, > or >=), and 1 January of
    every year from the data's first through the year after its last date or `through`'s
    year (an answer may name the year)."""
    points = set()
    # every date an answer compares with (the sources' own dates are only cited)
    dated = [getattr(data, f.name) for f in dataclasses.fields(data) if f.name != "sources"]
    for day in _dates(dated):
        points.add(day)
        if day < LAST:
            points.add(day + _DAY)
    points -= {FIRST, LAST}
    if points:
        last = max(max(points).year, through.year if through else 0) + 1
        points |= {dt.date(year, 1, 1) for year in range(min(points).year, last + 2)}
    return sorted(points)


def shown(case: dict[str, Any], day: dt.date, data: Data) -> tuple[str, str | None, str | None]:
    """What the calculator shows and announces for the case on that day with no person: the
    HTML, the summary and what holds on that day (`holds`, said by an answer for another day
    whose today is this one, eimza.dated) of the worker's reply (`eimza.web.handle`, no
    name, surname or T.C. Kimlik No)."""
    message = {"case": {**case, "date": day.isoformat()}, "person": {"name": "", "surname": "", "tckn": ""}}
    reply = json.loads(handle(json.dumps(message, ensure_ascii=False), data))["answer"]
    return str(reply["html"]), reply.get("summary"), reply.get("holds")


def segments(data: Data, through: dt.date | None = None) -> list[tuple[dt.date, dt.date]]:
    """[first, last] day ranges between consecutive change points, covering every date."""
    starts = [FIRST, *change_points(data, through)]
    ends = [s - _DAY for s in starts[1:]] + [LAST]
    return list(zip(starts, ends, strict=False))


def intervals(case: dict[str, Any], data: Data, through: dt.date | None = None) -> list[dict[str, Any]]:
    """The case's instant answers: [{"from", "to" (ISO, both inclusive), "html", "summary",
    "holds"}], sorted; dates outside every interval have an answer that depends on the day
    (the worker's). The answer's head (its date) is not in the table: the page writes it
    from eimza.dated's templates."""
    out: list[dict[str, Any]] = []
    for first, last in segments(data, through):
        probes = sorted({first, min(first + _DAY, last), max(last - _DAY, first), last})
        texts = {shown(case, day, data) for day in probes}
        if len(texts) != 1:
            continue
        html, summary, holds = texts.pop()
        prev = out[-1] if out else None
        same = prev and (prev["html"], prev["summary"], prev["holds"]) == (html, summary, holds)
        if prev and same and prev["to"] == (first - _DAY).isoformat():
            prev["to"] = last.isoformat()
        else:
            days = {"from": first.isoformat(), "to": last.isoformat()}
            out.append({**days, "html": html, "summary": summary, "holds": holds})
    return out


def table(data: Data | None = None, through: dt.date | None = None) -> dict[str, list[dict[str, Any]]]:
    """{case_key: intervals} for every case of form_cases(data); `through` (the edition's date)
    extends the year cuts to its year when it lies after the data's."""
    data = data or load_data()
    return {case_key(c): intervals(c, data, through) for c in form_cases(data)}


def for_day(full: dict[str, list[dict[str, Any]]], day: dt.date) -> dict[str, list[dict[str, Any]]]:
    """Only the intervals that contain `day` (the edition's date): what a page embeds."""
    iso = day.isoformat()
    return {k: [i for i in v if i["from"] <= iso <= i["to"]] for k, v in full.items()}


def lookup(full: dict[str, list[dict[str, Any]]], case: dict[str, Any]) -> str | None:
    """The instant answer for a dated case, or None (what the page does, for tests)."""
    iso = case.get("date", "")
    for interval in full.get(case_key(case), []):
        if interval["from"] <= iso <= interval["to"]:
            return str(interval["html"])
    return None
