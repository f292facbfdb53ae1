"""Properties (hypothesis): money arithmetic, every case answered, TCKN and IBAN checks, Turkish
casing. Each check below is implemented independently of the engine."""

from __future__ import annotations

import datetime as dt
import json
import re
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import eimza
from eimza import ERROR_CODES, EimzaError, is_valid_iban, is_valid_tckn, quote
from eimza import turkish as tk
from eimza.money import format_tl, vat_of
from eimza.tomlines import locate_keys
from eimza.web import answer
from engine_facts import raw_periods, tr_iban, valid_tckn, with_shipped_national

PERIODS = sorted(raw_periods(), key=lambda p: p["from"])
DATA = with_shipped_national()  # the fixture directorate with the shipped tariff
FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
AMOUNT = re.compile(r"^[0-9]+\.[0-9]{2}$")

# each situation with nothing, or one of its options true or false (the data's)
OPTIONS: dict[str, list[dict[str, Any]]] = {
    s.id: [{}, *({o.id: v} for o in DATA.options_of(s.id) for v in (True, False))] for s in DATA.situations
}
DAYS = st.dates(min_value=dt.date(2017, 1, 1), max_value=dt.date(2028, 12, 31))
TCKNS = st.from_regex(r"[1-9][0-9]{8}", fullmatch=True).map(valid_tckn)
NAMES = st.text(
    alphabet="abcçdefgğhıijklmnoöprsştuüvyzABCÇDEFGĞHIİJKLMNOÖPRSŞTUÜVYZ", min_size=1, max_size=20
)


@st.composite
def valid_cases(draw: st.DrawFn) -> dict[str, Any]:
    situation = draw(st.sampled_from(sorted(OPTIONS)))
    case: dict[str, Any] = {
        "situation": situation,
        "role": draw(st.sampled_from([r.id for r in DATA.roles])),
        "date": draw(DAYS).isoformat(),
        **draw(st.sampled_from(OPTIONS[situation])),
    }
    if draw(st.booleans()):
        case |= {"name": draw(NAMES), "surname": draw(NAMES), "tckn": draw(TCKNS)}
    return case


@FAST
@given(valid_cases())
def test_every_valid_case_gives_a_quote_or_tariff_unknown(case: dict[str, Any]) -> None:
    """Priced exactly when the TOML has amounts for every item owed on that date; otherwise
    tariff-unknown (never invented)."""
    owed = quote(case, DATA, require_amounts=False)["payment"]
    day = dt.date.fromisoformat(case["date"])
    periods = [p for p in PERIODS if p["from"] <= day]
    known = owed is None or (
        bool(periods)
        and periods[-1]["amounts_known"]
        and all(i["code"] in periods[-1]["items"] for i in owed["items"])
    )
    # the page's call renders it too: a crash there must not hide behind internal-error
    out = json.loads(answer(json.dumps(case), DATA))
    assert out["ok"] == known and (known or out["error"]["code"] == "tariff-unknown"), out.get("error")
    try:
        q = quote(case, DATA)
    except EimzaError as err:
        assert err.code == "tariff-unknown" and not known, (err.code, case)
        return
    assert known, case
    json.dumps(q)
    pay = q["payment"]
    if pay is None:
        return
    total = Decimal(0)
    for item in pay["items"]:
        for key in ("net", "vat", "gross"):
            assert AMOUNT.match(item[key]), item
        net, rate = Decimal(item["net"]), Decimal(item["vat_rate"])
        vat = (net * rate / 100).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
        assert Decimal(item["vat"]) == vat
        assert Decimal(item["gross"]) == net + vat
        assert item["vat_rate"] == ("20" if case["date"] >= "2023-07-10" else "18")
        total += Decimal(item["gross"])
    assert AMOUNT.match(pay["total"]) and Decimal(pay["total"]) == total


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=12),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
    max_leaves=8,
)
KEYS = st.sampled_from(
    ["situation", "role", "date", *(o.id for o in DATA.options), "name", "surname", "tckn"]
)
VALUES = st.sampled_from(
    [*(s.id for s in DATA.situations), *(r.id for r in DATA.roles), "2024-03-12", "", "17291716060"]
)


@FAST
@given(st.dictionaries(KEYS, VALUES | JSON, max_size=8) | JSON)
def test_any_input_gives_a_quote_or_a_documented_error(raw: Any) -> None:
    try:
        quote(raw, DATA)
    except EimzaError as err:
        assert err.code in ERROR_CODES and err.message
    out = json.loads(answer(json.dumps(raw), DATA))
    assert isinstance(out["html"], str)
    assert out["ok"] or out["error"]["code"] in set(ERROR_CODES) - {"internal-error"}, out


@FAST
@given(st.text(max_size=40))
def test_web_answer_never_raises_on_any_text(text: str) -> None:
    out = json.loads(answer(text, DATA))
    assert out["ok"] in (True, False) and isinstance(out["html"], str)
    assert out["ok"] or out["error"]["code"] in set(ERROR_CODES) - {"internal-error"}, out


def test_web_answer_odd_inputs() -> None:
    for bad in ("[" * 100_000, "", "null", "{"):
        out = json.loads(answer(bad, DATA))
        assert out["ok"] is False and out["error"]["code"] == "case-invalid", (bad[:10], out["error"])
    out = json.loads(answer('{"situation": "first", "role": "staff", "date": 5}', DATA))
    assert out["ok"] is False and out["error"]["code"] == "date-invalid"
    out = json.loads(answer(None))  # type: ignore[arg-type]
    assert out["error"]["code"] == "case-invalid"


# --- T.C. Kimlik No ------------------------------------------------------------------------


