"""The evaluator on the fixture directorate (tests/data/iller/sinama/): what its table says reaches
the answer (links, dated facts and steps, the bank box's rows, the title, [[unknown]] answers);
with the shipped national file, every attested amount, the VAT change and the tariff warnings;
and every error code. A directorate's values are read here from the fixture file."""

from __future__ import annotations

import datetime as dt
import json
import re
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

import eimza
from eimza import ERROR_CODES, EimzaError, cli, web
from eimza.cases import for_data
from engine_facts import (
    ATTESTED,
    FIRST_TOTALS,
    FIXTURE_IL,
    expected_item,
    fixture_data,
    fixture_il,
    fixture_national,
    pre_data_day,
    raw_periods,
    tr_date,
    unknown_states,
    with_shipped_national,
)

DATA = fixture_data()
SHIPPED_NATIONAL = with_shipped_national()  # the fixture directorate, the shipped tariff and VAT
IL = fixture_il()
KAMUSM = fixture_national()["kamusm"]
FACTS = IL["facts"][0]
LATER = IL["facts"][1]  # a block from a date: the IBAN changes
DAY = "2024-03-12"  # every item of that period attested (Mersin, 12 Mart 2024)


def _q(
    situation: str, role: str, date: str = DAY, data: Any = DATA, require_amounts: bool = True, **opts: Any
) -> dict[str, Any]:
    case = {"situation": situation, "role": role, "date": date, **opts}
    return eimza.quote(case, data, require_amounts=require_amounts)


def _tel(phone: str) -> str:
    return "tel:" + phone.replace(" ", "")


def _rule(kind: str, rid: str) -> dict[str, Any]:
    return next(r for r in IL[kind] if r["id"] == rid)


# --- what the table says reaches the answer ---------------------------------------------------


def test_placeholders_bring_their_links_and_a_rule_its_extra_links() -> None:
    q = _q("lost", "staff")
    revoke = next(s for s in q["steps"] if s["id"] == "revoke")
    assert revoke["links"] == [KAMUSM["online"], _tel(KAMUSM["phone"]), *_rule("step", "revoke")["links"]]
    assert KAMUSM["phone"] in revoke["text"] and KAMUSM["online"] in revoke["text"]
    apply = next(s for s in q["steps"] if s["id"] == "apply-online")
    assert " > ".join(KAMUSM["menus"]["lost_apply"]) in apply["text"]
    first = _q("first", "family-doctor")
    receipt = next(s for s in first["steps"] if s["id"] == "send-receipt")
    assert receipt["links"] == [f"mailto:{e}" for e in FACTS["emails"]]
    assert " veya ".join(FACTS["emails"]) in receipt["text"]


def test_the_total_and_items_in_a_sentence() -> None:
    """{pay.total|acc}: "1.080,00 TL'yi"; {pay.items}: the items' in-sentence labels with "ve";
    unpriced, {pay.items|acc} puts each item in the accusative."""
    q = _q("first", "family-doctor")
    pay = next(s for s in q["steps"] if s["id"] == "pay-directorate")["text"]
    assert (
        "1.080,00 TL'yi (3 yıllık Nitelikli Elektronik Sertifika (NES) ücreti ve mini kart okuyucu ücreti)"
        in pay
    )
    unpriced = _q("first", "family-doctor", "2026-06-01", require_amounts=False)
    text = next(s for s in unpriced["steps"] if s["id"] == "pay-directorate")["text"]
    assert text.startswith(
        "3 yıllık Nitelikli Elektronik Sertifika (NES) ücretini ve mini kart okuyucu ücretini "
    )


def test_a_fact_from_a_date_changes_the_answer_on_that_date() -> None:
    start = LATER["from"]
    before = _q("first", "staff", (start - dt.timedelta(days=1)).isoformat(), require_amounts=False)
    assert before["payment"] is None  # staff: no payment; the directorate's answers below
    for situation in ("first", "renewal"):
        a = _q(situation, "family-doctor", (start - dt.timedelta(days=1)).isoformat(), require_amounts=False)
        b = _q(situation, "family-doctor", start.isoformat(), require_amounts=False)
        assert a["payment"]["iban"] == FACTS["iban"].replace(" ", "")
        assert b["payment"]["iban"] == LATER["iban"]
        assert a["payment"]["bank"] == b["payment"]["bank"] == FACTS["bank"]  # not written again: kept


