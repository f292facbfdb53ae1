"""The data file's validation rules: every problem reported with the file, the key and the
line, in Turkish, and nothing guessed. `check(path, text, raw)` returns the Data or raises
DataError listing every problem."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from . import wording
from .checks import is_valid_email, is_valid_iban, is_valid_url, normalize_iban
from .errors import Problem
from .model import (
    CONFIDENCES,
    ITEM_CODES,
    Data,
    Directorate,
    Item,
    KamuSM,
    Procedure,
    TariffPeriod,
    VatPeriod,
)
from .money import vat_of
from .tomlines import key_name, locate_keys

_AMOUNT = re.compile(r"^[0-9]+\.[0-9]{2}$")
_NEGATIVE = re.compile(r"^\s*-\s*[0-9]+(\.[0-9]*)?\s*$")
_RATE = re.compile(r"^[0-9]+(\.[0-9]{1,2})?$")
_THOUSANDS = re.compile(r"^[0-9]{1,3}(\.[0-9]{3})+$")
_MARKUP = ("<", ">", "](")
MAX_DIGITS = 7  # before the point: more is refused
JUMP = Decimal(3)  # a change of more than 3× (or to less than a third) is a warning


class Checker:
    def __init__(self, path: str, text: str) -> None:
        self.path = path
        self.lines = locate_keys(text)
        self.problems: list[Problem] = []
        self.warnings: list[Problem] = []

    def line(self, key: tuple[str | int, ...]) -> int | None:
        k = key
        while k:
            if k in self.lines:
                return self.lines[k]
            k = k[:-1]
        return None

    def add(self, key: tuple[str | int, ...], message: str) -> None:
        self.problems.append(Problem(self.path, key_name(key), self.line(key), message))

    def warn(self, key: tuple[str | int, ...], message: str) -> None:
        self.warnings.append(Problem(self.path, key_name(key), self.line(key), message))

    def typed(self, key: tuple[str | int, ...], name: str, value: Any, kind: type) -> bool:
        """The value has the kind; else a problem (a date gets the exact form to write)."""
        if _is_type(value, kind):
            if kind is str and has_markup(value):
                self.add(key, wording.markup_in_text(name, value))
                return False
            return True
        if kind is dt.date and isinstance(value, str):
            self.add(key, wording.date_advice(value))
        else:
            self.add(key, wording.wrong_type(name, kind))
        return False

    def table(self, raw: dict[str, Any], key: tuple[str | int, ...], spec: Mapping[str, type]) -> bool:
        ok = True
        for name in raw:
            if name not in spec:
                self.add((*key, name), wording.unknown_key(name, list(spec)))
                ok = False
        for name in spec:
            if name not in raw:
                self.add((*key, name), wording.missing_key(name))
                ok = False
            elif not self.typed((*key, name), name, raw[name], spec[name]):
                ok = False
        return ok

    def amount(self, value: Any, key: tuple[str | int, ...]) -> Decimal | None:
        if not isinstance(value, str):
            self.add(key, wording.amount_not_string(value))
            return None
        if "," in value:
            self.add(key, wording.amount_comma(value))
            return None
        if _NEGATIVE.match(value):
            self.add(key, wording.amount_not_positive(value))
            return None
        if _THOUSANDS.match(value.strip()):
            self.add(key, wording.amount_thousands(value.strip()))
            return None
        if not _AMOUNT.match(value):
            self.add(key, wording.amount_format(value))
            return None
        if len(value.split(".")[0].lstrip("0")) > MAX_DIGITS:
            self.add(key, wording.amount_too_large(value))
            return None
        amount = Decimal(value)
        if amount <= 0:
            self.add(key, wording.amount_not_positive(value))
            return None
        return amount


def has_markup(text: str) -> bool:
    """Text fields are plain text: `<`, `>` and Markdown's link `](` would become HTML or links."""
    return any(m in text for m in _MARKUP)


def _is_type(value: Any, kind: type) -> bool:
    if kind is dt.date:
        return isinstance(value, dt.date) and not isinstance(value, dt.datetime)
    if kind is int:
        return isinstance(value, int) and not isinstance(value, bool)
    return isinstance(value, kind)


_DIRECTORATE = {
    "name": str,
    "unit": str,
    "email": str,
    "bank": str,
    "account_holder": str,
    "iban": str,
    "description_pattern": str,
}
_KAMUSM = {
    "portal": str,
    "online": str,
    "sanalpos": str,
    "reader": str,
    "tariff": str,
    "phone": str,
}
_PROCEDURE = {
    "certificate_years": int,
    "family_doctor_letter_authority": str,
    "family_doctor_letter_date": dt.date,
    "family_doctor_letter_number": str,
    "lost_procedure_changed": dt.date,
    "source_page_date": dt.date,
    "source_page_title": str,
}
_TOP = {
    "schema": int,
    "directorate": dict,
    "kamusm": dict,
    "procedure": dict,
    "vat": list,
    "tariff": list,
}
_VAT = {"from": dt.date, "rate": str, "source": str}
_TARIFF_REQUIRED = {
    "from": dt.date,
    "from_assumed": bool,
    "amounts_known": bool,
    "confidence": str,
    "sources": list,
}
_TARIFF_OPTIONAL = {"verified": dt.date, "note": str, "items": dict}
_ITEM = {"net": str}
_ITEM_OPTIONAL = {"quoted_gross": str}


