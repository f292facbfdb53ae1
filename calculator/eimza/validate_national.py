"""The national file's check (data/kamusm.toml): sources, Kamu SM's services, the vocabulary
(situations, roles, options, channels, items), VAT and the tariff periods. Every problem is
collected (never the first only); what is valid is kept, so that the directorate's file can
be checked against it in the same run."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from . import wording_editor as say
from .checker import Checker, Key
from .model import (
    CONFIDENCES,
    KAMUSM_KEYS,
    Channel,
    Item,
    ItemDef,
    KamuSM,
    Option,
    Role,
    Situation,
    Source,
    TariffPeriod,
    VatPeriod,
    describe_case,
    when_matches,
)
from .money import vat_of
from .validate_common import check_field_value, check_sources, check_top, check_when, cite

SCHEMA = 2
_RATE = re.compile(r"^[0-9]+(\.[0-9]{1,2})?$")
_ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
_OPTION_ID = re.compile(r"^[a-z]+(_[a-z]+)*$")
_PAGE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*\.md$")
JUMP = Decimal(3)  # a change of more than 3× (or to less than a third) is a warning
# the case's own keys: an option may not take one of these ids
RESERVED = ("situation", "role", "date", "name", "surname", "tckn", "channel", "payee", "priced")

_TOP = {
    "schema": int,
    "source": list,
    "kamusm": dict,
    "situation": list,
    "role": list,
    "option": list,
    "channel": list,
    "item": dict,
    "vat": list,
    "tariff": list,
}
# how each top-level key looks in the file (named when one is missing)
_HEADERS = {
    "source": "[[source]]",
    "kamusm": "[kamusm]",
    "situation": "[[situation]]",
    "role": "[[role]]",
    "option": "[[option]]",
    "channel": "[[channel]]",
    "item": "[item.…]",
    "vat": "[[vat]]",
    "tariff": "[[tariff]]",
}
_VAT = {"from": dt.date, "rate": str, "sources": list}
_TARIFF_REQUIRED = {
    "from": dt.date,
    "from_assumed": bool,
    "amounts_known": bool,
    "confidence": str,
    "sources": list,
}
_TARIFF_OPTIONAL = {"verified": dt.date, "note": str, "items": dict}
_SITUATION = {"id": str, "label": str, "page": str, "question": str, "diagram": int}
_ROLE = {"id": str, "label": str, "plural": str}
_OPTION = {
    "id": str,
    "situation": str,
    "name": str,
    "default": bool,
    "form_label": str,
    "form_checked_means": bool,
    "true_title": str,
    "false_title": str,
}
# `link`: the option's name in the calculator's link ("islak" in #durum=renewal&islak=1; the
# checkbox ticked = 1), so that links people shared keep working whatever the id
_OPTION_OPTIONAL = {"link": str}
_CHANNEL = {"id": str, "label": str, "when": object}
_ITEM_DEF = {"label": str, "in_sentence": str, "short": str}


@dataclass
class National:
    """What the national file gave (the valid parts; `ok` only when the whole file is)."""

    sources: dict[str, Source] = field(default_factory=dict)
    kamusm: KamuSM | None = None
    situations: list[Situation] = field(default_factory=list)
    roles: list[Role] = field(default_factory=list)
    options: list[Option] = field(default_factory=list)
    channels: list[Channel] = field(default_factory=list)
    items: dict[str, ItemDef] = field(default_factory=dict)
    vat: tuple[VatPeriod, ...] = ()
    tariffs: tuple[TariffPeriod, ...] = ()
    ok: bool = False  # the whole file is valid
    vocabulary_ok: bool = False  # its situations, roles, options, channels and items are
    kamusm_ok: bool = False  # every [kamusm] value is (else `kamusm` holds the valid ones)

    @property
    def vocabulary(self) -> dict[str, tuple[Any, ...]]:
        """The values a `when` key may take: situations, roles, each option (true/false)."""
        out: dict[str, tuple[Any, ...]] = {
            "situation": tuple(s.id for s in self.situations),
            "role": tuple(r.id for r in self.roles),
        }
        for o in self.options:
            out[o.id] = (True, False)
        return out


def _list_of_tables(c: Checker, raw: dict[str, Any], name: str) -> list[tuple[Key, dict[str, Any]]]:
    out: list[tuple[Key, dict[str, Any]]] = []
    for i, item in enumerate(raw.get(name, [])):
        if isinstance(item, dict):
            out.append(((name, i), item))
        else:
            c.add((name, i), say.wrong_type(name, dict))
    return out


def check_national(c: Checker, raw: dict[str, Any]) -> National:
    n = National()
    fixes = {name: (header, say.restore_table(header, c.path)) for name, header in _HEADERS.items()}
    fixes["schema"] = ("schema = 2", f"schema = {SCHEMA} satırını yazın.")
    raw = check_top(c, raw, _TOP, {}, list(_TOP), fixes)
    if "schema" in raw and raw["schema"] != SCHEMA:
        c.add(("schema",), say.schema_version(raw["schema"], SCHEMA))
    n.sources = check_sources(c, _list_of_tables(c, raw, "source"), {})
    before = len(c.problems)
    _kamusm(c, raw.get("kamusm"), n)
    n.kamusm_ok = len(c.problems) == before and n.kamusm is not None
    before = len(c.problems)
    _vocabulary(c, raw, n)
    n.vocabulary_ok = len(c.problems) == before and n.kamusm is not None
    base = len(c.problems)
    vats = _vat(c, raw, n)
    _tariffs(c, raw, n, vats, base)
    n.ok = not c.problems
    return n


def _kamusm(c: Checker, k: Any, n: National) -> None:
    if not isinstance(k, dict):
        return
    required: dict[str, type] = {
        name: (int if kind == "int" else str) for name, (kind, _) in KAMUSM_KEYS.items()
    }
    required["sources"] = list
    c.fields(k, ("kamusm",), required, {"menus": dict})
    values: dict[str, Any] = {}
    for name, (kind, _) in KAMUSM_KEYS.items():
        if name in k and check_field_value(c, ("kamusm", name), name, k[name], kind):
            values[name] = k[name]
    if isinstance(k.get("certificate_years"), int) and k["certificate_years"] <= 0:
        c.add(("kamusm", "certificate_years"), say.not_positive_int())
        values.pop("certificate_years", None)
    sources = cite(c, ("kamusm", "sources"), k.get("sources"), n.sources, required=True)
    menus: dict[str, tuple[str, ...]] = {}
    for name, menu in (k.get("menus") or {}).items():
        key: Key = ("kamusm", "menus", name)
        entries = c.strings(key, name, menu)
        if entries == []:
            c.add(key, say.empty_menu(name))
        if not entries:
            continue
        if all(c.text((*key, i), name, e, "name") for i, e in enumerate(entries)):
            menus[name] = tuple(entries)
    # the valid values (a refused one is left out: reported above, not used below)
    n.kamusm = KamuSM(**values, sources=sources or (), menus=menus)


def _unique(c: Checker, key: Key, seen: set[str], value: str, what: str) -> bool:
    if value in seen:
        c.add(key, say.duplicate_id(what, value))
        return False
    seen.add(value)
    return True


def _vocabulary(c: Checker, raw: dict[str, Any], n: National) -> None:
    seen: set[str] = set()
    for key, s in _list_of_tables(c, raw, "situation"):
        if not c.fields(s, key, _SITUATION):
            continue
        ok = _id(c, (*key, "id"), s["id"], _ID) and _unique(c, (*key, "id"), seen, s["id"], "situation")
        ok = all([ok, *(c.text((*key, f), f, s[f], "name") for f in ("label", "question"))])
        if not _PAGE.match(s["page"]):
            c.add((*key, "page"), say.bad_page(s["page"]))
            ok = False
        if ok:
            n.situations.append(Situation(**s))
    diagram = sorted(s.diagram for s in n.situations)
    if diagram and diagram != list(range(1, len(diagram) + 1)):
        c.add(("situation",), say.bad_diagram_order(diagram))
    seen = set()
    for key, r in _list_of_tables(c, raw, "role"):
        if c.fields(r, key, _ROLE) and _id(c, (*key, "id"), r["id"], _ID):
            texts = all([c.text((*key, f), f, r[f], "name") for f in ("label", "plural")])
            if _unique(c, (*key, "id"), seen, r["id"], "role") and texts:
                n.roles.append(Role(**r))
    seen = set()
    links: set[str] = set()
    situations = [s.id for s in n.situations]
    for key, o in _list_of_tables(c, raw, "option"):
        if not c.fields(o, key, _OPTION, _OPTION_OPTIONAL) or not _id(c, (*key, "id"), o["id"], _OPTION_ID):
            continue
        ok = _unique(c, (*key, "id"), seen, o["id"], "option")
        if "link" in o:
            ok = _id(c, (*key, "link"), o["link"], _OPTION_ID) and ok
            ok = _unique(c, (*key, "link"), links, o["link"], "link") and ok
        if o["id"] in RESERVED:
            c.add((*key, "id"), say.reserved_option(o["id"], RESERVED))
            ok = False
        if o["situation"] not in situations:
            c.add((*key, "situation"), say.unknown_value("situation", o["situation"], situations))
            ok = False
        labels = ("name", "form_label", "true_title", "false_title")
        if all([ok, *(c.text((*key, f), f, o[f], "name") for f in labels)]):
            n.options.append(Option(**o))
    for code, item in (raw.get("item") or {}).items():
        key = ("item", code)
        if not isinstance(item, dict):
            c.add(key, say.wrong_type(code, dict))
            continue
        ok = _id(c, key, code, _ID) and c.fields(item, key, _ITEM_DEF)
        if ok and all([c.text((*key, f), f, item[f], "name") for f in _ITEM_DEF]):
            n.items[code] = ItemDef(code, **item)
    if isinstance(raw.get("item"), dict) and not raw["item"]:
        c.add(("item",), say.empty_list("item"))
    seen = set()
    vocabulary = n.vocabulary
    for key, ch in _list_of_tables(c, raw, "channel"):
        if not c.fields(ch, key, _CHANNEL) or not _id(c, (*key, "id"), ch["id"], _ID):
            continue
        ok = _unique(c, (*key, "id"), seen, ch["id"], "channel") and c.text(
            (*key, "label"), "label", ch["label"], "name"
        )
        when = check_when(c, (*key, "when"), ch["when"], vocabulary)
        if ok and when is not None:
            n.channels.append(Channel(ch["id"], ch["label"], when))
    for name in ("situation", "role", "channel"):
        if isinstance(raw.get(name), list) and not raw[name]:
            c.add((name,), say.empty_list(name))
    _channels_cover(c, n)


def _channels_cover(c: Checker, n: National) -> None:
    """Every situation × role × option values has exactly one channel."""
    for values in all_case_values(n.situations, n.roles, n.options):
        found = [ch for ch in n.channels if when_matches(ch.when, values)]
        if len(found) != 1:
            c.add(
                ("channel",),
                say.channel_count(
                    describe_case(values, n.situations, n.roles, n.options), [ch.id for ch in found]
                ),
            )


def all_case_values(
    situations: list[Situation] | tuple[Situation, ...],
    roles: list[Role] | tuple[Role, ...],
    options: list[Option] | tuple[Option, ...],
) -> list[dict[str, Any]]:
    """Every situation × role × each of the situation's options true and false."""
    out = []
    for s in situations:
        own = [o for o in options if o.situation == s.id]
        for r in roles:
            combos: list[dict[str, Any]] = [{}]
            for o in own:
                combos = [{**combo, o.id: v} for combo in combos for v in (True, False)]
            for combo in combos:
                out.append({"situation": s.id, "role": r.id, **{o.id: None for o in options}, **combo})
    return out


