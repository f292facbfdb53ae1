"""Dated data: tariff periods, VAT rates, the directorate and Kamu SM's services.

Read from one TOML file with `tomllib` and validated strictly: every problem is reported
with the file, the key and the line, in Turkish, and nothing is guessed."""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from importlib import resources
from pathlib import Path
from typing import Any

from . import wording
from .checks import is_valid_email, is_valid_iban, is_valid_url, normalize_iban
from .errors import DataError, EimzaError, Problem
from .money import vat_of

ITEM_CODES = ("nes-3y", "mini-reader", "nes-1y", "nes-2y", "desktop-reader")
CONFIDENCES = ("high", "medium-high", "medium", "low-medium", "low", "unknown")
_AMOUNT = re.compile(r"^[0-9]+\.[0-9]{2}$")
_RATE = re.compile(r"^[0-9]+(\.[0-9]{1,2})?$")


@dataclass(frozen=True)
class Item:
    code: str
    net: Decimal
    quoted_gross: Decimal | None


@dataclass(frozen=True)
class TariffPeriod:
    start: dt.date
    end: dt.date | None  # last day in force; None = still in force
    start_assumed: bool
    amounts_known: bool
    verified: dt.date | None
    confidence: str
    sources: tuple[str, ...]
    note: str
    items: dict[str, Item] = field(default_factory=dict)

    @property
    def label(self) -> str:
        return wording.period_label(self.start, self.end)


@dataclass(frozen=True)
class VatPeriod:
    start: dt.date
    end: dt.date | None
    rate: Decimal
    source: str


@dataclass(frozen=True)
class Directorate:
    name: str
    unit: str
    email: str
    bank: str
    account_holder: str
    iban: str
    description_pattern: str


@dataclass(frozen=True)
class KamuSM:
    portal: str
    online: str
    sanalpos: str
    reader: str
    tariff: str
    phone: str


@dataclass(frozen=True)
class Procedure:
    certificate_years: int
    family_doctor_letter_authority: str
    family_doctor_letter_date: dt.date
    family_doctor_letter_number: str
    lost_procedure_changed: dt.date
    source_page_date: dt.date
    source_page_title: str


@dataclass(frozen=True)
class Data:
    path: str
    directorate: Directorate
    kamusm: KamuSM
    procedure: Procedure
    vat: tuple[VatPeriod, ...]
    tariffs: tuple[TariffPeriod, ...]

    def tariff_for(self, day: dt.date) -> TariffPeriod:
        """The tariff period in force on `day`; before the first one: error tariff-unknown."""
        found = None
        for period in self.tariffs:
            if period.start <= day:
                found = period
        if found is None:
            raise EimzaError(
                "tariff-unknown",
                wording.tariff_before_first(day, self.tariffs[0].start, self.kamusm.tariff),
                link=self.kamusm.tariff,
            )
        return found

    def vat_rate_for(self, day: dt.date) -> Decimal:
        found = None
        for period in self.vat:
            if period.start <= day:
                found = period
        if found is None:
            raise EimzaError("vat-unknown", wording.vat_unknown(day, self.vat[0].start))
        return found.rate

    def latest_known(self, on: dt.date | None = None) -> TariffPeriod | None:
        """The newest period with known amounts that started on or before `on`."""
        known = [p for p in self.tariffs if p.amounts_known and (on is None or p.start <= on)]
        return known[-1] if known else None


# --- line numbers: TOML parsers forget them, editors need them -----------------------------

_HEADER = re.compile(r"^\s*(\[\[?)\s*([A-Za-z0-9_.\-\"' ]+?)\s*\]\]?\s*(#.*)?$")
_KEYVAL = re.compile(r"^\s*([A-Za-z0-9_\-]+)\s*=")
_INLINE_KEY = re.compile(r"([A-Za-z0-9_\-]+)\s*=")


def locate_keys(text: str) -> dict[tuple[str | int, ...], int]:
    """Map each key path (arrays of tables by 0-based index) to its 1-based line number."""
    where: dict[tuple[str | int, ...], int] = {}
    counters: dict[str, int] = {}
    current: tuple[str | int, ...] = ()
    for number, line in enumerate(text.splitlines(), start=1):
        m = _HEADER.match(line)
        if m:
            names = [n.strip().strip("\"'") for n in m.group(2).split(".")]
            if m.group(1) == "[[":
                name = ".".join(names)
                counters[name] = counters.get(name, -1) + 1
                current = (*names, counters[name])
            else:
                # [tariff.items] after [[tariff]]: it belongs to the last array element
                head = names[0]
                if head in counters and len(names) > 1:
                    current = (head, counters[head], *names[1:])
                else:
                    current = tuple(names)
            where.setdefault(current, number)
            continue
        m = _KEYVAL.match(line)
        if m:
            key = m.group(1)
            where.setdefault((*current, key), number)
            rest = line[m.end() :]
            if "{" in rest:
                stack: list[str] = [key]
                for token in re.finditer(r"\{|\}|([A-Za-z0-9_\-]+)\s*=", rest):
                    if token.group(0) == "{":
                        continue
                    if token.group(0) == "}":
                        if len(stack) > 1:
                            stack.pop()
                        continue
                    inner = token.group(1)
                    where.setdefault((*current, *stack, inner), number)
                    after = rest[token.end() :].lstrip()
                    if after.startswith("{"):
                        stack.append(inner)
    return where