def test_a_step_from_a_date_replaces_the_one_with_its_id() -> None:
    old, new = (r for r in IL["step"] if r["id"] == "send-receipt")
    before = _q("first", "family-doctor", old["until"].isoformat(), require_amounts=False)
    after = _q("first", "family-doctor", new["from"].isoformat(), require_amounts=False)
    ids = [s["id"] for s in before["steps"]]
    assert ids == [s["id"] for s in after["steps"]] and ids.count("send-receipt") == 1
    receipt = [next(s["text"] for s in q["steps"] if s["id"] == "send-receipt") for q in (before, after)]
    assert "e-postayla" in receipt[0] and f"{FACTS['recipient']}ne kâğıt olarak" in receipt[1]


def test_the_bank_box_rows() -> None:
    first = _q("first", "family-doctor")["payment"]
    assert first["branch"] == FACTS["branch"] and first["receipt_emails"] == FACTS["emails"]
    assert first["receipt"] is None
    basis = first["basis"]["text"]
    letter = IL["source"][2]
    assert letter["issuer"] in basis and letter["number"] in basis and tr_date(letter["date"]) in basis
    html = eimza.render_html(_q("first", "family-doctor"))
    assert "<dt>Şube</dt>" in html and "<dt>Dekont e-postası</dt>" in html and "<dt>Dekont</dt>" not in html
    renewal = _q("renewal", "family-doctor")
    assert renewal["payment"]["receipt_emails"] == [] and renewal["payment"]["basis"] is None
    assert renewal["payment"]["receipt"]["text"] == f"{FACTS['recipient']}ne kâğıt olarak teslim edilir."
    html = eimza.render_html(renewal)
    assert "<dt>Dekont e-postası</dt>" not in html and "<dt>Dekont</dt>" in html


def test_a_rule_may_have_its_own_description() -> None:
    assert _q("first", "family-doctor")["payment"]["description"] == FACTS["description"]
    own = _rule("payment", "family-doctor-renewal")["description"]
    assert own != FACTS["description"] and _q("renewal", "family-doctor")["payment"]["description"] == own


def test_the_title_names_everyone_when_every_role_gets_the_same() -> None:
    assert _q("lost", "staff")["title"] == "Kayıp veya çalıntı · Tüm sağlık çalışanları"
    assert _q("first", "staff")["title"] == "İlk başvuru · Diğer sağlık çalışanı"
    # reader-only: family doctors pay Kamu SM, the staff's way is unknown: not the same
    assert _q("reader-only", "family-doctor")["title"] == "Yalnızca kart okuyucu · Aile hekimi"


def test_no_payment_and_an_unknown_payment_say_the_table_s_text() -> None:
    none = _q("first", "staff")
    assert none["payee"] == "none" and none["payment"] is None and none["tariff"] is None
    assert none["no_payment_reason"] == _rule("payment", "staff-first")["text"]
    unknown = _q("renewal", "staff")
    assert unknown["payee"] == "unknown" and unknown["payment"] is None
    assert " veya ".join(FACTS["emails"]) in unknown["no_payment_reason"]
    assert unknown["no_payment_links"] == [f"mailto:{e}" for e in FACTS["emails"]]
    assert 'class="eimza-no-payment eimza-payment-unknown"' in eimza.render_html(unknown)
    reply = json.loads(web.answer(json.dumps({"situation": "renewal", "role": "staff", "date": DAY}), DATA))
    assert reply["summary"] == "Yenileme · Diğer sağlık çalışanı: ödeme bilgisi bu sitede yok."


def test_an_unknown_procedure_is_said_to_be_unknown() -> None:
    q = _q("reader-only", "staff")
    text = _rule("unknown", "reader-only-staff")["text"]
    assert q["steps"] == [] and q["payment"] is None and q["payee"] is None and q["warnings"] == []
    assert q["unknown"]["text"].startswith(text)
    assert f"{FACTS['unit']} biriminden öğrenin" in q["unknown"]["text"]
    assert q["unknown"]["links"] == [f"mailto:{e}" for e in FACTS["emails"]]
    html = eimza.render_html(q)
    assert "eimza-steps" not in html and 'class="eimza-unknown"' in html
    reply = json.loads(
        web.answer(json.dumps({"situation": "reader-only", "role": "staff", "date": DAY}), DATA)
    )
    assert reply["ok"] is True and reply["summary"].endswith("izlenecek yol bu sitede yok.")


