"""eimza.diff's lists of changed tariff and VAT periods (the editor's `diff` report), on the
real data file and edited copies of it: each kind of change is named once, in Turkish, with
its dates and figures as the engine formats them."""

from __future__ import annotations

import dataclasses
from decimal import Decimal

from eimza import rates
from eimza.diff import period_changes, vat_changes
from eimza.money import format_tl
from eimza.turkish import date_long

DATA = rates.load_data()


def test_no_change_no_lines() -> None:
    assert period_changes(DATA, DATA) == []
    assert vat_changes(DATA, DATA) == []


def test_vat_rate_added_removed_and_changed() -> None:
    first, *rest = DATA.vat
    changed = dataclasses.replace(first, rate=first.rate + Decimal(1))
    old_rate, new_rate = f"%{first.rate.normalize()}", f"%{changed.rate.normalize()}"
    (line,) = vat_changes(DATA, dataclasses.replace(DATA, vat=(changed, *rest)))
    assert line.startswith("~ ") and date_long(first.start) in line and "KDV" in line
    assert line.index(old_rate) < line.index("→") < line.index(new_rate)
    (line,) = vat_changes(DATA, dataclasses.replace(DATA, vat=tuple(rest)))
    assert line.startswith("- Kaldırılan") and date_long(first.start) in line and old_rate in line
    (line,) = vat_changes(dataclasses.replace(DATA, vat=tuple(rest)), DATA)
    assert line.startswith("+ Yeni KDV dönemi") and date_long(first.start) in line and old_rate in line


def test_tariff_period_added_removed_and_amount_changed() -> None:
    known = [p for p in DATA.tariffs if p.amounts_known]
    period = known[-1]
    others = tuple(p for p in DATA.tariffs if p is not period)
    removed = period_changes(DATA, dataclasses.replace(DATA, tariffs=others))
    assert len(removed) == 1 and removed[0].startswith("- Kaldırılan dönem: ") and period.label in removed[0]
    added = period_changes(dataclasses.replace(DATA, tariffs=others), DATA)
    assert len(added) == 1 and added[0].startswith("+ Yeni dönem: ")
    code, item = next(iter(period.items.items()))
    dearer = dataclasses.replace(item, net=item.net + Decimal("10.00"))
    edited = dataclasses.replace(period, items={**period.items, code: dearer})
    tariffs = tuple(edited if p is period else p for p in DATA.tariffs)
    (line,) = period_changes(DATA, dataclasses.replace(DATA, tariffs=tariffs))
    assert line.startswith("~ ") and date_long(period.start) in line and rates.wording.ITEMS[code] in line
    assert line.index(format_tl(item.net)) < line.index("→") < line.index(format_tl(dearer.net))
