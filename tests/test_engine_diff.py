"""eimza.diff's lists of changes (the editor's `make diff` report), on the fixture data and
edited copies of it: each kind of change is named once, in Turkish, with its dates and
figures written out here as the reader reads them."""

from __future__ import annotations

import dataclasses
import datetime as dt
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

from eimza.diff import (
    compare,
    dates_that_matter,
    field_changes,
    period_changes,
    render,
    rule_changes,
    vat_changes,
)
from eimza.turkish import date_long
from engine_facts import fixture_data, fixture_il

DATA = fixture_data()
FACTS = fixture_il()["facts"][0]
P2024 = next(p for p in DATA.tariffs if p.start == dt.date(2024, 1, 1))


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
    item = P2024.items["nes-3y"]
    dearer = dataclasses.replace(item, net=Decimal("660.00"))
    edited = dataclasses.replace(P2024, items={**P2024.items, "nes-3y": dearer})
    tariffs = tuple(edited if p is P2024 else p for p in DATA.tariffs)
    (line,) = period_changes(DATA, dataclasses.replace(DATA, tariffs=tariffs))
    assert line == (
        "~ 1 Ocak 2024 dönemi: 3 yıllık Nitelikli Elektronik Sertifika (NES) ücreti "
        "650,00 TL → 660,00 TL (KDV hariç)."
    )


def test_directorate_and_kamusm_fields() -> None:
    first, *later = DATA.facts_blocks
    blocks = (dataclasses.replace(first, values={**first.values, "emails": ("yeni@example.org",)}), *later)
    new = dataclasses.replace(
        DATA, facts_blocks=blocks, kamusm=dataclasses.replace(DATA.kamusm, phone="444 0 000")
    )
    lines = field_changes(DATA, new)
    assert f"~ Kurum · E-posta adresleri: {', '.join(FACTS['emails'])} → yeni@example.org" in lines
    assert len(lines) == 2 and any(f"{DATA.kamusm.phone} → 444 0 000" in x for x in lines)
    assert field_changes(DATA, DATA) == []


def test_a_fact_from_a_date_is_named_with_its_date() -> None:
    first, later = DATA.facts_blocks
    new = dataclasses.replace(
        DATA, facts_blocks=(first, dataclasses.replace(later, values={"bank": "Ziraat"}))
    )
    lines = field_changes(DATA, new)
    since = f"({date_long(later.start)} tarihinden itibaren)"
    assert f"~ Kurum · Banka {since}: {FACTS['bank']} → Ziraat" in lines
    assert any(line.startswith(f"~ Kurum · IBAN {since}: ") for line in lines)


def test_rules_added_removed_and_changed() -> None:
    p = DATA.procedure
    step = p.steps[1]
    changed = dataclasses.replace(step, text="Başka metin.")
    new = dataclasses.replace(
        DATA, procedure=dataclasses.replace(p, steps=(p.steps[0], changed, *p.steps[3:]))
    )
    lines = rule_changes(DATA, new)
    assert f"~ Adım değişti: {step.id}" in lines and f"- Kaldırılan adım: {p.steps[2].id}" in lines
    assert rule_changes(new, DATA)[-1] == f"+ Yeni adım: {p.steps[2].id}"
    assert rule_changes(DATA, DATA) == []


def test_the_report_lists_what_readers_see_change() -> None:
    first, later = DATA.facts_blocks
    new = dataclasses.replace(
        DATA, facts_blocks=(first, dataclasses.replace(later, values={"bank": "Ziraat"}))
    )
    report = compare(DATA, new, dt.date(2030, 5, 5))
    assert report.rows == [] and report.text_rows  # the amounts stay; the bank box changes
    assert all(r.first >= later.start for r in report.text_rows)
    text = "\n".join(render(report))
    assert "ödeme bilgileri" in text and "Ziraat" in text


def test_dates_that_matter() -> None:
    today = dt.date(2030, 5, 5)
    days = dates_that_matter(DATA, DATA, today)
    assert days == sorted(days) and today in days
    assert {dt.date(2024, 1, 1), dt.date(2024, 3, 12), dt.date(2023, 7, 10)} <= set(
        days
    )  # start, verified, VAT


