"""The worker's single entry point: case JSON in, answer JSON (quote + HTML) out."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from . import wording
from .checks import is_valid_tckn
from .errors import EimzaError
from .evaluate import quote
from .money import format_tl
from .present import render_answer_html, render_error_html

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


def _failure(err: EimzaError) -> str:
    out = {"ok": False, "error": err.to_dict(), "html": render_error_html(err)}
    out["summary"] = wording.summary_error(err.message)
    return json.dumps(out, ensure_ascii=False)


def answer(case_json: str, data: Data | None = None) -> str:
    """Never raises: every failure becomes {"ok": false, "error": {...}, "html": ...}.
    `data`: the data to answer from (default: eimza.paths).

    When only the amounts are unknown (tariff-unknown), the failure also carries the answer
    without amounts (`quote`), and its HTML follows the error: the reader still gets the
    steps, the account and the payment description."""
    try:
        try:
            raw: Any = json.loads(case_json)
        except (ValueError, TypeError, RecursionError):
            raise EimzaError("case-invalid", wording.CASE_UNREADABLE) from None
        try:
            q = quote(raw, data)
        except EimzaError as err:
            if err.code != "tariff-unknown":
                raise
            q = quote(raw, data, require_amounts=False)
            # the calculator shows the answer under its own "Sonuç" heading (h2)
            html = render_answer_html(q, err, heading_level=3)
            out = {"ok": False, "error": err.to_dict(), "quote": q, "html": html, "summary": summary(q)}
            return json.dumps(out, ensure_ascii=False)
        html = render_answer_html(q, heading_level=3)
        return json.dumps({"ok": True, "quote": q, "html": html, "summary": summary(q)}, ensure_ascii=False)
    except EimzaError as err:
        return _failure(err)
    except Exception:  # the page must always get an answer it can show
        return _failure(EimzaError("internal-error", wording.INTERNAL_ERROR))


def handle(message_json: str, data: Data | None = None) -> str:
    """The calculator worker's one call: {"case": {...}, "person": {name, surname, tckn}} in,
    {"answer": <answer()'s object>, "tcknValid": bool | null, "personError": str | null} out.

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
    name, surname, tckn = (str(person.get(k) or "").strip() for k in ("name", "surname", "tckn"))
    tckn_valid = is_valid_tckn(tckn) if tckn else None
    person_error = None
    plain = json.dumps(case, ensure_ascii=False)
    if name and surname and tckn and tckn_valid:
        with_person = {**case, "name": name, "surname": surname, "tckn": tckn}
        result = json.loads(answer(json.dumps(with_person, ensure_ascii=False), data))
        if not result.get("ok") and result["error"]["code"] in PERSON_ERRORS:
            # refused person: the answer without them (even on a date whose amounts are
            # unknown, so the steps and the account stay), and the field message
            person_error = result["error"]["message"]
            result = json.loads(answer(plain, data))
    else:
        result = json.loads(answer(plain, data))
    out = {"answer": result, "tcknValid": tckn_valid, "personError": person_error}
    return json.dumps(out, ensure_ascii=False)
