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
_NEGATIVE = re.compile(r"^\s*-\s*[0-9]+(\.[0-9]*)?\s*$")
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

_TOKEN = re.compile(
    r"""(?P<ws>[ \t]+)|(?P<comment>\#[^\n]*)|(?P<nl>\r?\n)"""
    r"""|(?P<mlb>\"\"\"(?:[^\\]|\\.)*?\"\"\"\"{0,2})|(?P<mll>'\'\'[\s\S]*?'\'\''{0,2})"""
    r"""|(?P<basic>"(?:[^"\\\n]|\\.)*")|(?P<literal>'[^'\n]*')"""
    r"""|(?P<bare>[A-Za-z0-9_\-]+)|(?P<punct>[=.\[\]{},])|(?P<other>.)""",
    re.DOTALL,
)


def _tokens(text: str) -> list[tuple[str, str, int]]:
    """(kind, text, line) for every token but blanks and comments; strings unquoted."""
    out: list[tuple[str, str, int]] = []
    line = 1
    for m in _TOKEN.finditer(text):
        kind, value = m.lastgroup or "other", m.group(0)
        if kind in ("basic", "literal"):
            out.append(("key", value[1:-1], line))
        elif kind in ("mlb", "mll"):
            out.append(("string", value, line))
        elif kind == "bare":
            out.append(("key", value, line))
        elif kind in ("punct", "other"):
            out.append((value, value, line))
        elif kind == "nl":
            out.append(("nl", value, line))
        line += value.count("\n")
    return out


def locate_keys(text: str) -> dict[tuple[str | int, ...], int]:
    """Map each key path (arrays of tables by 0-based index) to its 1-based line number."""
    return _scan(text)[0]


def _scan(text: str) -> tuple[dict[tuple[str | int, ...], int], tuple[str | int, ...]]:
    """(key path → line, the table in force at the end of text).

    Map each key path (arrays of tables by 0-based index) to its 1-based line number.

    Understands what the data file may use: [table] and [[array]] headers, [array.sub]
    sub-tables of the last array element, dotted and quoted keys, inline tables (nested),
    multi-line arrays and strings. Keys inside arrays of inline tables are not indexed; a
    lookup then falls back to the array's own key."""
    where: dict[tuple[str | int, ...], int] = {}
    toks = _tokens(text)
    counters: dict[tuple[str | int, ...], int] = {}
    current: tuple[str | int, ...] = ()
    i = 0

    def key_path(j: int) -> tuple[list[str], int]:
        names: list[str] = []
        while j < len(toks) and toks[j][0] == "key":
            names.append(toks[j][1])
            j += 1
            if j < len(toks) and toks[j][0] == ".":
                j += 1
            else:
                break
        return names, j

    def record(base: tuple[str | int, ...], names: list[str], line: int) -> tuple[str | int, ...]:
        path = base
        for name in names:
            path = (*path, name)
            where.setdefault(path, line)
        return path

    def value(j: int, base: tuple[str | int, ...]) -> int:
        """Skip one value starting at j; record the keys of inline tables under base."""
        if j < len(toks) and toks[j][0] == "{":
            j += 1
            while j < len(toks) and toks[j][0] != "}":
                if toks[j][0] in (",", "nl"):
                    j += 1
                    continue
                names, j = key_path(j)
                if not names or j >= len(toks) or toks[j][0] != "=":
                    j += 1
                    continue
                path = record(base, names, toks[j][2])
                j = value(j + 1, path)
            return j + 1
        if j < len(toks) and toks[j][0] == "[":
            # record each element's line under (*base, index): a multi-line array's bad
            # element is reported on its own line
            depth, index, expecting = 0, 0, False
            while j < len(toks):
                kind = toks[j][0]
                if depth == 1 and expecting and kind not in (",", "nl", "]"):
                    where.setdefault((*base, index), toks[j][2])
                    index, expecting = index + 1, False
                elif depth == 1 and kind == ",":
                    expecting = True
                depth += (kind in ("[", "{")) - (kind in ("]", "}"))
                if depth == 1 and kind == "[":
                    expecting = True
                j += 1
                if depth == 0:
                    break
            return j
        while j < len(toks) and toks[j][0] not in ("nl", ",", "}"):
            j += 1
        return j

    while i < len(toks):
        kind, _, line = toks[i]
        if kind == "nl":
            i += 1
        elif kind == "[":
            array = i + 1 < len(toks) and toks[i + 1][0] == "["
            names, j = key_path(i + (2 if array else 1))
            if names and array:
                parent = _owner(tuple(names[:-1]), counters)
                name = (*parent, names[-1])
                counters[name] = counters.get(name, -1) + 1
                current = (*name, counters[name])
                where.setdefault(current, line)
            elif names:
                current = _owner(tuple(names), counters)
                where.setdefault(current, line)
            while j < len(toks) and toks[j][0] != "nl":
                j += 1
            i = j
        elif kind == "key":
            names, j = key_path(i)
            if j < len(toks) and toks[j][0] == "=":
                path = record(current, names, line)
                i = value(j + 1, path)
            else:
                i = j + 1
        else:
            i += 1
    return where, current


