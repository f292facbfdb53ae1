"""An answer's date, said in words, and what an answer for another day than today says first.

Every answer states its date ("Ödeme tarihi: 12 Mart 2024"). In the calculator that line is
the answer's *head*, shown above the answer's HTML (which is date-free, so that one text
serves a whole interval, see eimza.instant); for a date other than the reader's today
(Türkiye time, passed in by the page) the head says first that the answer is not for today,
then what holds today (`holds`: today's answer in its own words: its total, or the
unknown-amount message's head and "Eski tutarları yatırmayın.") and a button to today's
answer.

The head is one of a few templates with the placeholders {d}, {d_words}, {t}, {t_words} and
{holds}, filled in one pass. The calculator page fills the same templates (`vocabulary()`,
shipped in the page) when it answers from its instant table without Python, so the worker's
head and the page's are one text."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from html import escape
from typing import Any

from . import wording
from .errors import EimzaError
from .money import format_tl
from .turkish import MONTHS, date_long

SLOTS = re.compile(r"\{(d|d_words|t|t_words|holds)\}")


def fill(template: str, values: Mapping[str, str]) -> str:
    """The template with each placeholder replaced (one pass: a value is never read again)."""
    return SLOTS.sub(lambda m: values[m.group(1)], template)


def _line(today: bool) -> str:
    mark = f" {escape(wording.TODAY_MARK)}" if today else ""
    label = escape(wording.DATE_LABEL)
    return f'<p class="eimza-date">{label}: <time datetime="{{d}}">{{d_words}}</time>{mark}</p>'


def _other_day() -> str:
    lead = escape(wording.not_today("{d_words}"))
    today = escape(wording.today_is("{t_words}"))
    show = escape(wording.SHOW_TODAY)
    button = f'<button type="button" class="md-button" data-eimza-date="{{t}}">{show}</button>'
    return "\n".join(
        [
            '<div class="eimza-other-day">',
            f"<p data-eimza-say><strong>{lead}</strong></p>",
            f"<p><strong>{today}</strong> {{holds}}</p>",
            f"<p>{button}</p>",
            "</div>",
            _line(False),
        ]
    )


def _link_date() -> str:
    text = escape(wording.link_date("{d_words}"))
    label = escape(wording.show_link_date("{d_words}"))
    return f'<p>{text} <button type="button" class="md-button" data-eimza-date="{{d}}">{label}</button></p>'


# line: the date alone (a page's static answer: the edition's date, no "today" at build
# time); today: the reader's today; other: another day than today; link: a shared link's
# date that is not today (the page opens on today, see ARCHITECTURE.md)
TEMPLATES = {"line": _line(False), "today": _line(True), "other": _other_day(), "link": _link_date()}


def words(day: dt.date) -> str:
    """12 Mart 2024"""
    return date_long(day)


def date_line(day: dt.date) -> str:
    """The answer's date alone (pages: their answers are for the edition's date)."""
    return fill(TEMPLATES["line"], {"d": day.isoformat(), "d_words": words(day)})


def head(day: dt.date, today: dt.date | None, holds_today: str | None) -> str:
    """The calculator's head for an answer on `day`: the date line, marked "(bugün)" on the
    reader's today; on another day, first the notice with `holds_today` (see `holds`)."""
    values = {"d": day.isoformat(), "d_words": words(day)}
    if today is None:
        return fill(TEMPLATES["line"], values)
    if day == today:
        return fill(TEMPLATES["today"], values)
    values |= {"t": today.isoformat(), "t_words": words(today), "holds": holds_today or ""}
    return fill(TEMPLATES["other"], values)


def holds(q: dict[str, Any] | None, error: EimzaError | None) -> str:
    """What an answer says holds on its date, in its own words, as HTML: the total; the
    unknown-amount message's head and not to pay old amounts; no payment's reason; an
    unknown procedure's text; or the error."""
    if q is None:
        return escape(error.message if error else "")
    if q.get("unknown"):
        return escape(q["unknown"]["text"])
    pay = q["payment"]
    if pay is None:
        return escape(q["no_payment_reason"] or "")
    if pay["total"] is None:
        lead = error.lead if error is not None and error.lead else wording.UNPRICED_TOTAL
        return f"{escape(lead)} <strong>{escape(wording.DO_NOT_PAY_OLD)}</strong>"
    amount = f'<span class="eimza-amount">{escape(format_tl(pay["total"]))}</span>'
    return escape(wording.holds_total("{amount}")).replace("{amount}", amount)


def parse_today(value: Any) -> dt.date | None:
    """The page's today (ISO); anything else is no today (the head then names no "today")."""
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return None
    return None


def vocabulary() -> dict[str, Any]:
    """What the calculator page needs to write a head without Python: the month names
    (a date in words is "<day> <month> <year>", as turkish.date_long writes it) and the
    templates."""
    return {"months": list(MONTHS), "templates": dict(TEMPLATES)}
