"""The data model: the national file (Kamu SM, VAT, tariff periods, situations, roles, options,
channels, items) and the directorate's file (its dated facts and its procedure table), as one
`Data`, with the lookups the evaluator uses (the period or VAT rate in force on a day, the
facts on a day).

The fields of `KamuSM` and `Facts` are declared once here, with their kind and the label
editors see (`field_label`); the validator, the template filler and `diff` read them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field, fields
from decimal import Decimal
from typing import Any

from . import wording
from .errors import EimzaError, Problem
from .turkish import date_long

CONFIDENCES = ("high", "medium-high", "medium", "low-medium", "low", "unknown")
PAYEES = ("directorate", "kamusm", "none", "unknown")
# the case's fields a `when` may name besides the options (which come from the data)
WHEN_CASE_KEYS = ("situation", "role")
WHEN_DERIVED_KEYS = ("channel", "payee", "priced")


def _f(label: str, kind: str, default: Any = None) -> Any:
    """A declared field: `kind` says how it is checked (validate) and shown (templates):
    name, text, description, url, email, emails, phone, iban, int, date-list."""
    return field(default=default, metadata={"label": label, "kind": kind})


@dataclass(frozen=True)
class Source:
    id: str
    issuer: str
    title: str | None = None
    date: dt.date | None = None
    url: str | None = None
    number: str | None = None
    seen: dt.date | None = None

    @property
    def citation(self) -> str:
        """How a page names it: a letter by issuer, date and number; a page by its title."""
        day = date_long(self.date) if self.date else None
        return wording.citation(self.issuer, self.title, day, self.number, self.url)


@dataclass(frozen=True)
class ItemDef:
    code: str
    label: str
    in_sentence: str
    short: str


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
    sources: tuple[str, ...]  # source ids
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
    sources: tuple[str, ...]


@dataclass(frozen=True)
class KamuSM:
    name: str = _f("Kamu SM'nin adı", "name", "")
    portal: str = _f("Kamu SM başvuru portalı", "url", "")
    online: str = _f("Kamu SM Online İşlemler", "url", "")
    sanalpos: str = _f("Kamu SM sanal POS (borç ödeme)", "url", "")
    reader: str = _f("Kart okuyucu başvurusu", "url", "")
    tariff: str = _f("Kamu SM ücret tarifesi", "url", "")
    phone: str = _f("Kamu SM çağrı merkezi", "phone", "")
    certificate_years: int = _f("Sertifika süresi (yıl)", "int", 0)
    sources: tuple[str, ...] = ()
    menus: dict[str, tuple[str, ...]] = field(default_factory=dict)


@dataclass(frozen=True)
class Facts:
    """A directorate's facts on one day; a missing fact is None (unknown: never borrowed)."""

    name: str | None = _f("Kurum adı", "name")
    province: str | None = _f("İl", "name")
    unit: str | None = _f("Birim", "name")
    recipient: str | None = _f("Başvuruları teslim alan", "name")
    address: str | None = _f("Adres", "text")
    emails: tuple[str, ...] | None = _f("E-posta adresleri", "emails")
    phone: str | None = _f("Telefon", "phone")
    bank: str | None = _f("Banka", "name")
    branch: str | None = _f("Şube", "name")
    account_holder: str | None = _f("Hesap sahibi", "name")
    iban: str | None = _f("IBAN", "iban")
    description: str | None = _f("Ödeme açıklaması kalıbı", "description")


def declared(cls: type) -> dict[str, tuple[str, str]]:
    """{field: (kind, label)} of KamuSM or Facts: the keys an editor may write."""
    return {f.name: (f.metadata["kind"], f.metadata["label"]) for f in fields(cls) if f.metadata}


FACT_KEYS = declared(Facts)
KAMUSM_KEYS = declared(KamuSM)


@dataclass(frozen=True)
class FactsBlock:
    start: dt.date | None  # None: the first block, in force from the beginning
    sources: tuple[str, ...]
    values: dict[str, Any]  # only the keys the block writes


@dataclass(frozen=True)
class Situation:
    id: str
    label: str
    page: str
    question: str
    diagram: int


@dataclass(frozen=True)
class Role:
    id: str
    label: str
    plural: str


@dataclass(frozen=True)
class Option:
    id: str
    situation: str
    name: str
    default: bool
    form_label: str
    form_checked_means: bool
    true_title: str
    false_title: str
    link: str = ""  # its name in the calculator's link (#…&islak=1), the id when not given

    @property
    def link_name(self) -> str:
        return self.link or self.id


