"""The rules of the seed page, table-driven: every situation × role × option path, every attested
amount, the VAT change, the tariff warnings and every error code."""

from __future__ import annotations

import datetime as dt
import json
import re
from decimal import Decimal
from typing import Any

import pytest

import eimza
from eimza import ERROR_CODES, EimzaError, cli, quote, web
from engine_facts import (
    ATTESTED,
    DESCRIPTION,
    FIRST_TOTALS,
    IBAN,
    IBAN_GROUPED,
    LETTER_NUMBER,
    LOST_CHANGED,
    LOST_MENU,
    ONLINE,
    PHONE_TEL,
    PORTAL,
    READER,
    RECEIPT_EMAIL,
    SANALPOS,
    SBS_UNIT,
    TARIFF_PAGE,
    expected_item,
    pre_data_day,
    raw_periods,
    says_receipt_rule,
    tr_date,
    unknown_states,
)

DAY = "2024-03-12"  # the day of the Mersin source: every item of the period attested
PERIOD_OF_DAY = max((p for p in raw_periods() if p["from"].isoformat() <= DAY), key=lambda p: p["from"])

# situation, role, options → channel, step ids, payee, item codes (all from the seed page)
DIRECTORATE_FIRST = ["apply-portal", "send-wet-signed", "pay-directorate", "send-receipt"]
DIRECTORATE_E = ["apply-portal", "sign-electronic", "pay-directorate", "send-receipt"]
LOST = ["revoke", "apply-online", "pay-kamusm"]
READER_ONLY = ["apply-reader", "pay-kamusm", "reader-delivery"]
BOTH = ("nes-3y", "mini-reader")
NES = ("nes-3y",)
PATHS: list[tuple[str, str, dict[str, Any], str, list[str], str | None, tuple[str, ...], str | None]] = [
    # situation, role, options, channel, steps, payee, items, first warning
    ("first", "family-doctor", {}, "wet-signed", DIRECTORATE_FIRST, "directorate", BOTH, None),
    ("first", "staff", {}, "wet-signed", ["apply-portal", "send-wet-signed"], None, (), None),
    ("renewal", "family-doctor", {}, "electronic", DIRECTORATE_E, "directorate", NES, None),
    ("renewal", "family-doctor", {"electronic": True}, "electronic", DIRECTORATE_E, "directorate", NES, None),
    (
        "renewal",
        "family-doctor",
        {"electronic": False},
        "wet-signed",
        DIRECTORATE_FIRST,
        "directorate",
        NES,
        "renewal-wet-signed",
    ),
    ("renewal", "staff", {}, "electronic", ["apply-portal", "sign-electronic"], None, (), None),
    (
        "renewal",
        "staff",
        {"electronic": True},
        "electronic",
        ["apply-portal", "sign-electronic"],
        None,
        (),
        None,
    ),
    (
        "renewal",
        "staff",
        {"electronic": False},
        "wet-signed",
        ["apply-portal", "send-wet-signed"],
        None,
        (),
        "renewal-wet-signed",
    ),
    (
        "expired",
        "family-doctor",
        {},
        "wet-signed",
        DIRECTORATE_FIRST,
        "directorate",
        NES,
        "expired-wet-signed",
    ),
    (
        "expired",
        "staff",
        {},
        "wet-signed",
        ["apply-portal", "send-wet-signed"],
        None,
        (),
        "expired-wet-signed",
    ),
    ("lost", "family-doctor", {}, "online", LOST, "kamusm", NES, "lost-method"),
    ("lost", "family-doctor", {"with_reader": False}, "online", LOST, "kamusm", NES, "lost-method"),
    ("lost", "family-doctor", {"with_reader": True}, "online", LOST, "kamusm", BOTH, "lost-method"),
    ("lost", "staff", {}, "online", LOST, "kamusm", NES, "lost-method"),
    ("lost", "staff", {"with_reader": True}, "online", LOST, "kamusm", BOTH, "lost-method"),
    ("reader-only", "family-doctor", {}, "online", READER_ONLY, "kamusm", ("mini-reader",), None),
    ("reader-only", "staff", {}, "online", READER_ONLY, "kamusm", ("mini-reader",), None),
]
PRICE_2024 = {"nes-3y": Decimal("780.00"), "mini-reader": Decimal("300.00")}  # tariff-facts, Mersin


