"""The rules of the source page: which steps apply to a case, and who pays whom.

A case comes in as a dict (from the CLI, the worker or the site build); a quote goes out as a
JSON-ready dict. Every bad input raises EimzaError with a stable code."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from . import turkish, wording
from .checks import group_iban, is_valid_tckn
from .errors import EimzaError
from .money import format_tl, plain, vat_of
from .rates import Data, TariffPeriod, load_data

SITUATIONS = tuple(wording.SITUATIONS)
ROLES = tuple(wording.ROLES)
CASE_KEYS = ("situation", "role", "date", "electronic", "with_reader", "name", "surname", "tckn")
_NAME = re.compile(r"^[^\W\d_]+(?:[ '’-][^\W\d_]+)*$")


@dataclass(frozen=True)
class Identity:
    name: str
    surname: str
    tckn: str


@dataclass(frozen=True)
class Case:
    situation: str
    role: str
    date: dt.date
    electronic: bool | None  # renewal only
    with_reader: bool | None  # lost only
    identity: Identity | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "situation": self.situation,
            "role": self.role,
            "date": self.date.isoformat(),
            "electronic": self.electronic,
            "with_reader": self.with_reader,
        }


def _parse_date(value: Any) -> dt.date:
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            pass
    raise EimzaError("date-invalid", wording.bad_date(value))


def _flag(raw: dict[str, Any], key: str, situation: str, applies_to: str, default: bool) -> bool | None:
    value = raw.get(key)
    if situation != applies_to:
        if value is not None:
            raise EimzaError("option-not-applicable", wording.option_not_applicable(key, situation))
        return None
    if value is None:
        return default
    if not isinstance(value, bool):
        raise EimzaError("option-invalid", wording.bad_option_value(key, value))
    return value


def _clean_name(value: Any, field: str, code: str) -> str:
    # NFC first: a decomposed "ş" (s + combining cedilla) is the same letter as "ş"
    text = " ".join(unicodedata.normalize("NFC", value).split()) if isinstance(value, str) else ""
    if not text or len(text) > wording.NAME_MAX or not _NAME.match(text):
        raise EimzaError(code, wording.bad_name(field, value if isinstance(value, str) else str(value)))
    return text


def parse_case(raw: dict[str, Any] | Case, today: dt.date | None = None) -> Case:
    """Validate a case dict; raise EimzaError for every bad input."""
    if isinstance(raw, Case):
        return raw
    if not isinstance(raw, dict):
        raise EimzaError("case-invalid", wording.CASE_NOT_OBJECT)
    for key in raw:
        if key not in CASE_KEYS:
            raise EimzaError("case-invalid", wording.unknown_case_key(key))
    situation = raw.get("situation")
    if situation not in SITUATIONS:
        raise EimzaError("situation-unknown", wording.bad_situation(situation))
    role = raw.get("role")
    if role not in ROLES:
        raise EimzaError("role-unknown", wording.bad_role(role))
    date_value = raw.get("date")
    day = _parse_date(date_value) if date_value not in (None, "") else (today or turkish.today_tr())
    electronic = _flag(raw, "electronic", situation, "renewal", True)
    with_reader = _flag(raw, "with_reader", situation, "lost", False)

    parts = [raw.get(k) for k in ("name", "surname", "tckn")]
    given = [p not in (None, "") for p in parts]
    identity = None
    if any(given):
        if not all(given):
            raise EimzaError("identity-incomplete", wording.IDENTITY_INCOMPLETE)
        name = _clean_name(parts[0], "Ad", "name-invalid")
        surname = _clean_name(parts[1], "Soyad", "surname-invalid")
        tckn = str(parts[2]).strip()
        if not is_valid_tckn(tckn):
            raise EimzaError("tckn-invalid", wording.bad_tckn(tckn))
        identity = Identity(name, surname, tckn)
    return Case(situation, role, day, electronic, with_reader, identity)


# --- the rules ----------------------------------------------------------------------------


def channel_of(case: Case) -> str:
    if case.situation in ("lost", "reader-only"):
        return "online"
    if case.situation == "renewal" and case.electronic:
        return "electronic"
    return "wet-signed"


def payable_items(case: Case) -> tuple[str, tuple[str, ...]] | None:
    """(payee, item codes) the person pays, or None when nothing is owed personally."""
    if case.situation == "lost":
        return "kamusm", ("nes-3y", "mini-reader") if case.with_reader else ("nes-3y",)
    if case.situation == "reader-only":
        return "kamusm", ("mini-reader",)
    if case.role == "family-doctor":
        if case.situation == "first":
            return "directorate", ("nes-3y", "mini-reader")
        return "directorate", ("nes-3y",)
    return None


def description(pattern: str, identity: Identity | None) -> str:
    """'Ad-SOYAD-TC- NES Ücreti' filled with Turkish-aware casing, or the pattern itself."""
    if identity is None:
        return pattern
    values = {
        "Ad": turkish.title(identity.name),
        "SOYAD": turkish.upper(identity.surname),
        "TC": identity.tckn,
    }
    return re.sub(r"\b(Ad|SOYAD|TC)\b", lambda m: values[m.group(1)], pattern)


def _period_dict(period: TariffPeriod) -> dict[str, Any]:
    return {
        "from": period.start.isoformat(),
        "to": period.end.isoformat() if period.end else None,
        "from_assumed": period.start_assumed,
        "label": period.label,
        "verified": period.verified.isoformat() if period.verified else None,
        "confidence": period.confidence,
        "confidence_label": wording.CONFIDENCE[period.confidence],
        "sources": list(period.sources),
        "note": period.note,
    }


def tel_href(phone: str) -> str:
    """'444 5 576' → 'tel:4445576' (a number a phone can dial)."""
    return "tel:" + "".join(ch for ch in phone if ch.isdigit() or ch == "+")


def _unknown_amounts(data: Data, head: str) -> EimzaError:
    """tariff-unknown, said for a reader: what is missing, where to learn the fee (Kamu SM's
    tariff page, its call centre, the unit's e-mail), and not to pay an old amount."""
    k, d = data.kamusm, data.directorate
    message = wording.how_to_learn_the_fee(head, k.tariff, k.phone, d.unit, d.email)
    links = (k.tariff, tel_href(k.phone), f"mailto:{d.email}")
    return EimzaError("tariff-unknown", message, link=k.tariff, links=links)


def _priced_items(
    case: Case, data: Data, codes: tuple[str, ...]
) -> tuple[list[dict[str, Any]], Decimal, TariffPeriod]:
    """Each item's net, VAT and gross on the case's date; error tariff-unknown when the data
    has no amount for it (never a guessed one)."""
    day = case.date
    if day < data.tariffs[0].start:
        raise _unknown_amounts(data, wording.before_first_head(data.tariffs[0].start))
    period = data.tariff_for(day)
    if not period.amounts_known:
        year_end = dt.date(day.year, 12, 31)
        whole_year = period.start <= dt.date(day.year, 1, 1) and (
            period.end is None or period.end >= year_end
        )
        raise _unknown_amounts(data, wording.fees_unknown(day, whole_year))
    rate = data.vat_rate_for(case.date)
    items = []
    total = Decimal("0.00")
    for code in codes:
        item = period.items.get(code)
        if item is None:
            raise _unknown_amounts(data, wording.item_unknown_head(code))
        vat = vat_of(item.net, rate)
        gross = item.net + vat
        total += gross
        items.append(
            {
                "code": code,
                "label": wording.ITEMS[code],
                "net": plain(item.net),
                "vat_rate": format(rate.normalize(), "f"),  # "20", "18" (never "2E+1")
                "vat": plain(vat),
                "gross": plain(gross),
            }
        )
    return items, total, period


def _payee_details(case: Case, data: Data, payee: str) -> dict[str, Any]:
    """Where and how to pay: the directorate's account and description, or Kamu SM's POS."""
    if payee == "kamusm":
        return {"pay_url": data.kamusm.sanalpos}
    d = data.directorate
    return {
        "bank": d.bank,
        "account_holder": d.account_holder,
        "iban": d.iban,
        "iban_grouped": group_iban(d.iban),
        "description": description(d.description_pattern, case.identity),
        "description_is_template": case.identity is None,
        "receipt_email": d.email,
        "receipt_warning": wording.RECEIPT_WARNING,
    }


def _steps(case: Case, data: Data, payment: dict[str, Any] | None) -> list[dict[str, Any]]:
    k, d, p = data.kamusm, data.directorate, data.procedure
    steps: list[tuple[str, str, list[str]]] = []
    if case.situation in ("first", "renewal", "expired"):
        steps.append(("apply-portal", wording.step_portal(k.portal, p.certificate_years), [k.portal]))
        if channel_of(case) == "electronic":
            steps.append(("sign-electronic", wording.STEP_ELECTRONIC, []))
        else:
            steps.append(("send-wet-signed", wording.step_print_wet(d.name, d.unit), []))
        if payment is not None:
            items = " ve ".join(wording.ITEMS_IN_SENTENCE[i["code"]] for i in payment["items"])
            account = (items, d.bank, d.account_holder, group_iban(d.iban), payment["description"])
            if payment["total"] is None:  # amounts unknown (quote(..., require_amounts=False))
                text = wording.step_pay_directorate_unpriced(*account)
                steps.append(("pay-directorate", text, []))
            else:
                text = wording.step_pay_directorate(format_tl(payment["total"]), *account)
                steps.append(("pay-directorate", text, []))
            steps.append(("send-receipt", wording.step_send_receipt(d.email), [f"mailto:{d.email}"]))
    elif case.situation == "lost":
        steps.append(("revoke", wording.step_revoke(k.online, k.phone), [k.online, tel_href(k.phone)]))
        steps.append(("apply-online", wording.step_lost_apply(k.online), [k.online]))
        steps.append(("pay-kamusm", wording.step_pay_kamusm(k.sanalpos), [k.sanalpos]))
    else:  # reader-only
        steps.append(("apply-reader", wording.step_reader_apply(k.reader), [k.reader]))
        steps.append(("pay-kamusm", wording.step_pay_kamusm(k.sanalpos), [k.sanalpos]))
        steps.append(("reader-delivery", wording.STEP_READER_DELIVERY, []))
    return [{"id": i, "text": t, "links": links} for i, t, links in steps]


def _for_whom(case: Case) -> str:
    """Who the answer is for: loss/theft and reader-only are the same for everyone."""
    if case.situation in ("lost", "reader-only"):
        return wording.EVERYONE
    return wording.ROLES[case.role]


def quote(
    raw: dict[str, Any] | Case,
    data: Data | None = None,
    today: dt.date | None = None,
    *,
    require_amounts: bool = True,
) -> dict[str, Any]:
    """The answer for one case: channel, steps, payment, tariff used, warnings.

    When the data has no amount for the case's date, this is error tariff-unknown; with
    `require_amounts=False` it is instead the same answer without amounts (items named,
    `total` null, `tariff` null): the steps, payee, IBAN and description still hold."""
    data = data or load_data()
    case = parse_case(raw, today)
    warnings: list[dict[str, str]] = []
    payment = None
    tariff = None
    owed = payable_items(case)
    period: TariffPeriod | None = None
    if owed is not None:
        payee, codes = owed
        name = data.directorate.name if payee == "directorate" else wording.KAMUSM_NAME
        try:
            items, total, period = _priced_items(case, data, codes)
            priced: dict[str, Any] = {"items": items, "total": plain(total)}
        except EimzaError as err:
            if require_amounts or err.code != "tariff-unknown":
                raise
            priced = {"items": [{"code": c, "label": wording.ITEMS[c]} for c in codes], "total": None}
        payment = {"payee": payee, "payee_name": name, **priced, **_payee_details(case, data, payee)}
    if payment is not None and period is not None:
        tariff = _period_dict(period)
        assert period.verified is not None
        if case.date > period.verified:
            warnings.append(
                {
                    "code": "tariff-unverified",
                    "message": wording.unverified(period.verified, data.kamusm.tariff),
                }
            )
        elif period.start_assumed and case.date < period.verified:
            warnings.append(
                {
                    "code": "tariff-start-assumed",
                    "message": wording.start_assumed(period.start, period.verified),
                }
            )
        if period.confidence in ("low", "low-medium"):
            warnings.append(
                {
                    "code": "low-confidence",
                    "message": wording.low_confidence(wording.CONFIDENCE[period.confidence]),
                }
            )
    if payment is not None:
        if payment["payee"] == "kamusm":
            warnings.append({"code": "kamusm-debt", "message": wording.KAMUSM_DEBT})
        elif payment["description_is_template"]:
            warnings.append({"code": "description-template", "message": wording.DESCRIPTION_TEMPLATE})
    if case.situation == "expired":
        warnings.insert(0, {"code": "expired-wet-signed", "message": wording.expired_note()})
    elif case.situation == "renewal" and not case.electronic:
        warnings.insert(0, {"code": "renewal-wet-signed", "message": wording.renewal_wet_note()})
    elif case.situation == "lost":
        warnings.insert(
            0,
            {
                "code": "lost-method",
                "message": wording.lost_method_note(data.procedure.lost_procedure_changed, case.date),
            },
        )

    p = data.procedure
    basis = None
    if payment is not None and payment["payee"] == "directorate":
        basis = wording.family_doctor_basis(
            p.family_doctor_letter_authority,
            p.family_doctor_letter_date,
            p.family_doctor_letter_number,
        )
    channel = channel_of(case)
    return {
        "case": case.to_dict(),
        "title": f"{wording.SITUATIONS[case.situation]} · {_for_whom(case)}",
        "channel": channel,
        "channel_label": wording.CHANNELS[channel],
        "steps": _steps(case, data, payment),
        "payment": payment,
        "payment_basis": basis,
        "no_payment_reason": wording.NO_PAYMENT_STAFF if payment is None else None,
        "tariff": tariff,
        "warnings": warnings,
    }