def test_a_note_from_a_date() -> None:
    old, new = (r for r in IL["note"] if r["id"] == "lost-method")
    before = _q("lost", "staff", old["until"].isoformat(), data=SHIPPED_NATIONAL, require_amounts=False)
    after = _q("lost", "staff", new["from"].isoformat(), data=SHIPPED_NATIONAL, require_amounts=False)
    assert before["warnings"][0]["code"] == after["warnings"][0]["code"] == "lost-method"
    assert tr_date(new["from"]) in after["warnings"][0]["message"]  # {date:…}: one date style
    assert before["warnings"][0]["message"] != after["warnings"][0]["message"]


# --- attested amounts (the shipped national file), derived from the sources' VAT-inclusive figures


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
    def q() -> dict[str, Any]:
        return _q(situation, role, day.isoformat(), data=SHIPPED_NATIONAL, **opts)

    if any(c not in ATTESTED[day] for c in codes):  # 2019: no reader price was attested
        in_data = max((p for p in raw_periods() if p["from"] <= day), key=lambda p: p["from"])["items"]
        if all(c in in_data for c in codes):
            pytest.skip(f"the data now prices {codes} on {day}, which no attested figure checks")
        with pytest.raises(EimzaError) as err:
            q()
        assert err.value.code == "tariff-unknown" and err.value.link == KAMUSM["tariff"]
        return
    pay = q()["payment"]
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


@pytest.mark.parametrize(("day", "total"), [(d.isoformat(), t) for d, t in FIRST_TOTALS.items()])
def test_quoted_totals(day: str, total: Decimal) -> None:
    """The first-application totals the sources quote."""
    assert _q("first", "family-doctor", day, data=SHIPPED_NATIONAL)["payment"]["total"] == f"{total:.2f}"


def test_vat_change_between_9_and_10_july_2023() -> None:
    """The undated 600/300 TL figures hold only at 20 % VAT: from 10 July 2023 they are the
    amounts; the day before, no source gives one, so none is made up (no 590 / 295 / 885 TL)."""
    with pytest.raises(EimzaError) as err:
        _q("first", "family-doctor", "2023-07-09", data=SHIPPED_NATIONAL)
    assert err.value.code == "tariff-unknown"
    after = _q("first", "family-doctor", "2023-07-10", data=SHIPPED_NATIONAL)["payment"]
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
    "case", [("first", "family-doctor", {}), ("lost", "staff", {}), ("reader-only", "family-doctor", {})]
)
def test_unknown_amounts_are_never_invented(
    label: str, data: Any, day: dt.date, start: dt.date | None, case: tuple[str, str, dict[str, Any]]
) -> None:
    with pytest.raises(EimzaError) as err:
        eimza.quote({"situation": case[0], "role": case[1], "date": day.isoformat(), **case[2]}, data)
    msg = err.value.message
    assert err.value.code == "tariff-unknown" and err.value.link == data.kamusm.tariff
    # the ways to learn the fee before paying, and not to pay an old amount (issue 13)
    assert data.kamusm.tariff in msg and data.kamusm.phone in msg and FACTS["unit"] in msg
    assert all(e in msg for e in FACTS["emails"])
    assert err.value.links == (
        data.kamusm.tariff,
        _tel(data.kamusm.phone),
        *(f"mailto:{e}" for e in FACTS["emails"]),
    )
    assert "Eski tutarları yatırmayın." in msg and " TL" not in msg
    # the day itself is never named (it is beside the answer; one text over an interval)
    assert tr_date(day) not in msg and day.isoformat() not in msg
    if start is not None:  # inside a period: the year whose fee is missing, or "this date"
        heads = (f"{day.year} yılının e-imza ücretleri", "Bu tarihte geçerli e-imza ücretleri")
        assert msg.startswith(heads) and "bu sitede henüz yok" in msg
    else:  # before the first period: where the data starts
        assert tr_date(day + dt.timedelta(days=1)) + " tarihinden önceki" in msg