def _q(situation: str, role: str, date: str = DAY, **opts: Any) -> dict[str, Any]:
    return quote({"situation": situation, "role": role, "date": date, **opts})


@pytest.mark.parametrize(
    ("situation", "role", "opts", "channel", "steps", "payee", "items", "first_warning"),
    PATHS,
    ids=[f"{p[0]}-{p[1]}-{'-'.join(f'{k}={v}' for k, v in p[2].items()) or 'default'}" for p in PATHS],
)
def test_every_path(
    situation: str,
    role: str,
    opts: dict[str, Any],
    channel: str,
    steps: list[str],
    payee: str | None,
    items: tuple[str, ...],
    first_warning: str | None,
) -> None:
    q = _q(situation, role, **opts)
    json.dumps(q)  # JSON-ready
    assert q["channel"] == channel
    assert [s["id"] for s in q["steps"]] == steps
    assert all(s["text"].strip() for s in q["steps"])
    codes = [w["code"] for w in q["warnings"]]
    if first_warning:
        assert codes[0] == first_warning
    pay = q["payment"]
    if payee is None:
        assert pay is None and q["tariff"] is None
        assert "ödeme yok" in q["no_payment_reason"]
        assert "kurum karşılar" not in q["no_payment_reason"]  # a claim the source does not make
        return
    assert pay["payee"] == payee
    assert [i["code"] for i in pay["items"]] == list(items)
    assert Decimal(pay["total"]) == sum(PRICE_2024[c] for c in items)
    for item in pay["items"]:
        assert Decimal(item["gross"]) == PRICE_2024[item["code"]]
        assert item["vat_rate"] == "20"
    t = q["tariff"]
    period = PERIOD_OF_DAY  # metadata as the data file says (an editor may re-rate it)
    assert t["from"] == period["from"].isoformat() and t["verified"] == period["verified"].isoformat()
    assert t["confidence"] == period["confidence"] and t["sources"] == period["sources"]
    if payee == "directorate":
        assert pay["iban"] == IBAN and pay["iban_grouped"] == IBAN_GROUPED
        assert pay["description"] == DESCRIPTION and pay["description_is_template"] is True
        assert pay["receipt_email"] == RECEIPT_EMAIL
        assert says_receipt_rule(pay["receipt_warning"])
        assert "description-template" in codes
        assert LETTER_NUMBER in q["payment_basis"]
        pay_step = next(s for s in q["steps"] if s["id"] == "pay-directorate")
        assert IBAN_GROUPED in pay_step["text"] and DESCRIPTION in pay_step["text"]
        assert "(nes)" not in pay_step["text"]  # acronyms keep their case inside sentences
        assert next(s for s in q["steps"] if s["id"] == "send-receipt")["links"] == [
            f"mailto:{RECEIPT_EMAIL}"
        ]
    else:
        assert pay["pay_url"] == SANALPOS
        assert "iban" not in pay and "description" not in pay
        assert "kamusm-debt" in codes
        assert next(s for s in q["steps"] if s["id"] == "pay-kamusm")["links"] == [SANALPOS]


def test_step_details_follow_the_seed() -> None:
    first = _q("first", "staff")
    assert first["steps"][0]["links"] == [PORTAL] and "3 yıllık" in first["steps"][0]["text"]
    assert SBS_UNIT in first["steps"][1]["text"] and "ıslak imza" in first["steps"][1]["text"]
    lost = _q("lost", "staff")
    assert lost["steps"][0]["links"] == [ONLINE, PHONE_TEL] and "iptal" in lost["steps"][0]["text"]
    assert LOST_MENU in lost["steps"][1]["text"] and lost["steps"][1]["links"] == [ONLINE]
    assert "Sağlık Müdürlüğü hesabına değil" in lost["steps"][2]["text"]
    changed = dt.datetime.strptime(LOST_CHANGED, "%d.%m.%Y").date()
    assert tr_date(changed) in lost["warnings"][0]["message"]  # one date style: 8 Mart 2022
    reader = _q("reader-only", "staff")
    assert reader["steps"][0]["links"] == [READER]
    assert "mini kart okuyucu" in reader["steps"][2]["text"]


def test_lost_before_the_method_changed_says_so() -> None:
    before = _q("lost", "staff", "2021-10-06")["warnings"][0]
    after = _q("lost", "staff", DAY)["warnings"][0]
    assert before["code"] == after["code"] == "lost-method"
    assert "daha önceki" in before["message"] and "daha önceki" not in after["message"]