def check_all(c: Checker, raw: dict[str, Any]) -> Data | None:
    if not c.table(raw, (), _TOP):
        return None
    if raw["schema"] != 1:
        c.add(("schema",), wording.schema_version(raw["schema"]))
    d, k, p = raw["directorate"], raw["kamusm"], raw["procedure"]
    c.table(d, ("directorate",), _DIRECTORATE)
    c.table(k, ("kamusm",), _KAMUSM)
    c.table(p, ("procedure",), _PROCEDURE)
    if isinstance(d.get("email"), str) and not is_valid_email(d["email"]):
        c.add(("directorate", "email"), wording.bad_email(d["email"]))
    if isinstance(d.get("iban"), str) and not is_valid_iban(d["iban"]):
        c.add(("directorate", "iban"), wording.bad_iban(d["iban"]))
    pattern = d.get("description_pattern")
    if isinstance(pattern, str) and not all(re.search(rf"\b{w}\b", pattern) for w in ("Ad", "SOYAD", "TC")):
        c.add(("directorate", "description_pattern"), wording.description_pattern(pattern))
    for name in ("portal", "online", "sanalpos", "reader", "tariff"):
        if isinstance(k.get(name), str) and not is_valid_url(k[name]):
            c.add(("kamusm", name), wording.bad_url(k[name]))
    if _is_type(p.get("certificate_years"), int) and p["certificate_years"] <= 0:
        c.add(("procedure", "certificate_years"), wording.not_positive_int())

    vats: list[tuple[dt.date, Decimal, str]] = []
    for i, v in enumerate(raw["vat"]):
        key: tuple[str | int, ...] = ("vat", i)
        if not isinstance(v, dict):
            c.add(key, wording.wrong_type("vat", dict))
            continue
        if not c.table(v, key, _VAT):
            continue
        if not _RATE.match(v["rate"]) or Decimal(v["rate"]) <= 0:
            c.add((*key, "rate"), wording.bad_rate(v["rate"]))
            continue
        vats.append((v["from"], Decimal(v["rate"]), v["source"]))
    if not raw["vat"]:
        c.add(("vat",), wording.empty_list("vat"))
    for i in range(1, len(vats)):
        if vats[i][0] <= vats[i - 1][0]:
            c.add(("vat", i, "from"), wording.unsorted(vats[i - 1][0], vats[i][0]))

    tariffs: list[dict[str, Any]] = []
    for i, t in enumerate(raw["tariff"]):
        key = ("tariff", i)
        if not isinstance(t, dict):
            c.add(key, wording.wrong_type("tariff", dict))
            continue
        spec = {**_TARIFF_REQUIRED, **_TARIFF_OPTIONAL}
        ok = True
        for name in t:
            if name not in spec:
                c.add((*key, name), wording.unknown_key(name, list(spec)))
                ok = False
        for name, kind in spec.items():
            if name not in t:
                if name in _TARIFF_REQUIRED:
                    c.add((*key, name), wording.missing_key(name))
                    ok = False
            elif not c.typed((*key, name), name, t[name], kind):
                ok = False
        if not ok:
            continue
        if t["confidence"] not in CONFIDENCES:
            c.add((*key, "confidence"), wording.bad_confidence(t["confidence"], CONFIDENCES))
        for j, src in enumerate(t["sources"]):
            if not isinstance(src, str) or not is_valid_url(src):
                c.add((*key, "sources", j), wording.bad_source_url(j + 1, src))
        items: dict[str, Item] = {}
        if t["amounts_known"]:
            if not t["sources"]:
                c.add((*key, "sources"), wording.no_source())
            if "verified" not in t:
                c.add((*key, "verified"), wording.missing_key("verified"))
            elif t["verified"] < t["from"]:
                c.add((*key, "verified"), wording.verified_before_start(t["verified"], t["from"]))
            if t["confidence"] == "unknown":
                c.add((*key, "confidence"), wording.known_but_unknown_confidence())
            if "items" not in t or not t["items"]:
                c.add((*key, "items"), wording.missing_key("items"))
            else:
                for code, item in t["items"].items():
                    ikey = (*key, "items", code)
                    if code not in ITEM_CODES:
                        c.add(ikey, wording.unknown_item(code, ITEM_CODES))
                        continue
                    if not isinstance(item, dict):
                        c.add(ikey, wording.wrong_type(code, dict))
                        continue
                    bad = False
                    for name in item:
                        if name not in _ITEM and name not in _ITEM_OPTIONAL:
                            c.add((*ikey, name), wording.unknown_key(name, ["net", "quoted_gross"]))
                            bad = True
                    if "net" not in item:
                        c.add((*ikey, "net"), wording.missing_key("net"))
                        bad = True
                    if "quoted_gross" not in item:
                        c.add(ikey, wording.quoted_gross_missing(code))
                        bad = True
                    if bad:
                        continue
                    net = c.amount(item["net"], (*ikey, "net"))
                    quoted = None
                    if "quoted_gross" in item:
                        quoted = c.amount(item["quoted_gross"], (*ikey, "quoted_gross"))
                    if net is not None:
                        items[code] = Item(code, net, quoted)
        else:
            if "items" in t:
                c.add((*key, "items"), wording.unknown_with_items())
            if t["confidence"] != "unknown":
                c.add((*key, "confidence"), wording.unknown_needs_unknown_confidence())
        t = {**t, "_items": items, "_index": i}
        tariffs.append(t)
    if not raw["tariff"]:
        c.add(("tariff",), wording.empty_list("tariff"))
    for i in range(1, len(tariffs)):
        if tariffs[i]["from"] <= tariffs[i - 1]["from"]:
            c.add(
                ("tariff", tariffs[i]["_index"], "from"),
                wording.unsorted(tariffs[i - 1]["from"], tariffs[i]["from"]),
            )

    if c.problems:
        return None

    vat_periods = tuple(
        VatPeriod(start, _end(vats, i), rate, source) for i, (start, rate, source) in enumerate(vats)
    )
    if tariffs and vats and tariffs[0]["from"] < vats[0][0]:
        c.add(("vat", 0, "from"), wording.vat_after_tariff(vats[0][0], tariffs[0]["from"]))
        return None

    periods = []
    for i, t in enumerate(tariffs):
        end = tariffs[i + 1]["from"] - dt.timedelta(days=1) if i + 1 < len(tariffs) else None
        periods.append(
            TariffPeriod(
                start=t["from"],
                end=end,
                start_assumed=t["from_assumed"],
                amounts_known=t["amounts_known"],
                verified=t.get("verified"),
                confidence=t["confidence"],
                sources=tuple(t["sources"]),
                note=t.get("note", ""),
                items=t["_items"],
            )
        )
    # the quoted VAT-inclusive amounts of the sources must follow from net and VAT
    for i, period in enumerate(periods):
        if not period.amounts_known or period.verified is None:
            continue
        rate = _rate_on(vat_periods, period.verified)
        for code, item in period.items.items():
            if item.quoted_gross is None or rate is None:
                continue
            gross = item.net + vat_of(item.net, rate)
            if gross != item.quoted_gross:
                c.add(
                    ("tariff", tariffs[i]["_index"], "items", code, "quoted_gross"),
                    wording.quoted_mismatch(item.net, rate, gross, item.quoted_gross),
                )
    if c.problems:
        return None
    _jumps(c, periods, tariffs)

    return Data(
        path=c.path,
        directorate=Directorate(**{**d, "iban": normalize_iban(d["iban"])}),
        kamusm=KamuSM(**k),
        procedure=Procedure(**p),
        vat=vat_periods,
        tariffs=tuple(periods),
        warnings=tuple(c.warnings),
    )


def _jumps(c: Checker, periods: list[TariffPeriod], tariffs: list[dict[str, Any]]) -> None:
    """Warn when an item of the newest known period (the one editors enter) moved more than 3×
    either way from the previous known period's amount (older periods were checked when
    they were entered, and some real steps over unknown years are larger)."""
    known = [i for i, p in enumerate(periods) if p.amounts_known]
    if len(known) < 2:
        return
    newest = periods[known[-1]]
    for code, item in newest.items.items():
        before = [periods[i] for i in known[:-1] if code in periods[i].items]
        if not before:
            continue
        old = before[-1].items[code].net
        if item.net > old * JUMP or item.net * JUMP < old:
            key = ("tariff", tariffs[known[-1]]["_index"], "items", code, "net")
            c.warn(key, wording.amount_jump(code, old, before[-1].label, item.net))


def _end(starts: list[tuple[dt.date, Decimal, str]], i: int) -> dt.date | None:
    return starts[i + 1][0] - dt.timedelta(days=1) if i + 1 < len(starts) else None


def _rate_on(vat: tuple[VatPeriod, ...], day: dt.date) -> Decimal | None:
    rate = None
    for v in vat:
        if v.start <= day:
            rate = v.rate
    return rate