# --- TOML syntax errors in Turkish ----------------------------------------------------------

_TOML_POS = re.compile(r"\(at line (\d+), column (\d+)\)")


def _toml_problem(path: str, exc: tomllib.TOMLDecodeError) -> Problem:
    text = str(exc)
    m = _TOML_POS.search(text)
    line = int(m.group(1)) if m else None
    return Problem(path, "", line, wording.toml_syntax(text))


# --- validation ------------------------------------------------------------------------------


class _Checker:
    def __init__(self, path: str, text: str) -> None:
        self.path = path
        self.lines = locate_keys(text)
        self.problems: list[Problem] = []

    def line(self, key: tuple[str | int, ...]) -> int | None:
        k = key
        while k:
            if k in self.lines:
                return self.lines[k]
            k = k[:-1]
        return None

    def add(self, key: tuple[str | int, ...], message: str) -> None:
        self.problems.append(Problem(self.path, _key_name(key), self.line(key), message))

    def table(self, raw: dict[str, Any], key: tuple[str | int, ...], spec: Mapping[str, type]) -> bool:
        ok = True
        for name in raw:
            if name not in spec:
                self.add((*key, name), wording.unknown_key(name, list(spec)))
                ok = False
        for name in spec:
            if name not in raw:
                self.add(key, wording.missing_key(name))
                ok = False
            elif not _is_type(raw[name], spec[name]):
                self.add((*key, name), wording.wrong_type(name, spec[name]))
                ok = False
        return ok

    def amount(self, value: Any, key: tuple[str | int, ...]) -> Decimal | None:
        if not isinstance(value, str):
            self.add(key, wording.amount_not_string(value))
            return None
        if "," in value:
            self.add(key, wording.amount_comma(value))
            return None
        if not _AMOUNT.match(value):
            self.add(key, wording.amount_format(value))
            return None
        amount = Decimal(value)
        if amount <= 0:
            self.add(key, wording.amount_not_positive(value))
            return None
        return amount


def _key_name(key: tuple[str | int, ...]) -> str:
    out = ""
    for part in key:
        if isinstance(part, int):
            out += f"[{part + 1}]"
        else:
            out += f".{part}" if out else part
    return out


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


def _check(c: _Checker, raw: dict[str, Any]) -> Data | None:
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
                    c.add(key, wording.missing_key(name))
                    ok = False
            elif not _is_type(t[name], kind):
                c.add((*key, name), wording.wrong_type(name, kind))
                ok = False
        if not ok:
            continue
        if t["confidence"] not in CONFIDENCES:
            c.add((*key, "confidence"), wording.bad_confidence(t["confidence"], CONFIDENCES))
        for j, src in enumerate(t["sources"]):
            if not isinstance(src, str) or not is_valid_url(src):
                c.add((*key, "sources"), wording.bad_source(j + 1, src))
        items: dict[str, Item] = {}
        if t["amounts_known"]:
            if not t["sources"]:
                c.add((*key, "sources"), wording.no_source())
            if "verified" not in t:
                c.add(key, wording.missing_key("verified"))
            elif t["verified"] < t["from"]:
                c.add((*key, "verified"), wording.verified_before_start(t["verified"], t["from"]))
            if t["confidence"] == "unknown":
                c.add((*key, "confidence"), wording.known_but_unknown_confidence())
            if "items" not in t or not t["items"]:
                c.add(key, wording.missing_key("items"))
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
                        c.add(ikey, wording.missing_key("net"))
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

    return Data(
        path=c.path,
        directorate=Directorate(**{**d, "iban": normalize_iban(d["iban"])}),
        kamusm=KamuSM(**k),
        procedure=Procedure(**p),
        vat=vat_periods,
        tariffs=tuple(periods),
    )


def _end(starts: list[tuple[dt.date, Decimal, str]], i: int) -> dt.date | None:
    return starts[i + 1][0] - dt.timedelta(days=1) if i + 1 < len(starts) else None


def _rate_on(vat: tuple[VatPeriod, ...], day: dt.date) -> Decimal | None:
    rate = None
    for v in vat:
        if v.start <= day:
            rate = v.rate
    return rate


def default_path() -> str:
    return str(resources.files("eimza").joinpath("data", "tarife.toml"))


def parse(text: str, path: str) -> Data:
    """Parse and validate data text; raise DataError listing every problem."""
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise DataError([_toml_problem(path, exc)]) from None
    checker = _Checker(path, text)
    data = _check(checker, raw)
    if data is None or checker.problems:
        raise DataError(checker.problems)
    return data


_CACHE: dict[str, Data] = {}


def load_data(path: str | Path | None = None) -> Data:
    """Load and validate the data file (default: the packaged one). Cached per path."""
    name = str(path) if path is not None else default_path()
    if path is None and name in _CACHE:
        return _CACHE[name]
    try:
        if path is None:
            text = resources.files("eimza").joinpath("data", "tarife.toml").read_text("utf-8")
        else:
            text = Path(name).read_text(encoding="utf-8")
    except OSError as exc:
        raise DataError([Problem(name, "", None, wording.cannot_read(exc))]) from None
    except UnicodeDecodeError:
        raise DataError([Problem(name, "", None, wording.not_utf8())]) from None
    data = parse(text, name)
    if path is None:
        _CACHE[name] = data
    return data
