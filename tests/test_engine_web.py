"""eimza.web.handle: the calculator worker's single call (the same function runs in the
shipped Pyodide; tests/test_parity.py and the browser tests drive it there)."""

from __future__ import annotations

import json
from datetime import date

from eimza import web
from engine_facts import with_shipped_national

VALID = "10000000146"  # checksum-valid T.C. Kimlik No (made up)
DATA = with_shipped_national()  # the fixture directorate with the shipped tariff


def call(message: object) -> dict:
    raw = message if isinstance(message, str) else json.dumps(message, ensure_ascii=False)
    return json.loads(web.handle(raw, DATA))


def answer(case: dict) -> dict:
    return json.loads(web.answer(json.dumps(case), DATA))


def priced_case() -> dict:
    """A family doctor's first application on a date whose amounts the data file knows (the
    data decides which dates those are; never a made-up amount)."""
    for year in range(2019, date.today().year + 1):
        case = {"situation": "first", "role": "family-doctor", "date": date(year, 9, 1).isoformat()}
        if answer(case)["ok"]:
            return case
    raise AssertionError("the data file prices no family doctor's first application")


def test_valid_person_fills_the_description() -> None:
    case = priced_case()
    out = call({"case": case, "person": {"name": "Ayşe", "surname": "Yılmaz", "tckn": VALID}})
    assert out["tcknValid"] is True and out["personError"] is None
    assert out["answer"]["ok"] is True
    description = out["answer"]["quote"]["payment"]["description"]
    assert VALID in description and "AYŞE" in description.upper()
    # the same answer as the engine gives directly for that case with the person in it
    direct = answer({**case, "name": "Ayşe", "surname": "Yılmaz", "tckn": VALID})
    assert out["answer"] == direct


def test_invalid_tckn_is_flagged_and_left_out() -> None:
    case = priced_case()
    out = call({"case": case, "person": {"name": "Ayşe", "surname": "Yılmaz", "tckn": "12345678901"}})
    assert out["tcknValid"] is False
    assert "12345678901" not in json.dumps(out["answer"], ensure_ascii=False)
    assert out["answer"] == answer(case)


def test_refused_name_keeps_the_answer_and_says_why() -> None:
    case = priced_case()
    out = call({"case": case, "person": {"name": "Ayşe3", "surname": "Yılmaz", "tckn": VALID}})
    assert out["answer"]["ok"] is True
    assert out["personError"]  # the engine's own Turkish message
    refused = answer({**case, "name": "Ayşe3", "surname": "Yılmaz", "tckn": VALID})
    assert refused["ok"] is False and out["personError"] == refused["error"]["message"]
    assert VALID not in json.dumps(out["answer"], ensure_ascii=False)


def test_no_person_means_no_check() -> None:
    case = {**priced_case(), "situation": "renewal"}
    for message in ({"case": case}, {"case": case, "person": {"name": "", "surname": "", "tckn": ""}}):
        out = call(message)
        assert out["tcknValid"] is None and out["personError"] is None
        assert out["answer"]["ok"] is True
        assert out["answer"] == answer(case)


def test_malformed_messages_still_answer() -> None:
    for message in ("not json", "[]", {"case": "x", "person": 3}, {}):
        out = call(message)
        assert out["answer"]["ok"] is False
        assert out["answer"]["error"]["message"]  # a Turkish sentence, not a traceback