# --- attested amounts, derived from the sources' VAT-inclusive figures --------------------------


@pytest.mark.parametrize("day", sorted(ATTESTED), ids=str)
@pytest.mark.parametrize(
    ("situation", "role", "opts", "codes"),
    [
        ("first", "family-doctor", {}, ("nes-3y", "mini-reader")),
        ("renewal", "family-doctor", {}, ("nes-3y",)),
        ("expired", "family-doctor", {}, ("nes-3y",)),
        ("lost", "staff", {"with_reader": True}, ("nes-3y", "mini-reader")),
        ("reader-only", "family-doctor", {}, ("mini-reader",)),
    ],
)
def test_attested_amounts(
    day: dt.date, situation: str, role: str, opts: dict[str, Any], codes: tuple[str, ...]
) -> None:
    if any(c not in ATTESTED[day] for c in codes):  # 2019: no reader price was attested
        in_data = max((p for p in raw_periods() if p["from"] <= day), key=lambda p: p["from"])["items"]
        if all(c in in_data for c in codes):
            pytest.skip(f"the data now prices {codes} on {day}, which no attested figure checks")
        with pytest.raises(EimzaError) as err:
            _q(situation, role, day.isoformat(), **opts)
        assert err.value.code == "tariff-unknown"
        assert TARIFF_PAGE in err.value.message and err.value.link == TARIFF_PAGE
        return
    pay = _q(situation, role, day.isoformat(), **opts)["payment"]
    for item, code in zip(pay["items"], codes, strict=True):
        net, vat, gross = expected_item(code, day, day)
        assert (item["code"], item["net"], item["vat"], item["gross"]) == (
            code,
            str(net),
            str(vat),
            str(gross),
        )
        assert Decimal(item["gross"]) == ATTESTED[day][code]
    assert Decimal(pay["total"]) == sum(ATTESTED[day][c] for c in codes)


@pytest.mark.parametrize(
    ("day", "total"),
    [(d.isoformat(), t) for d, t in FIRST_TOTALS.items()] + [("2019-02-04", None)],
)
def test_quoted_totals(day: str, total: Decimal | None) -> None:
    """The totals quoted by the sources, as written in the issue."""
    if total is None:  # renewal 2019-02-04 = 112,10
        assert _q("renewal", "family-doctor", day)["payment"]["total"] == "112.10"
    else:
        assert _q("first", "family-doctor", day)["payment"]["total"] == f"{total:.2f}"


def test_vat_change_between_9_and_10_july_2023() -> None:
    """The undated 600/300 TL figures hold only at 20 % VAT: from 10 July 2023 they are the
    amounts; the day before, no source gives one, so none is made up (no 590 / 295 / 885 TL)."""
    with pytest.raises(EimzaError) as err:
        _q("first", "family-doctor", "2023-07-09")
    assert err.value.code == "tariff-unknown"
    after = _q("first", "family-doctor", "2023-07-10")["payment"]
    july10 = dt.date(2023, 7, 10)
    expected = [expected_item(c, july10, july10) for c in ("nes-3y", "mini-reader")]
    assert [(i["net"], i["vat"], i["gross"]) for i in after["items"]] == [
        (str(n), str(v), str(g)) for n, v, g in expected
    ]
    assert [i["vat_rate"] for i in after["items"]] == ["20", "20"]
    assert after["total"] == "900.00"  # 600 + 300, as the sources quote them


UNKNOWN = unknown_states()
UNKNOWN_IDS = [u[0] for u in UNKNOWN]


@pytest.mark.parametrize(("label", "data", "day", "start"), UNKNOWN, ids=UNKNOWN_IDS)
@pytest.mark.parametrize(
    "case", [("first", "family-doctor", {}), ("lost", "staff", {}), ("reader-only", "staff", {})]
)
def test_unknown_amounts_are_never_invented(
    label: str, data: Any, day: dt.date, start: dt.date | None, case: tuple[str, str, dict[str, Any]]
) -> None:
    with pytest.raises(EimzaError) as err:
        quote({"situation": case[0], "role": case[1], "date": day.isoformat(), **case[2]}, data)
    assert err.value.code == "tariff-unknown"
    assert TARIFF_PAGE in err.value.message and err.value.link == TARIFF_PAGE
    # three ways to learn the fee before paying, and not to pay an old amount (issue 13)
    assert "444 5 576" in err.value.message and RECEIPT_EMAIL in err.value.message
    assert "Eski tutarları yatırmayın." in err.value.message
    assert " TL" not in err.value.message
    msg = err.value.message
    # the day itself is never named (it is beside the answer; one text over an interval)
    assert tr_date(day) not in msg and day.isoformat() not in msg
    if start is not None:  # inside a period: the year whose fee is missing, or "this date"
        heads = (f"{day.year} yılının e-imza ücretleri", "Bu tarihte geçerli e-imza ücretleri")
        assert msg.startswith(heads) and "bu sitede henüz yok" in msg
    else:  # before the first period: where the data starts
        assert tr_date(day + dt.timedelta(days=1)) + " tarihinden önceki" in msg