def _owner(names: tuple[str, ...], counters: dict[tuple[str | int, ...], int]) -> tuple[str | int, ...]:
    """[tariff.items] after [[tariff]] belongs to the last [[tariff]] element."""
    path: tuple[str | int, ...] = ()
    for name in names:
        path = (*path, name)
        if path in counters:
            path = (*path, counters[path])
    return path


# --- TOML syntax errors in Turkish ----------------------------------------------------------

_TOML_POS = re.compile(r"\(at line (\d+), column (\d+)\)")
_KEY_PART = r"""(?:[A-Za-z0-9_\-]+|"[^"\n]*"|'[^'\n]*')"""
_LINE_KEY = re.compile(rf"^\s*({_KEY_PART}(?:\s*\.\s*{_KEY_PART})*)\s*=")
_LINE_HEADER = re.compile(r"^\s*\[\[?\s*([^\]]+?)\s*\]")


def _toml_problem(path: str, text: str, exc: tomllib.TOMLDecodeError) -> Problem:
    """A tomllib error in Turkish, with its line and, when the line shows one, its key."""
    message = str(exc)
    line: int | None = getattr(exc, "lineno", None)  # Python 3.14 has it; 3.11 only says it
    if line is None:
        m = _TOML_POS.search(message)
        if m:
            line = int(m.group(1))
        elif "end of document" in message:
            line = max(1, len(text.splitlines()))
    key = ""
    lines = text.splitlines()
    line_text = lines[line - 1] if line is not None and 0 < line <= len(lines) else ""
    header = _LINE_HEADER.match(line_text)
    keyval = _LINE_KEY.match(line_text)
    if header:
        key = "".join(header.group(1).split())
    elif keyval and line is not None:
        table = _scan("\n".join(lines[: line - 1]))[1]
        key = ".".join(p for p in (_key_name(table), "".join(keyval.group(1).split())) if p)
    return Problem(path, key, line, wording.toml_syntax(message, line_text))


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
                self.add((*key, name), wording.missing_key(name))
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
        if _NEGATIVE.match(value):
            self.add(key, wording.amount_not_positive(value))
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
                    c.add((*key, name), wording.missing_key(name))
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
                c.add((*key, "sources", j), wording.bad_source(j + 1, src))
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
        raise DataError([_toml_problem(path, text, exc)]) from None
    checker = _Checker(path, text)
    data = _check(checker, raw)
    if data is None or checker.problems:
        raise DataError(checker.problems)
    return data


_CACHE: dict[str, Data] = {}


def read_data_text(name: str, packaged: str | None = None) -> str:
    """A data file's text (`packaged`: a file of the eimza package's data/ folder instead);
    unreadable or not UTF-8 is a DataError naming the file, in Turkish."""
    try:
        if packaged is not None:
            return resources.files("eimza").joinpath("data", packaged).read_text("utf-8")
        return Path(name).read_text(encoding="utf-8")
    except OSError as exc:
        raise DataError([Problem(name, "", None, wording.cannot_read(exc))]) from None
    except UnicodeDecodeError:
        raise DataError([Problem(name, "", None, wording.not_utf8())]) from None


def load_data(path: str | Path | None = None) -> Data:
    """Load and validate the data file (default: the packaged one). Cached per path."""
    name = str(path) if path is not None else default_path()
    if path is None and name in _CACHE:
        return _CACHE[name]
    text = read_data_text(name, "tarife.toml" if path is None else None)
    data = parse(text, name)
    if path is None:
        _CACHE[name] = data
    return data