def describe_case(
    values: dict[str, Any],
    situations: Sequence[Situation],
    roles: Sequence[Role],
    options: Sequence[Option],
    *,
    all_options: bool = True,
) -> str:
    """'Yenileme · Aile hekimi (ıslak imzalı)': a case as an editor reads it (with every given
    option's title, or only those that differ from their default)."""
    labels = {s.id: s.label for s in situations} | {r.id: r.label for r in roles}
    situation, role = values["situation"], values["role"]
    text = f"{labels.get(situation, situation)} · {labels.get(role, role)}"
    for o in options:
        value = values.get(o.id)
        if value is not None and (all_options or value != o.default):
            text += f" ({o.true_title if value else o.false_title})"
    return text


# a `when`: any of its tables may match; a table matches when every key does (a value: equal,
# a tuple: one of them)
When = tuple[dict[str, tuple[Any, ...]], ...]


def when_matches(when: When, values: dict[str, Any]) -> bool:
    return any(all(values.get(k) in allowed for k, allowed in table.items()) for table in when)


@dataclass(frozen=True)
class Channel:
    id: str
    label: str
    when: When


@dataclass(frozen=True)
class Rule:
    """One row of the procedure table: a payment, step, note or unknown."""

    kind: str  # payment | step | note | unknown
    id: str
    when: When
    start: dt.date | None
    until: dt.date | None
    sources: tuple[str, ...]
    text: str | None = None
    links: tuple[str, ...] = ()
    payee: str | None = None  # payments
    items: tuple[str, ...] = ()
    basis: str | None = None
    receipt: str | None = None
    receipt_email: bool = False
    description: str | None = None
    index: int = 0  # its place among the rules of its kind, as written

    def in_force(self, day: dt.date) -> bool:
        return (self.start is None or self.start <= day) and (self.until is None or day <= self.until)


def matching(rules: tuple[Rule, ...], values: dict[str, Any], day: dt.date) -> list[Rule]:
    """The rules in force on `day` whose `when` matches the case's values, in written order."""
    return [r for r in rules if r.in_force(day) and when_matches(r.when, values)]


@dataclass(frozen=True)
class Procedure:
    sources: tuple[str, ...]
    payments: tuple[Rule, ...]
    steps: tuple[Rule, ...]
    notes: tuple[Rule, ...]
    unknowns: tuple[Rule, ...]

    @property
    def rules(self) -> tuple[Rule, ...]:
        return self.payments + self.steps + self.notes + self.unknowns


@dataclass(frozen=True)
class Site:
    id: str
    url: str


@dataclass(frozen=True)
class Data:
    path: str  # the directorate's il.toml (its folder holds baskilar.toml)
    national_path: str
    kamusm: KamuSM
    vat: tuple[VatPeriod, ...]
    tariffs: tuple[TariffPeriod, ...]
    items: dict[str, ItemDef]
    situations: tuple[Situation, ...]
    roles: tuple[Role, ...]
    options: tuple[Option, ...]
    channels: tuple[Channel, ...]
    sources: dict[str, Source]  # both files' sources by id
    site: Site
    facts_blocks: tuple[FactsBlock, ...]
    procedure: Procedure
    warnings: tuple[Problem, ...] = ()  # the check's warnings (they do not stop a publish)

    # --- lookups ---

    def situation(self, sid: str) -> Situation:
        return next(s for s in self.situations if s.id == sid)

    def role(self, rid: str) -> Role:
        return next(r for r in self.roles if r.id == rid)

    def options_of(self, situation: str) -> tuple[Option, ...]:
        return tuple(o for o in self.options if o.situation == situation)

    def channel(self, cid: str) -> Channel:
        return next(c for c in self.channels if c.id == cid)

    def facts_on(self, day: dt.date) -> Facts:
        """The first block overridden, in order, by every block that starts on or before day."""
        values: dict[str, Any] = {}
        for block in self.facts_blocks:
            if block.start is None or block.start <= day:
                values.update(block.values)
        return Facts(**values)

    def tariff_for(self, day: dt.date) -> TariffPeriod:
        """The tariff period in force on `day`; before the first one: error tariff-unknown."""
        found = None
        for period in self.tariffs:
            if period.start <= day:
                found = period
        if found is None:
            raise EimzaError(
                "tariff-unknown",
                wording.tariff_before_first(self.tariffs[0].start, self.kamusm.tariff),
                link=self.kamusm.tariff,
            )
        return found

    def vat_rate_for(self, day: dt.date) -> Decimal:
        found = None
        for period in self.vat:
            if period.start <= day:
                found = period
        if found is None:
            raise EimzaError("vat-unknown", wording.vat_unknown(self.vat[0].start))
        return found.rate

    def latest_known(self, on: dt.date | None = None) -> TariffPeriod | None:
        """The newest period with known amounts that started on or before `on`."""
        known = [p for p in self.tariffs if p.amounts_known and (on is None or p.start <= on)]
        return known[-1] if known else None

    def source_texts(self, ids: tuple[str, ...]) -> list[str]:
        """Each source as a page shows it: its address when it has one, else its citation."""
        return [s.url or s.citation for s in (self.sources[i] for i in ids)]