@pytest.mark.parametrize(("label", "data", "day", "start"), UNKNOWN, ids=UNKNOWN_IDS)
def test_no_payment_no_tariff_needed(label: str, data: Any, day: dt.date, start: dt.date | None) -> None:
    """Staff pay nothing personally, so any date answers (no amounts involved)."""
    q = quote({"situation": "first", "role": "staff", "date": day.isoformat()}, data)
    assert q["payment"] is None and q["tariff"] is None


# --- tariff warnings -------------------------------------------------------------------------


def _known_periods() -> list[tuple[dict[str, Any], dt.date | None]]:
    """(period, its last day or None) of every period with amounts, from the TOML."""
    periods = sorted(raw_periods(), key=lambda p: p["from"])
    ends = [n["from"] - dt.timedelta(days=1) for n in periods[1:]] + [None]
    return [(p, end) for p, end in zip(periods, ends, strict=True) if p["amounts_known"]]


def _renewal(day: dt.date) -> dict[str, Any]:
    return _q("renewal", "family-doctor", day.isoformat())


KNOWN = _known_periods()
KNOWN_IDS = [str(p["from"].year) for p, _ in KNOWN]


@pytest.mark.parametrize(("period", "end"), KNOWN, ids=KNOWN_IDS)
def test_after_the_verified_date_amounts_come_with_a_warning(
    period: dict[str, Any], end: dt.date | None
) -> None:
    verified = period["verified"]
    if end is not None and end <= verified:
        pytest.skip("verified on the period's last day")
    on, after = _renewal(verified), _renewal(verified + dt.timedelta(days=1))
    assert after["payment"]["total"] == on["payment"]["total"]  # same period, same amounts
    unverified = [w for w in after["warnings"] if w["code"] == "tariff-unverified"]
    assert len(unverified) == 1
    assert tr_date(verified) in unverified[0]["message"] and TARIFF_PAGE in unverified[0]["message"]
    codes = [w["code"] for w in on["warnings"]]
    assert "tariff-unverified" not in codes and "tariff-start-assumed" not in codes


@pytest.mark.parametrize(("period", "end"), KNOWN, ids=KNOWN_IDS)
def test_before_the_verified_date_of_an_assumed_start_says_so(
    period: dict[str, Any], end: dt.date | None
) -> None:
    start, verified = period["from"], period["verified"]
    if verified == start:
        pytest.skip("verified on its first day")
    warn = [w for w in _renewal(start)["warnings"] if w["code"] == "tariff-start-assumed"]
    if not period["from_assumed"]:
        assert warn == []
        return
    assert len(warn) == 1 and tr_date(start) in warn[0]["message"] and tr_date(verified) in warn[0]["message"]


@pytest.mark.parametrize(("period", "end"), KNOWN, ids=KNOWN_IDS)
def test_low_confidence_period_warns(period: dict[str, Any], end: dt.date | None) -> None:
    codes = [w["code"] for w in _renewal(period["verified"])["warnings"]]
    assert ("low-confidence" in codes) == (period["confidence"] in ("low", "low-medium"))


# --- identity and description --------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "surname", "expected"),
    [
        ("ilker", "çiftçi", "İlker-ÇİFTÇİ-17291716060- NES Ücreti"),
        ("ILKER", "IŞIK", "Ilker-IŞIK-17291716060- NES Ücreti"),
        ("ayşe nur", "ışık", "Ayşe Nur-IŞIK-17291716060- NES Ücreti"),
        ("  ömer   faruk ", "öztürk-şimşek", "Ömer Faruk-ÖZTÜRK-ŞİMŞEK-17291716060- NES Ücreti"),
    ],
)
def test_description_casing(name: str, surname: str, expected: str) -> None:
    q = _q("first", "family-doctor", name=name, surname=surname, tckn="17291716060")
    assert q["payment"]["description"] == expected
    assert q["payment"]["description_is_template"] is False
    assert "description-template" not in [w["code"] for w in q["warnings"]]
    assert expected in q["steps"][2]["text"]


