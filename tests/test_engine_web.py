"""eimza.web.handle: the calculator worker's single call (the same function runs in the
shipped Pyodide; tests/test_parity.py and the browser tests drive it there)."""

from __future__ import annotations

import json
import re
from datetime import date

from eimza import web
from eimza.money import format_tl
from engine_facts import TR_MONTHS, known_days, shipped_text, unknown_days, with_shipped_national

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


def _text(html: str) -> str:
    """The head's text as a reader reads it (paragraphs apart)."""
    return " ".join(re.sub(r"<[^>]+>", "", html.replace("</p>", " </p>")).split())


def test_the_head_states_the_date_and_another_day_says_so_first() -> None:
    """The answer's head: its date in words, "(bugün)" on the page's today; on another day
    first that it is not today's, then what holds today (today's own answer: its total, or
    the unknown-amount lead), then the date line."""
    case = priced_case()
    day = date.fromisoformat(case["date"])
    words = f"{day.day} {TR_MONTHS[day.month - 1]} {day.year}"
    same = call({"case": case, "today": case["date"]})["answer"]
    assert _text(same["head"]) == f"Ödeme tarihi: {words} (bugün)"
    assert "eimza-other-day" not in same["head"]
    no_today = call({"case": case})["answer"]
    assert _text(no_today["head"]) == f"Ödeme tarihi: {words}"
    # today: an unknown-amount day (the data's own), then a priced one with another total
    unknown = unknown_days(shipped_text())[-1]
    other = call({"case": case, "today": unknown.isoformat()})["answer"]
    text = _text(other["head"])
    lead = f"Bu yanıt bugün için değil: {words} tarihi içindir."
    assert text.startswith(lead), text
    today_words = f"{unknown.day} {TR_MONTHS[unknown.month - 1]} {unknown.year}"
    assert f"Bugün ({today_words}):" in text and "Eski tutarları yatırmayın." in text
    assert f'data-eimza-date="{unknown.isoformat()}"' in other["head"]
    assert text.endswith(f"Ödeme tarihi: {words}")
    assert other["html"] == same["html"]  # the answer itself is the same, date-free
    for known, _ in known_days(shipped_text()):
        today_total = answer({**case, "date": known.isoformat()}).get("quote", {}).get("payment", {})
        if today_total and today_total.get("total") not in (None, same["quote"]["payment"]["total"]):
            head = _text(call({"case": case, "today": known.isoformat()})["answer"]["head"])
            amount = format_tl(today_total["total"])
            assert head.startswith(lead) and f"Toplam {amount}." in head, head
            break
    else:
        raise AssertionError("no priced day with another total in the data")


def test_a_bad_today_names_no_today() -> None:
    case = priced_case()
    for today in ("2024-02-30", "12.03.2024", 20240312, None, "x" * 50):
        head = call({"case": case, "today": today})["answer"]["head"]
        assert "bugün" not in head, today
