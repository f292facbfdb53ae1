"""The data model: tariff periods, VAT rates, the directorate, Kamu SM's services and the
procedure, and the lookups the rules use (the period or VAT rate in force on a day)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from . import wording
from .errors import EimzaError, Problem

ITEM_CODES = ("nes-3y", "mini-reader", "nes-1y", "nes-2y", "desktop-reader")
CONFIDENCES = ("high", "medium-high", "medium", "low-medium", "low", "unknown")


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
    warnings: tuple[Problem, ...] = ()  # the check's warnings (they do not stop a publish)

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