def test_identity_is_ignored_where_nothing_is_paid_to_the_directorate() -> None:
    q = _q("lost", "staff", name="ilker", surname="çiftçi", tckn="17291716060")
    assert "description" not in q["payment"]


def test_default_date_is_today_in_turkiye() -> None:
    today = dt.datetime.now(dt.timezone(dt.timedelta(hours=3))).date()
    q = quote({"situation": "first", "role": "staff"})
    assert q["case"]["date"] == today.isoformat()
    fixed = quote({"situation": "renewal", "role": "family-doctor"}, today=dt.date(2024, 3, 12))
    assert fixed["payment"]["total"] == "780.00"


# --- every error code ------------------------------------------------------------------------


def named(name: str = "Ali", surname: str = "Kaya", tckn: str = "17291716060") -> dict[str, Any]:
    return {"situation": "first", "role": "staff", "name": name, "surname": surname, "tckn": tckn}


PRE_DATA = pre_data_day().isoformat()  # unknown until someone adds older data
ENGLISH = ("invalid", "unknown", "error", "must", "should", "expected", "missing")
BAD_CASES: list[tuple[Any, str]] = [
    ([], "case-invalid"),
    ("first", "case-invalid"),
    ({"situation": "first", "role": "staff", "colour": "red"}, "case-invalid"),
    ({"role": "staff"}, "situation-unknown"),
    ({"situation": "moved", "role": "staff"}, "situation-unknown"),
    ({"situation": "first"}, "role-unknown"),
    ({"situation": "first", "role": "nurse"}, "role-unknown"),
    ({"situation": "first", "role": "staff", "date": "2024-02-30"}, "date-invalid"),
    ({"situation": "first", "role": "staff", "date": "12.03.2024"}, "date-invalid"),
    ({"situation": "first", "role": "staff", "date": "2024-3-12"}, "date-invalid"),
    ({"situation": "first", "role": "staff", "date": 20240312}, "date-invalid"),
    ({"situation": "first", "role": "staff", "date": "2024-03-12T10:00"}, "date-invalid"),
    ({"situation": "first", "role": "staff", "electronic": False}, "option-not-applicable"),
    ({"situation": "expired", "role": "staff", "electronic": True}, "option-not-applicable"),
    ({"situation": "renewal", "role": "staff", "with_reader": True}, "option-not-applicable"),
    ({"situation": "renewal", "role": "staff", "electronic": "hayır"}, "option-invalid"),
    ({"situation": "lost", "role": "staff", "with_reader": 1}, "option-invalid"),
    ({"situation": "first", "role": "family-doctor", "name": "Ali"}, "identity-incomplete"),
    ({"situation": "first", "role": "staff", "name": "Ali", "surname": "Kaya"}, "identity-incomplete"),
    (named(name="Ali2"), "name-invalid"),
    (named(name="A" * 61), "name-invalid"),
    (named(surname="<b>"), "surname-invalid"),
    (named(tckn="17291716050"), "tckn-invalid"),
    (named(tckn="07291716060"), "tckn-invalid"),
    (named(tckn="1729171606"), "tckn-invalid"),
    ({"situation": "first", "role": "family-doctor", "date": PRE_DATA}, "tariff-unknown"),
    ({"situation": "reader-only", "role": "staff", "date": PRE_DATA}, "tariff-unknown"),
]  # fmt: skip


@pytest.mark.parametrize(("case", "code"), BAD_CASES, ids=[f"{c}-{i}" for i, (_, c) in enumerate(BAD_CASES)])
def test_error_codes(case: Any, code: str) -> None:
    with pytest.raises(EimzaError) as err:
        quote(case)
    assert err.value.code == code
    message = err.value.message
    assert message and message == str(err.value)
    assert not any(word in re.findall(r"[a-zA-Z]+", message.lower()) for word in ENGLISH), message