@pytest.mark.parametrize(("label", "data", "day", "start"), UNKNOWN, ids=UNKNOWN_IDS)
def test_no_payment_no_tariff_needed(label: str, data: Any, day: dt.date, start: dt.date | None) -> None:
    """Nothing paid personally: any date answers (no amounts involved)."""
    q = eimza.quote({"situation": "first", "role": "staff", "date": day.isoformat()}, data)
    assert q["payment"] is None and q["tariff"] is None


# --- tariff warnings (the shipped national file's periods) ---------------------------------


def _known_periods() -> list[tuple[dict[str, Any], dt.date | None]]:
    """(period, its last day or None) of every period with amounts, from the TOML."""
    periods = sorted(raw_periods(), key=lambda p: p["from"])
    ends = [n["from"] - dt.timedelta(days=1) for n in periods[1:]] + [None]
    return [(p, end) for p, end in zip(periods, ends, strict=True) if p["amounts_known"]]


def _renewal(day: dt.date) -> dict[str, Any]:
    return _q("renewal", "family-doctor", day.isoformat(), data=SHIPPED_NATIONAL)


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
    assert tr_date(verified) in unverified[0]["message"] and KAMUSM["tariff"] in unverified[0]["message"]
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


def test_tariff_sources_are_shown_as_addresses_or_citations() -> None:
    q = _q("first", "family-doctor", data=SHIPPED_NATIONAL)
    assert q["tariff"]["sources"] and all(
        s.startswith(("https://", "http://")) for s in q["tariff"]["sources"]
    )


# --- identity and description --------------------------------------------------------------


def _own_pattern(tmp_path: Path, pattern: str) -> Any:
    """The fixture directorate with another description pattern (a copy in tmp_path)."""
    folder = tmp_path / "iller" / "sinama"
    folder.mkdir(parents=True)
    text = (FIXTURE_IL / "il.toml").read_text(encoding="utf-8")
    text = text.replace(f'description = "{FACTS["description"]}"', f'description = "{pattern}"', 1)
    (folder / "il.toml").write_text(text, encoding="utf-8")
    (tmp_path / "kamusm.toml").write_text(
        (FIXTURE_IL.parent.parent / "kamusm.toml").read_text("utf-8"), "utf-8"
    )
    return eimza.load_data(folder)


@pytest.mark.parametrize(
    ("name", "surname", "expected"),
    [
        ("ilker", "çiftçi", "İlker Çiftçi İLKER ÇİFTÇİ 17291716060 ADRES/İlker-17291716060 ÇİFTÇİ ADIM"),
        ("ILKER", "IŞIK", "Ilker Işık ILKER IŞIK 17291716060 ADRES/Ilker-17291716060 IŞIK ADIM"),
        ("ayşe nur", "ışık", "Ayşe Nur Işık AYŞE NUR IŞIK 17291716060 ADRES/Ayşe Nur-17291716060 IŞIK ADIM"),
        (
            "  ömer   faruk ",
            "öztürk-şimşek",
            "Ömer Faruk Öztürk-Şimşek ÖMER FARUK ÖZTÜRK-ŞİMŞEK 17291716060 ADRES/Ömer Faruk-17291716060 "
            "ÖZTÜRK-ŞİMŞEK ADIM",
        ),
    ],
)
def test_description_tokens_are_whole_words(tmp_path: Path, name: str, surname: str, expected: str) -> None:
    """Ad, Adı, Soyad, Soyadı (title case), AD, ADI, SOYAD, SOYADI (capitals, Turkish-aware),
    TC and TCKN (the number) as whole words; the rest (ADRES, ADIM) verbatim."""
    data = _own_pattern(tmp_path, "Ad Soyad AD SOYAD TC ADRES/Adı-TCKN SOYADI ADIM")
    q = eimza.quote({"situation": "first", "role": "family-doctor", "date": DAY, "name": name,
                     "surname": surname, "tckn": "17291716060"}, data)  # fmt: skip
    assert q["payment"]["description"] == expected
    assert q["payment"]["description_is_template"] is False
    assert "description-template" not in [w["code"] for w in q["warnings"]]
    assert expected in next(s["text"] for s in q["steps"] if s["id"] == "pay-directorate")