def _id(c: Checker, key: Key, value: str, pattern: re.Pattern[str]) -> bool:
    if not pattern.match(value):
        c.add(key, say.bad_id(value, pattern is _OPTION_ID))
        return False
    return True


def _vat(c: Checker, raw: dict[str, Any], n: National) -> list[tuple[dt.date, Decimal, tuple[str, ...]]]:
    vats: list[tuple[dt.date, Decimal, tuple[str, ...]]] = []
    for key, written in _list_of_tables(c, raw, "vat"):
        whole, v = c.usable(written, key, _VAT)
        sources = (
            cite(c, (*key, "sources"), v["sources"], n.sources, required=True) if "sources" in v else None
        )
        if "rate" in v and (not _RATE.match(v["rate"]) or Decimal(v["rate"]) <= 0):
            c.add((*key, "rate"), say.bad_rate(v["rate"]))
            continue
        if whole and sources is not None:
            vats.append((v["from"], Decimal(v["rate"]), sources))
    if isinstance(raw.get("vat"), list) and not raw["vat"]:
        c.add(("vat",), say.empty_list("vat"))
    for i in range(1, len(vats)):
        if vats[i][0] <= vats[i - 1][0]:
            c.add(("vat", i, "from"), say.unsorted(vats[i - 1][0], vats[i][0]))
    return vats