def tckn_holds(s: str) -> bool:
    """Independent: (7·odd + 9·even) mod 10 is the 10th digit; digit sum mod 10 the 11th."""
    if not re.fullmatch(r"[1-9][0-9]{10}", s):
        return False
    return valid_tckn(s[:9]) == s


@settings(max_examples=400, deadline=None)
@given(st.from_regex(r"[0-9]{11}", fullmatch=True))
def test_no_11_digit_string_passes_unless_both_check_digits_hold(s: str) -> None:
    assert is_valid_tckn(s) == tckn_holds(s)


@FAST
@given(TCKNS, st.integers(9, 10), st.integers(1, 9))
def test_tckn_valid_ones_pass_and_a_changed_check_digit_fails(tckn: str, pos: int, delta: int) -> None:
    assert is_valid_tckn(tckn)
    changed = tckn[:pos] + str((int(tckn[pos]) + delta) % 10) + tckn[pos + 1 :]
    assert not is_valid_tckn(changed)


def test_tckn_examples() -> None:
    assert is_valid_tckn("17291716060") and not is_valid_tckn("17291716050")
    for bad in (
        "",
        "0" * 11,
        "1729171606",
        "172917160600",
        "1729171606a",
        "１７２９１７１６０６０",
        " 17291716060",
    ):
        assert not is_valid_tckn(bad)


# --- IBAN --------------------------------------------------------------------------------------

BBAN = st.from_regex(r"[0-9]{5}0[0-9]{16}", fullmatch=True)


@FAST
@given(BBAN, st.integers(2, 25), st.integers(1, 9))
def test_iban_mod97(bban: str, pos: int, delta: int) -> None:
    iban = tr_iban(bban)
    assert is_valid_iban(iban)
    assert is_valid_iban(" ".join(iban[i : i + 4] for i in range(0, 26, 4)))
    assert is_valid_iban(iban.lower())
    changed = iban[:pos] + str((int(iban[pos]) + delta) % 10) + iban[pos + 1 :]
    assert not is_valid_iban(changed)  # mod 97 catches every single-digit change
    assert eimza.group_iban(iban).replace(" ", "") == iban


def test_iban_examples() -> None:
    # the SWIFT IBAN registry's example for Türkiye (no directorate's account)
    assert is_valid_iban("TR330006100519786457841326")
    assert is_valid_iban("TR33 0006 1005 1978 6457 8413 26")
    for bad in ("TR330006100519786457841327", "DE89370400440532013000", "TR33000610051978645784132", ""):
        assert not is_valid_iban(bad)


# --- Turkish casing ----------------------------------------------------------------------------

LOWER = "abcçdefgğhıijklmnoöprsştuüvyz"
UPPER = "ABCÇDEFGĞHIİJKLMNOÖPRSŞTUÜVYZ"


@FAST
@given(st.text(alphabet=LOWER + " -'", max_size=30))
def test_casing_round_trips_lower(s: str) -> None:
    up = tk.upper(s)
    assert len(up) == len(s)
    assert all(UPPER[LOWER.index(c)] == u for c, u in zip(s, up, strict=True) if c in LOWER)
    assert tk.lower(up) == s


@FAST
@given(st.text(alphabet=UPPER + " -'", max_size=30))
def test_casing_round_trips_upper(s: str) -> None:
    assert tk.upper(tk.lower(s)) == s
    assert tk.upper(tk.title(s)) == s and tk.lower(tk.title(s)) == tk.lower(s)


def test_casing_examples() -> None:
    assert tk.title("ilker") == "İlker" and tk.upper("çiftçi") == "ÇİFTÇİ" and tk.upper("ışık") == "IŞIK"
    assert tk.title("IŞIL İNCE") == "Işıl İnce" and tk.lower("İSTANBUL") == "istanbul"


# --- money ------------------------------------------------------------------------------------


@FAST
@given(
    st.decimals(min_value=Decimal("0.01"), max_value=Decimal("99999.99"), places=2),
    st.sampled_from(["18", "20"]),
)
def test_vat_half_up_and_display(net: Decimal, rate: str) -> None:
    exact = net * Decimal(rate) / 100
    vat = vat_of(net, Decimal(rate))
    assert abs(vat - exact) <= Decimal("0.005")
    assert vat == exact.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    shown = format_tl(net)
    assert re.fullmatch(r"\d{1,3}(\.\d{3})*,\d{2} TL", shown)
    assert Decimal(shown.removesuffix(" TL").replace(".", "").replace(",", ".")) == net


def test_display_examples() -> None:
    assert format_tl(Decimal("1080")) == "1.080,00 TL"
    assert format_tl("0.5") == "0,50 TL" and format_tl(Decimal("1234567.891")) == "1.234.567,89 TL"
    assert vat_of(Decimal("0.25"), Decimal(18)) == Decimal("0.05")  # 0.045 → half-up


@FAST
@given(st.text(alphabet="[]{}=\"'#.,=\n abc-_1", max_size=60))
def test_locate_keys_never_raises(text: str) -> None:
    where = locate_keys(text)
    assert isinstance(where, dict)
    lines = len(text.splitlines()) + 1
    assert all(isinstance(v, int) and 1 <= v <= lines for v in where.values()), where


def test_locate_keys_of_well_formed_text() -> None:
    text = 'schema = 1\n\n[directorate]\nname = "x"\n\n[[tariff]]\nfrom = 2019-01-01\n[tariff.items]\n'
    text += 'nes-3y = { net = "1.00" }\n\n[[tariff]]\nfrom = 2020-01-01\n'
    where = locate_keys(text)
    assert where[("schema",)] == 1 and where[("directorate", "name")] == 4
    assert where[("tariff", 0, "from")] == 7 and where[("tariff", 0, "items", "nes-3y")] == 9
    assert where[("tariff", 1, "from")] == 12