@pytest.mark.parametrize(
    "pattern",
    [
        "adı soyadı, kimlik numarası ve “e-imza başvurusu”",  # an instruction (a directorate's words)
        "E-İMZA BAŞVURUSU",  # a text naming no one
    ],
)
def test_a_description_without_person_tokens_is_shown_as_it_is(tmp_path: Path, pattern: str) -> None:
    """A description the directorate gives as an instruction: kept verbatim with or without a
    person, and the reader is told that it cannot be filled for them (not the usual "fill it
    with your name" line); the check accepts it with a warning."""
    data = _own_pattern(tmp_path, pattern)
    case = {"situation": "first", "role": "family-doctor", "date": DAY}
    person = {"name": "ilker", "surname": "çiftçi", "tckn": "17291716060"}
    for q in (eimza.quote(case, data), eimza.quote({**case, **person}, data)):
        assert q["payment"]["description"] == pattern and q["payment"]["description_is_template"] is True
        codes = [w["code"] for w in q["warnings"]]
        assert "description-instruction" in codes and "description-template" not in codes
        line = next(w["message"] for w in q["warnings"] if w["code"] == "description-instruction")
        assert "yönerge" in line and "dolduramaz" in line
    warned = [w for w in data.warnings if w.key == "facts[1].description"]
    assert warned and "yayımı durdurmaz" in warned[0].message and warned[0].line


def test_a_description_naming_the_person_in_part_is_refused(tmp_path: Path) -> None:
    with pytest.raises(eimza.DataError) as err:
        _own_pattern(tmp_path, "ADI-SOYADI-T.C. NO")  # no token for the number
    problem = next(p for p in err.value.problems if p.key == "facts[1].description")
    assert problem.line and "eksik: 'TC' veya 'TCKN'" in problem.message


def test_identity_is_ignored_where_nothing_is_paid_to_the_directorate() -> None:
    q = _q("lost", "staff", name="ilker", surname="çiftçi", tckn="17291716060")
    assert "description" not in q["payment"]


def test_default_date_is_today_in_turkiye() -> None:
    today = dt.datetime.now(dt.timezone(dt.timedelta(hours=3))).date()
    q = eimza.quote({"situation": "first", "role": "staff"}, DATA)
    assert q["case"]["date"] == today.isoformat()
    fixed = eimza.quote(
        {"situation": "renewal", "role": "family-doctor"}, SHIPPED_NATIONAL, today=dt.date(2024, 3, 12)
    )
    assert fixed["case"]["date"] == "2024-03-12" and fixed["payment"]["total"] == "780.00"


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
    ({"situation": "reader-only", "role": "family-doctor", "date": PRE_DATA}, "tariff-unknown"),
]  # fmt: skip


@pytest.mark.parametrize(("case", "code"), BAD_CASES, ids=[f"{c}-{i}" for i, (_, c) in enumerate(BAD_CASES)])
def test_error_codes(case: Any, code: str) -> None:
    with pytest.raises(EimzaError) as err:
        eimza.quote(case, SHIPPED_NATIONAL)
    assert err.value.code == code
    message = err.value.message
    assert message and message == str(err.value)
    assert not any(word in re.findall(r"[a-zA-Z]+", message.lower()) for word in ENGLISH), message


def test_errors_name_the_data_s_choices() -> None:
    """The situations, roles and options an error lists are the data's."""
    with pytest.raises(EimzaError) as err:
        eimza.quote({"situation": "moved", "role": "staff"}, DATA)
    assert all(f"{s.id} ({s.label})" in err.value.message for s in DATA.situations)
    with pytest.raises(EimzaError) as err:
        eimza.quote({"situation": "first", "role": "staff", "electronic": False}, DATA)
    option = next(o for o in DATA.options if o.id == "electronic")
    assert err.value.message.startswith(
        f"{option.name} seçeneği yalnızca {DATA.situation(option.situation).label}"
    )