def test_vat_unknown_and_data_invalid(tmp_path: Any) -> None:
    data = eimza.load_data()
    with pytest.raises(EimzaError) as err:
        data.vat_rate_for(dt.date(2018, 1, 1))
    assert err.value.code == "vat-unknown" and "2019" in err.value.message
    with pytest.raises(eimza.DataError) as derr:
        eimza.load_data(tmp_path / "yok.toml")
    assert derr.value.code == "data-invalid" and derr.value.problems[0].file.endswith("yok.toml")
    assert "okunamadı" in derr.value.message


def internal_error(monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    """web.answer's answer when the HTML renderer crashes (the catch-all)."""

    def broken(*args: Any, **kwargs: Any) -> str:
        raise RuntimeError("renderer broke")

    monkeypatch.setattr(web, "render_answer_html", broken)  # web renders through it (issue 13)
    out: dict[str, Any] = json.loads(web.answer(json.dumps({"situation": "first", "role": "staff"})))
    monkeypatch.undo()
    return out


def test_internal_error_is_a_turkish_answer(monkeypatch: pytest.MonkeyPatch) -> None:
    out = internal_error(monkeypatch)
    assert out["ok"] is False and out["error"]["code"] == "internal-error"
    message = out["error"]["message"]
    assert "hata" in message.lower() and not set(re.findall(r"[a-z]+", message.lower())) & set(ENGLISH)
    assert 'data-error="internal-error"' in out["html"] and "renderer broke" not in json.dumps(out)


def test_every_documented_code_is_raised(monkeypatch: pytest.MonkeyPatch, tmp_path: Any) -> None:
    """Every code in ERROR_CODES is one the engine really raises, provoked here one by one."""
    seen = set()
    for case, _ in BAD_CASES:
        with pytest.raises(EimzaError) as err:
            quote(case)
        seen.add(err.value.code)
    with pytest.raises(EimzaError) as err:
        eimza.load_data().vat_rate_for(dt.date(2018, 1, 1))
    seen.add(err.value.code)
    with pytest.raises(EimzaError) as err:
        eimza.load_data(tmp_path / "yok.toml")
    seen.add(err.value.code)
    with pytest.raises(EimzaError) as err:
        cli._parser().parse_args(["quote"])
    seen.add(err.value.code)
    seen.add(internal_error(monkeypatch)["error"]["code"])
    with pytest.raises(EimzaError) as err:
        eimza.money.format_tl("1000000000000")  # amount-too-large: tests/test_names_amounts.py
    seen.add(err.value.code)
    assert seen == set(ERROR_CODES)


def _periods_by_start() -> list[dict[str, Any]]:
    return sorted(raw_periods(), key=lambda p: p["from"])


def _expected(case: dict[str, Any]) -> str:
    """ "priced" or "tariff-unknown" for a well-formed case of the table, decided from the
    TOML: the period in force on its date must have amounts for every item the case owes."""
    owed = quote(case, require_amounts=False)["payment"]
    if owed is None:
        return "priced"
    day = dt.date.fromisoformat(case["date"])
    periods = [p for p in _periods_by_start() if p["from"] <= day]
    if not periods or not periods[-1]["amounts_known"]:
        return "tariff-unknown"
    items = periods[-1]["items"]
    return "priced" if all(i["code"] in items for i in owed["items"]) else "tariff-unknown"


# the table's bad-input tail (eimza/cases.py), in order
BAD_TAIL = ["situation-unknown", "role-unknown", "date-invalid", "option-not-applicable",
            "option-not-applicable", "identity-incomplete", "tckn-invalid"]  # fmt: skip


def test_cases_table_answers_as_documented() -> None:
    """The parity table (eimza.cases.CASES): each well-formed case is priced exactly when the
    data has its amounts, refused with tariff-unknown otherwise; the bad tail gives its code."""
    from eimza.cases import CASES

    good, bad = CASES[: -len(BAD_TAIL)], CASES[-len(BAD_TAIL) :]
    totals = 0
    for case in good:
        try:
            q = quote(case)
            got = "priced"
            assert q["payment"] is None or q["payment"]["total"] is not None
            totals += q["payment"] is not None
        except EimzaError as err:
            got = err.code
        assert got == _expected(case), case
    # with the amounts attested for 2019–2024, at least 5 dates × 10 paying cases have a sum
    assert totals >= 50
    for case, code in zip(bad, BAD_TAIL, strict=True):
        with pytest.raises(EimzaError) as exc:
            quote(case)
        assert exc.value.code == code, case