def test_unreadable_revision_is_turkish(tmp_path: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "eimza", "diff", "--rev", "nosuchrev"], capture_output=True, text=True
    )
    assert proc.returncode == 1 and proc.stdout == ""
    assert "git sürümünde (nosuchrev) okunamadı" in proc.stderr and "baski-" in proc.stderr
    assert "make check" in proc.stderr and "Traceback" not in proc.stderr


def test_the_change_history_names_account_and_procedure_changes() -> None:
    """editions.data_changes: an account fact from a date and a changed step, in plain Turkish
    (the situations the step is for, by their labels)."""
    from eimza.editions import data_changes

    first, later = DATA.facts_blocks
    p = DATA.procedure
    step = next(s for s in p.steps if s.id == "apply-reader")
    steps = tuple(dataclasses.replace(s, text="Başka metin.") if s is step else s for s in p.steps)
    new = dataclasses.replace(
        DATA,
        facts_blocks=(first, dataclasses.replace(later, values={**later.values, "bank": "Ziraat"})),
        procedure=dataclasses.replace(p, steps=steps),
    )
    since = f"({date_long(later.start)} tarihinden itibaren)"
    assert data_changes(DATA, new) == [
        f"Ödeme bilgisi, Banka {since}: {FACTS['bank']} yerine Ziraat.",
        "Başvuru yolu değişti: Yalnızca kart okuyucu.",
    ]
    assert data_changes(DATA, DATA) == []


def test_a_new_directorate_is_shown_not_compared(tmp_path: Path) -> None:
    """`make diff IL=<a new directorate>` before its first commit: REV is HEAD (nothing
    published), which has no file of it. Not a git error: said to be new, with nothing
    published to compare with, and what its readers will see (its facts, each case's amount)."""
    import shutil

    from eimza import format_tl, quote
    from engine_facts import FIXTURE_IL, FIXTURE_NATIONAL

    repo = tmp_path / "depo"
    (repo / "data").mkdir(parents=True)
    shutil.copyfile(FIXTURE_NATIONAL, repo / "data" / "kamusm.toml")
    for args in (
        ["init", "-q"],
        ["add", "-A"],
        ["-c", "user.name=E", "-c", "user.email=e@x", "commit", "-qm", "ilk"],
    ):
        subprocess.run(["git", "-C", str(repo), *args], check=True)
    shutil.copytree(FIXTURE_IL, repo / "data" / "iller" / FIXTURE_IL.name)  # not committed
    env = {"PATH": "/usr/bin:/bin", "EIMZA_DATA_ROOT": str(repo / "data"), "EIMZA_IL": FIXTURE_IL.name}
    today = "2026-03-01"
    proc = subprocess.run(
        [sys.executable, "-m", "eimza", "diff", "--rev", "HEAD", "--today", today],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 0 and proc.stderr == "", proc.stderr
    first, second, *rest = proc.stdout.splitlines()
    assert first.startswith(f"Yeni il: data/iller/{FIXTURE_IL.name}/il.toml henüz kaydedilmemiş"), first
    assert "yayımlanmış bir baskısı yok" in first and "git:" not in proc.stdout
    assert second.endswith(f"make serve IL={FIXTURE_IL.name}")
    facts = fixture_il()["facts"][0]
    assert f"  IBAN: {facts['iban'].replace(' ', '')}" in rest and f"  Banka: {facts['bank']}" in rest
    # each case's amount as the engine quotes it, from the date it starts to hold
    data = fixture_data()
    case = {"situation": "first", "role": "family-doctor"}
    period = next(p for p in data.tariffs if p.start == dt.date(2024, 1, 1))
    total = format_tl(quote({**case, "date": period.start.isoformat()}, data)["payment"]["total"])
    row = next(x for x in rest if "İlk başvuru · Aile hekimi " in x and date_long(period.start) in x)
    assert f"{total} (müdürlüğe)" in row, row