def _tariffs(
    c: Checker,
    raw: dict[str, Any],
    n: National,
    vats: list[tuple[dt.date, Decimal, tuple[str, ...]]],
    base: int,
) -> None:
    """The periods; their cross-checks (VAT cover, quoted amounts, jumps) only when the VAT
    and the periods themselves are valid (`base`: the problems found before them)."""
    tariffs: list[dict[str, Any]] = []
    for key, written in _list_of_tables(c, raw, "tariff"):
        # a misspelt or missing key does not hide the period's other problems: what can be
        # checked is checked (the period is refused either way)
        whole, t = c.usable(written, key, _TARIFF_REQUIRED, _TARIFF_OPTIONAL)
        confidence, known, start = t.get("confidence"), t.get("amounts_known"), t.get("from")
        if confidence is not None and confidence not in CONFIDENCES:
            c.add((*key, "confidence"), say.bad_confidence(confidence, CONFIDENCES))
        sources: tuple[str, ...] = ()
        if "sources" in t:
            sources = cite(c, (*key, "sources"), t["sources"], n.sources, required=False) or ()
        if "note" in t:
            c.text((*key, "note"), "note", t["note"], "text")
        items: dict[str, Item] = {}
        if known is True:
            if "sources" in t and not t["sources"]:
                c.add((*key, "sources"), say.no_source())
            if "verified" not in t and "verified" not in written:
                c.add((*key, "verified"), say.missing_key("verified"))
            elif "verified" in t and start is not None and t["verified"] < start:
                c.add((*key, "verified"), say.verified_before_start(t["verified"], start))
            if confidence == "unknown":
                c.add((*key, "confidence"), say.known_but_unknown_confidence())
        elif known is False:
            if "items" in t:
                c.add((*key, "items"), say.unknown_with_items())
            if confidence is not None and confidence != "unknown":
                c.add((*key, "confidence"), say.unknown_needs_unknown_confidence())
        if known is not False and t.get("items"):  # amounts_known missing: its amounts still checked
            items = _items(c, key, t["items"], n)
        elif known is True and "items" not in written:
            c.add((*key, "items"), say.missing_key("items"))
        elif known is True:
            c.add((*key, "items"), say.empty_items())
        if whole:
            tariffs.append({**t, "sources": sources, "_items": items, "_key": key})
    if isinstance(raw.get("tariff"), list) and not raw["tariff"]:
        c.add(("tariff",), say.empty_list("tariff"))
    for i in range(1, len(tariffs)):
        if tariffs[i]["from"] <= tariffs[i - 1]["from"]:
            c.add((*tariffs[i]["_key"], "from"), say.unsorted(tariffs[i - 1]["from"], tariffs[i]["from"]))
    if len(c.problems) > base:
        return
    vat_periods = tuple(
        VatPeriod(start, _end([v[0] for v in vats], i), rate, src)
        for i, (start, rate, src) in enumerate(vats)
    )
    if tariffs and vats and tariffs[0]["from"] < vats[0][0]:
        c.add(("vat", 0, "from"), say.vat_after_tariff(vats[0][0], tariffs[0]["from"]))
        return
    starts = [t["from"] for t in tariffs]
    periods = [
        TariffPeriod(
            start=t["from"],
            end=_end(starts, i),
            start_assumed=t["from_assumed"],
            amounts_known=t["amounts_known"],
            verified=t.get("verified"),
            confidence=t["confidence"],
            sources=tuple(t["sources"]),
            note=t.get("note", ""),
            items=t["_items"],
        )
        for i, t in enumerate(tariffs)
    ]
    # the quoted VAT-inclusive amounts of the sources must follow from net and VAT
    for period, t in zip(periods, tariffs, strict=True):
        if not period.amounts_known or period.verified is None:
            continue
        rate = _rate_on(vat_periods, period.verified)
        for code, item in period.items.items():
            if item.quoted_gross is None or rate is None:
                continue
            gross = item.net + vat_of(item.net, rate)
            if gross != item.quoted_gross:
                c.add(
                    (*t["_key"], "items", code, "quoted_gross"),
                    say.quoted_mismatch(item.net, rate, gross, item.quoted_gross),
                )
    if len(c.problems) > base:
        return
    _jumps(c, periods, tariffs)
    n.vat, n.tariffs = vat_periods, tuple(periods)


