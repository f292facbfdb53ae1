"""The worker's single entry point: case JSON in, answer JSON (quote + HTML) out."""

from __future__ import annotations

import datetime as dt
import json
from html import escape
from typing import TYPE_CHECKING, Any

from . import dated, wording
from .checks import is_valid_tckn
from .errors import EimzaError
from .evaluate import quote
from .money import format_tl
from .present import render_answer_html, render_error_html
from .request import PERSON_KEYS

if TYPE_CHECKING:
    from .model import Data

# the person's fields, refused: the answer is given without them (handle)
PERSON_ERRORS = ("identity-incomplete", "name-invalid", "surname-invalid", "tckn-invalid")


def summary(q: dict[str, Any]) -> str:
    """The one line a screen reader hears for a new answer: the case, and the total or that
    the amount is not on the site."""
    pay = q["payment"]
    if q.get("unknown"):
        return wording.summary_unknown(q["title"])
    if pay is None and q.get("payee") == "unknown":
        return wording.summary_payment_unknown(q["title"])
    if pay is None:
        return wording.summary_no_payment(q["title"])
    if pay["total"] is None:
        return wording.summary_unpriced(q["title"])
    return wording.summary_total(q["title"], format_tl(pay["total"]))


def _failure(err: EimzaError) -> dict[str, Any]:
    out: dict[str, Any] = {"ok": False, "error": err.to_dict(), "html": render_error_html(err)}
    out["summary"] = wording.summary_error(err.message)
    return out


def _reply(raw: Any, data: Data | None) -> tuple[dict[str, Any], dict[str, Any] | None]:
    """The answer object for a case (its HTML date-free: the date is in the head; `holds`:
    what holds on its date, eimza.dated), with the quote it was made from; never raises.
    (No exception leaves this function: one kept with its traceback keeps its frames.)"""
    try:
        try:
            q = quote(raw, data)
        except EimzaError as err:
            if err.code != "tariff-unknown":
                raise
            q = quote(raw, data, require_amounts=False)
            # the calculator shows the answer under its own "Sonuç" heading (h2)
            html = render_answer_html(q, err, heading_level=3, dated=False)
            out = {"ok": False, "error": err.to_dict(), "quote": q, "html": html, "summary": summary(q)}
            return {**out, "holds": dated.holds(q, err)}, q
        html = render_answer_html(q, heading_level=3, dated=False)
        return {"ok": True, "quote": q, "html": html, "summary": summary(q), "holds": dated.holds(q, None)}, q
    except EimzaError as err:
        return _failure(err), None
    except Exception:  # the page must always get an answer it can show
        return _failure(EimzaError("internal-error", wording.INTERNAL_ERROR)), None


def _head(raw: dict[str, Any], q: dict[str, Any], data: Data | None, today: dt.date | None) -> str:
    """The answer's date in words; on another day than `today`, first what holds today (the
    same case without a person, answered on today's date)."""
    day = dt.date.fromisoformat(q["case"]["date"])
    if today is None or today == day:
        return dated.head(day, today, None)
    case = {k: v for k, v in raw.items() if k not in PERSON_KEYS}
    now, _ = _reply({**case, "date": today.isoformat()}, data)
    return dated.head(day, today, now.get("holds") or escape(now["error"]["message"]))


def answer(case_json: str, data: Data | None = None, today: dt.date | None = None) -> str:
    """Never raises: every failure becomes {"ok": false, "error": {...}, "html": ...}.
    `data`: the data to answer from (default: eimza.paths); `today`: the reader's today in
    Türkiye (the page's clock), for the head.

    When only the amounts are unknown (tariff-unknown), the failure also carries the answer
    without amounts (`quote`), and its HTML follows the error: the reader still gets the
    steps, the account and the payment description. An answer with a quote also carries
    `head` (eimza.dated: its date in words; on another day than `today`, first that it is
    not today's and what holds today) and `holds` (what holds on its date, in its words)."""
    try:
        raw: Any = json.loads(case_json)
    except (ValueError, TypeError, RecursionError):
        return json.dumps(_failure(EimzaError("case-invalid", wording.CASE_UNREADABLE)), ensure_ascii=False)
    out, q = _reply(raw, data)
    if q is not None:
        try:
            out["head"] = _head(raw, q, data, today)
        except Exception:  # the page must always get an answer it can show
            out = _failure(EimzaError("internal-error", wording.INTERNAL_ERROR))
    return json.dumps(out, ensure_ascii=False)


def handle(message_json: str, data: Data | None = None) -> str:
    """The calculator worker's one call: {"case": {...}, "person": {name, surname, tckn},
    "today": "YYYY-MM-DD"} in, {"answer": <answer()'s object>, "tcknValid": bool | null,
    "personError": str | null} out. `today`: the reader's today in Türkiye (the page's clock;
    without it the head names no "today").

    The name, surname and T.C. Kimlik No go into the case only when all three are given and
    the number is valid. When the engine refuses them (e.g. a name with digits), the answer
    is made without them and the engine's message comes back as personError, so the reader
    keeps the answer and sees why the description is missing. Never raises."""
    try:
        message = json.loads(message_json)
    except (ValueError, TypeError, RecursionError):
        message = None
    if not isinstance(message, dict):
        message = {}
    case = message.get("case")
    case = dict(case) if isinstance(case, dict) else {}
    person = message.get("person")
    person = person if isinstance(person, dict) else {}
    today = dated.parse_today(message.get("today"))
    name, surname, tckn = (str(person.get(k) or "").strip() for k in ("name", "surname", "tckn"))
    tckn_valid = is_valid_tckn(tckn) if tckn else None
    person_error = None
    plain = json.dumps(case, ensure_ascii=False)
    if name and surname and tckn and tckn_valid:
        with_person = {**case, "name": name, "surname": surname, "tckn": tckn}
        result = json.loads(answer(json.dumps(with_person, ensure_ascii=False), data, today))
        if not result.get("ok") and result["error"]["code"] in PERSON_ERRORS:
            # refused person: the answer without them (even on a date whose amounts are
            # unknown, so the steps and the account stay), and the field message
            person_error = result["error"]["message"]
            result = json.loads(answer(plain, data, today))
    else:
        result = json.loads(answer(plain, data, today))
    out = {"answer": result, "tcknValid": tckn_valid, "personError": person_error}
    return json.dumps(out, ensure_ascii=False)
