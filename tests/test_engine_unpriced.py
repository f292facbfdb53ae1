"""When the data has no amount for a date, the engine still gives the procedure: the same
steps, payee, account and description as on a priced date, with the items named and no sum.
The calculator shows that under the tariff-unknown error (eimza.web.answer)."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest

from eimza import EimzaError, quote
from eimza.evaluate import amounts_unknown
from eimza.web import answer
from engine_facts import unknown_states, with_shipped_national

PRICED = "2024-03-12"
PAYING = [
    {"situation": "first", "role": "family-doctor"},
    {"situation": "renewal", "role": "family-doctor"},
    {"situation": "renewal", "role": "family-doctor", "electronic": False},
    {"situation": "expired", "role": "family-doctor"},
    {"situation": "lost", "role": "staff", "with_reader": True},
    {"situation": "lost", "role": "family-doctor"},
    {"situation": "reader-only", "role": "family-doctor"},
]
DATA = with_shipped_national()  # the fixture directorate with the shipped tariff
UNKNOWN = unknown_states()  # before the data, the shipped unknown periods, one on a copy


@pytest.mark.parametrize(("label", "data", "day", "start"), UNKNOWN, ids=[u[0] for u in UNKNOWN])
@pytest.mark.parametrize("case", PAYING, ids=lambda c: "-".join(str(v) for v in c.values()))
def test_unknown_amounts_keep_the_procedure(
    case: dict[str, Any], label: str, data: Any, day: dt.date, start: dt.date | None
) -> None:
    with pytest.raises(EimzaError) as exc:
        quote({**case, "date": day.isoformat()}, data)
    assert exc.value.code == "tariff-unknown"
    q = quote({**case, "date": day.isoformat()}, data, require_amounts=False)
    priced = quote({**case, "date": PRICED}, data)
    pay, ref = q["payment"], priced["payment"]
    assert pay["total"] is None and q["tariff"] is None
    assert [i["code"] for i in pay["items"]] == [i["code"] for i in ref["items"]]
    assert all(set(i) == {"code", "label"} for i in pay["items"])  # no amount, not even zero
    for key in ("payee", "payee_name", "description", "receipt_emails", "receipt", "basis", "pay_url"):
        assert pay.get(key) == ref.get(key)
    if pay["payee"] == "directorate":  # the account of that day (a fact may change on a date)
        assert pay["iban"] == data.facts_on(day).iban
    assert [s["id"] for s in q["steps"]] == [s["id"] for s in priced["steps"]]
    assert q["channel"] == priced["channel"]
    assert not any(" TL" in s["text"] for s in q["steps"])  # no amount in any sentence
    pay_step = next((s["text"] for s in q["steps"] if s["id"] == "pay-directorate"), None)
    if pay_step is not None:  # the items are what to pay: the object of "yatırın" (issue 13)
        assert "ücretini" in pay_step and "ücreti (" not in pay_step, pay_step


def test_known_amounts_are_the_same_either_way() -> None:
    for case in PAYING:
        c = {**case, "date": PRICED}
        assert quote(c, DATA, require_amounts=False) == quote(c, DATA)


def test_other_errors_still_raise() -> None:
    with pytest.raises(EimzaError) as exc:
        quote({"situation": "moved", "role": "staff"}, DATA, require_amounts=False)
    assert exc.value.code == "situation-unknown"


def test_web_answer_gives_the_procedure_under_the_error() -> None:
    _, data, day, _ = UNKNOWN[-1]  # the copy's unknown period: there whatever the data holds
    case = {"situation": "first", "role": "family-doctor", "date": day.isoformat()}
    out = json.loads(answer(json.dumps(case), data))
    assert out["ok"] is False and out["error"]["code"] == "tariff-unknown"
    assert out["quote"] == quote(case, data, require_amounts=False)
    html = out["html"]
    assert html.index('data-error="tariff-unknown"') < html.index('class="eimza-steps"')
    assert out["quote"]["payment"]["iban_grouped"] in html
    assert "data-total" not in html
    # other errors carry no quote
    bad = json.loads(answer(json.dumps({**case, "tckn": "17291716050", "name": "a", "surname": "b"}), data))
    assert bad["ok"] is False and "quote" not in bad


@pytest.mark.parametrize(("label", "data", "day", "start"), UNKNOWN, ids=[u[0] for u in UNKNOWN])
def test_the_days_unknown_amounts_are_said_without_a_case(
    label: str, data: Any, day: dt.date, start: dt.date | None
) -> None:
    """What a page says above its answers (even when none of them pays): the message every
    paying answer of that day gives; nothing on a priced day."""
    error = amounts_unknown(data, day)
    assert error is not None and error.code == "tariff-unknown"
    with pytest.raises(EimzaError) as exc:
        quote({**PAYING[0], "date": day.isoformat()}, data)
    assert (error.message, error.link, error.links) == (exc.value.message, exc.value.link, exc.value.links)
    assert amounts_unknown(data, dt.date.fromisoformat(PRICED)) is None