def _items(c: Checker, key: Key, raw: dict[str, Any], n: National) -> dict[str, Item]:
    items: dict[str, Item] = {}
    for code, item in raw.items():
        ikey = (*key, "items", code)
        if code not in n.items:
            c.add(ikey, say.unknown_item(code, tuple(n.items)))
            continue
        if not isinstance(item, dict):
            c.add(ikey, say.wrong_type(code, dict))
            continue
        bad = False
        for name in item:
            if name not in ("net", "quoted_gross"):
                c.add((*ikey, name), say.unknown_key(name, ["net", "quoted_gross"]))
                bad = True
        if "net" not in item:
            c.add((*ikey, "net"), say.missing_key("net"))
            bad = True
        if "quoted_gross" not in item:
            c.add(ikey, say.quoted_gross_missing(code))
            bad = True
        if bad:
            continue
        net = c.amount(item["net"], (*ikey, "net"))
        quoted = c.amount(item["quoted_gross"], (*ikey, "quoted_gross"))
        if net is not None:
            items[code] = Item(code, net, quoted)
    return items


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
            key = (*tariffs[known[-1]]["_key"], "items", code, "net")
            c.warn(key, say.amount_jump(code, old, before[-1].label, item.net))


def _end(starts: list[dt.date], i: int) -> dt.date | None:
    return starts[i + 1] - dt.timedelta(days=1) if i + 1 < len(starts) else None


def _rate_on(vat: tuple[VatPeriod, ...], day: dt.date) -> Decimal | None:
    rate = None
    for v in vat:
        if v.start <= day:
            rate = v.rate
    return rate