def test_vat_unknown_and_data_invalid(tmp_path: Any) -> None:
    with pytest.raises(EimzaError) as err:
        SHIPPED_NATIONAL.vat_rate_for(dt.date(2018, 1, 1))
    assert err.value.code == "vat-unknown" and "2019" in err.value.message
    with pytest.raises(eimza.DataError) as derr:
        eimza.load_data(tmp_path / "yok")  # no such directorate
    assert derr.value.code == "data-invalid" and "diye bir il (müdürlük) yok" in derr.value.message
    (tmp_path / "bos").mkdir()  # a directorate folder without its file
    with pytest.raises(eimza.DataError) as derr:
        eimza.load_data(tmp_path / "bos")
    assert derr.value.code == "data-invalid" and derr.value.problems[0].file.endswith("il.toml")
    assert "okunamadı: böyle bir dosya yok" in derr.value.message


def internal_error(monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    """web.answer's answer when the HTML renderer crashes (the catch-all)."""

    def broken(*args: Any, **kwargs: Any) -> str:
        raise RuntimeError("renderer broke")

    monkeypatch.setattr(web, "render_answer_html", broken)  # web renders through it (issue 13)
    out: dict[str, Any] = json.loads(web.answer(json.dumps({"situation": "first", "role": "staff"}), DATA))
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
            eimza.quote(case, SHIPPED_NATIONAL)
        seen.add(err.value.code)
    with pytest.raises(EimzaError) as err:
        SHIPPED_NATIONAL.vat_rate_for(dt.date(2018, 1, 1))
    seen.add(err.value.code)
    with pytest.raises(EimzaError) as err:
        eimza.load_data(tmp_path / "yok")
    seen.add(err.value.code)
    with pytest.raises(EimzaError) as err:
        cli._parser().parse_args(["quote"])
    seen.add(err.value.code)
    seen.add(internal_error(monkeypatch)["error"]["code"])
    with pytest.raises(EimzaError) as err:
        eimza.money.format_tl("1000000000000")  # amount-too-large: tests/test_names_amounts.py
    seen.add(err.value.code)
    assert seen == set(ERROR_CODES)


def _expected(case: dict[str, Any], data: Any) -> str:
    """ "priced" or "tariff-unknown" for a well-formed case of the table, decided from the
    TOML: the period in force on its date must have amounts for every item the case owes."""
    owed = eimza.quote(case, data, require_amounts=False)["payment"]
    if owed is None:
        return "priced"
    day = dt.date.fromisoformat(case["date"])
    periods = sorted((p for p in raw_periods() if p["from"] <= day), key=lambda p: p["from"])
    if not periods or not periods[-1]["amounts_known"]:
        return "tariff-unknown"
    items = periods[-1]["items"]
    return "priced" if all(i["code"] in items for i in owed["items"]) else "tariff-unknown"


def test_cases_table_answers_as_documented() -> None:
    """The parity table (eimza.cases.for_data): each well-formed case is priced exactly when the
    data has its amounts, refused with tariff-unknown otherwise; the bad tail gives its code."""
    cases = for_data(SHIPPED_NATIONAL)
    bad_tail = ["situation-unknown", "role-unknown", "date-invalid", "identity-incomplete", "tckn-invalid",
                "option-not-applicable"]  # fmt: skip
    good, bad = cases[: -len(bad_tail)], cases[-len(bad_tail) :]
    totals = 0
    for case in good:
        try:
            q = eimza.quote(case, SHIPPED_NATIONAL)
            got = "priced"
            assert q["payment"] is None or q["payment"]["total"] is not None
            totals += q["payment"] is not None
        except EimzaError as err:
            got = err.code
        assert got == _expected(case, SHIPPED_NATIONAL), case
    assert totals >= 50  # 2019–2024's attested amounts: many dates × paying cases have a sum
    for case, code in zip(bad, bad_tail, strict=True):
        with pytest.raises(EimzaError) as exc:
            eimza.quote(case, SHIPPED_NATIONAL)
        assert exc.value.code == code, case
    # every boundary of the data and the day before it is a date of the table
    dates = {c["date"] for c in good}
    assert {d.isoformat() for d in (p.start for p in SHIPPED_NATIONAL.tariffs)} <= dates
    assert {(p.start - dt.timedelta(days=1)).isoformat() for p in SHIPPED_NATIONAL.tariffs} <= dates
    assert {b.start.isoformat() for b in SHIPPED_NATIONAL.facts_blocks if b.start} <= dates
