"""`python -m eimza diff`: what an edit of the data file changes for readers, in Turkish.

Two data files (or the file at a git revision and the working file) are compared:
tariff periods, items, VAT, the directorate's account and e-mail, Kamu SM's links and the
procedure fields; then every case of the case table (situation × role × option) is quoted
with both files on the dates that matter (each period start, each verified date, today),
and the totals that differ are listed side by side."""

from __future__ import annotations

import datetime as dt
import subprocess
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any, TypeVar

from . import wording
from .cases import CASES, DATES
from .errors import DataError, EimzaError, Problem
from .money import format_tl, plain, vat_of
from .rates import Data, TariffPeriod, VatPeriod, load_data, parse
from .report import problem_lines
from .rules import quote
from .turkish import date_long, date_short

FIELD_LABELS = {
    "directorate": {
        "name": "Kurum adı",
        "unit": "Birim",
        "email": "Dekont e-posta adresi",
        "bank": "Banka",
        "account_holder": "Hesap sahibi",
        "iban": "IBAN",
        "description_pattern": "Ödeme açıklaması kalıbı",
    },
    "kamusm": {
        "portal": "Kamu SM başvuru portalı",
        "online": "Kamu SM Online İşlemler",
        "sanalpos": "Kamu SM sanal POS (borç ödeme)",
        "reader": "Kart okuyucu başvurusu",
        "tariff": "Kamu SM ücret tarifesi",
        "phone": "Kamu SM çağrı merkezi",
    },
    "procedure": {
        "certificate_years": "Sertifika süresi (yıl)",
        "family_doctor_letter_authority": "Aile hekimi yazısının kurumu",
        "family_doctor_letter_date": "Aile hekimi yazısının tarihi",
        "family_doctor_letter_number": "Aile hekimi yazısının sayısı",
        "lost_procedure_changed": "Kayıp/çalıntı başvuru şeklinin değiştiği tarih",
        "source_page_date": "Kaynak sayfanın tarihi",
        "source_page_title": "Kaynak sayfanın başlığı",
    },
}
SECTION_LABELS = {"directorate": "Kurum", "kamusm": "Kamu SM", "procedure": "İşlem bilgileri"}

# every situation × role × option of the case table, without its date
VARIANTS: tuple[dict[str, Any], ...] = tuple(
    {k: v for k, v in c.items() if k != "date"} for c in CASES if c.get("date") == DATES[0]
)


@dataclass(frozen=True)
class Row:
    first: dt.date
    last: dt.date
    case: str
    before: str
    after: str

    @property
    def days(self) -> str:
        if self.first == self.last:
            return date_short(self.first)
        return f"{date_short(self.first)}–{date_short(self.last)}"


@dataclass
class Report:
    old_name: str
    new_name: str
    periods: list[str]
    vat: list[str]
    fields: list[str]
    rows: list[Row]
    text_rows: list[Row]
    compared: int


# --- loading -------------------------------------------------------------------------------


def _revision_unreadable(rev: str) -> str:
    return (
        f"Veri dosyası git sürümünde ({rev}) okunamadı: sürüm adını (ör. HEAD, main, "
        "tekirdag/baski-2024-03-04) ve dosyanın o sürümde bulunduğunu kontrol edin."
    )


def load_revision(rev: str, path: str | Path) -> tuple[Data, str]:
    """The data file as it was at git revision `rev` (same path inside the repository)."""
    file = Path(path).resolve()
    name = f"{rev}:{file.name}"
    try:
        top = subprocess.run(
            ["git", "-C", str(file.parent), "rev-parse", "--show-toplevel"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        rel = file.relative_to(Path(top).resolve()).as_posix()
        name = f"{rev}:{rel}"
        shown = subprocess.run(
            ["git", "-C", top, "show", name],
            capture_output=True,
            check=True,
        ).stdout
    except (OSError, ValueError, subprocess.CalledProcessError) as exc:
        detail = ""
        if isinstance(exc, subprocess.CalledProcessError) and exc.stderr:
            err = exc.stderr.decode("utf-8", "replace") if isinstance(exc.stderr, bytes) else exc.stderr
            detail = f" (git: {err.strip().splitlines()[-1]})"
        raise DataError([Problem(name, "", None, _revision_unreadable(rev) + detail)]) from None
    try:
        text = shown.decode("utf-8")
    except UnicodeDecodeError:
        raise DataError([Problem(name, "", None, wording.not_utf8())]) from None
    return parse(text, name), name


# --- what changed in the data ----------------------------------------------------------------


def _fmt(value: object) -> str:
    if isinstance(value, dt.date):
        return date_short(value)
    return str(value)


def _items_text(period: TariffPeriod) -> str:
    if not period.amounts_known:
        return "tutarlar bilinmiyor"
    parts = [f"{wording.ITEMS[c]} {format_tl(i.net)}" for c, i in period.items.items()]
    return "; ".join(parts) + " (KDV hariç)"


def _period_head(period: TariffPeriod) -> str:
    return f"{date_long(period.start)} dönemi"


_Period = TypeVar("_Period", TariffPeriod, VatPeriod)


def _by_start(
    old: Iterable[_Period], new: Iterable[_Period]
) -> Iterator[tuple[dt.date, _Period | None, _Period | None]]:
    """(start, the old file's period or None, the new file's or None) for every start in either."""
    before = {p.start: p for p in old}
    after = {p.start: p for p in new}
    for start in sorted(set(before) | set(after)):
        yield start, before.get(start), after.get(start)


def period_changes(old: Data, new: Data) -> list[str]:
    out: list[str] = []
    for _start, a, b in _by_start(old.tariffs, new.tariffs):
        if a is None and b is not None:
            out.append(f"+ Yeni dönem: {_period_head(b)} ({b.label}); {_items_text(b)}.")
            continue
        if b is None and a is not None:
            out.append(f"- Kaldırılan dönem: {_period_head(a)} ({a.label}); {_items_text(a)}.")
            continue
        assert a is not None and b is not None
        head = _period_head(b)
        if a.amounts_known != b.amounts_known:
            state = "artık biliniyor" if b.amounts_known else "artık bilinmiyor"
            out.append(f"~ {head}: tutarlar {state}.")
        for code in [c for c in wording.ITEMS if c in a.items or c in b.items]:
            ia, ib = a.items.get(code), b.items.get(code)
            if ia is None and ib is not None:
                out.append(f"~ {head}: {wording.ITEMS[code]} eklendi: {format_tl(ib.net)} (KDV hariç).")
            elif ib is None and ia is not None:
                out.append(f"~ {head}: {wording.ITEMS[code]} kaldırıldı (önce {format_tl(ia.net)}).")
            elif ia is not None and ib is not None and ia.net != ib.net:
                out.append(
                    f"~ {head}: {wording.ITEMS[code]} {format_tl(ia.net)} → {format_tl(ib.net)} (KDV hariç)."
                )
        if a.end != b.end:
            out.append(f"~ {head}: süresi {a.label} → {b.label}.")
        if a.start_assumed != b.start_assumed:
            out.append(
                f"~ {head}: başlangıç tarihi {'varsayım' if b.start_assumed else 'kesin'} olarak işaretlendi."
            )
        if a.verified != b.verified:
            was = date_long(a.verified) if a.verified else "yok"
            now = date_long(b.verified) if b.verified else "yok"
            out.append(f"~ {head}: doğrulama tarihi {was} → {now}.")
        if a.confidence != b.confidence:
            out.append(
                f"~ {head}: güvenilirlik {wording.CONFIDENCE[a.confidence]} → "
                f"{wording.CONFIDENCE[b.confidence]}."
            )
        if a.sources != b.sources:
            added = [s for s in b.sources if s not in a.sources]
            removed = [s for s in a.sources if s not in b.sources]
            bits = [f"eklenen {s}" for s in added] + [f"çıkarılan {s}" for s in removed]
            out.append(f"~ {head}: kaynaklar değişti ({'; '.join(bits) or 'sıra değişti'}).")
        if a.note != b.note:
            out.append(f"~ {head}: not değişti: “{b.note}”.")
    return out


def vat_changes(old: Data, new: Data) -> list[str]:
    out: list[str] = []
    for start, a, b in _by_start(old.vat, new.vat):
        if a is None and b is not None:
            out.append(f"+ Yeni KDV dönemi: {date_long(start)} itibarıyla %{b.rate.normalize()}.")
        elif b is None and a is not None:
            out.append(f"- Kaldırılan KDV dönemi: {date_long(start)} (%{a.rate.normalize()}).")
        elif a is not None and b is not None and a.rate != b.rate:
            out.append(f"~ {date_long(start)} KDV oranı %{a.rate.normalize()} → %{b.rate.normalize()}.")
    return out


def field_changes(old: Data, new: Data) -> list[str]:
    out: list[str] = []
    for section, labels in FIELD_LABELS.items():
        a, b = getattr(old, section), getattr(new, section)
        for f in fields(a):
            va, vb = getattr(a, f.name), getattr(b, f.name)
            if va != vb:
                label = labels.get(f.name, f.name)
                out.append(f"~ {SECTION_LABELS[section]} · {label}: {_fmt(va)} → {_fmt(vb)}")
    return out


# --- what changes for readers ------------------------------------------------------------------


def case_label(variant: dict[str, Any]) -> str:
    text = f"{wording.SITUATIONS[variant['situation']]} · {wording.ROLES[variant['role']]}"
    if variant.get("electronic") is False:
        text += " (ıslak imzalı)"
    if variant.get("with_reader"):
        text += " (kart okuyucu ile)"
    return text


def answer_text(case: dict[str, Any], data: Data) -> tuple[str, dict[str, str]]:
    """(short total for the table, the other parts the reader sees, by Turkish name)."""
    try:
        q = quote(case, data)
    except EimzaError as err:
        return f"bilinmiyor ({err.code})", {"hata metni": err.message}
    pay = q["payment"]
    if pay is None:
        total = "ödeme yok (kurum öder)"
    else:
        payee = "müdürlüğe" if pay["payee"] == "directorate" else "Kamu SM'ye"
        total = f"{format_tl(pay['total'])} ({payee})"
    parts = {
        "adımlar": repr(q["steps"]),
        "uyarılar": repr(q["warnings"]),
        "tarife bilgisi": repr(q["tariff"]),
        "ödeme bilgileri": repr({k: v for k, v in (pay or {}).items() if k != "total"}),
        "dayanak": repr(q["payment_basis"]),
    }
    return total, parts


def dates_that_matter(old: Data, new: Data, today: dt.date) -> list[dt.date]:
    days: set[dt.date] = {today}
    for data in (old, new):
        for p in data.tariffs:
            days.add(p.start)
            if p.verified is not None:
                days.add(p.verified)
        for v in data.vat:
            days.add(v.start)
    return sorted(days)


def _grouped(hits: list[tuple[int, dt.date, str, str, str]], days: list[dt.date]) -> list[Row]:
    """Merge a case's rows on consecutive dates that say the same thing."""
    rows: list[Row] = []
    last: dict[tuple[str, str, str], tuple[int, int]] = {}  # key -> (row index, day index)
    for day_index, day, label, before, after in hits:
        key = (label, before, after)
        if key in last and last[key][1] == day_index - 1:
            i = last[key][0]
            rows[i] = Row(rows[i].first, day, label, before, after)
            last[key] = (i, day_index)
            continue
        rows.append(Row(day, day, label, before, after))
        last[key] = (len(rows) - 1, day_index)
    return sorted(rows, key=lambda r: r.first)  # stable: the case table order within a date


def reader_rows(old: Data, new: Data, today: dt.date) -> tuple[list[Row], list[Row], int]:
    """Rows whose total changes, rows where only the text changes, number compared."""
    days = dates_that_matter(old, new, today)
    totals: list[tuple[int, dt.date, str, str, str]] = []
    texts: list[tuple[int, dt.date, str, str, str]] = []
    compared = 0
    for variant in VARIANTS:
        label = case_label(variant)
        for day_index, day in enumerate(days):
            case = {**variant, "date": day.isoformat()}
            compared += 1
            before, parts_before = answer_text(case, old)
            after, parts_after = answer_text(case, new)
            if before != after:
                totals.append((day_index, day, label, before, after))
            else:
                changed = [k for k in parts_after if parts_before.get(k) != parts_after[k]]
                if changed:
                    texts.append((day_index, day, label, before, ", ".join(changed)))
    return _grouped(totals, days), _grouped(texts, days), compared


def compare(
    old: Data, new: Data, today: dt.date, old_name: str | None = None, new_name: str | None = None
) -> Report:
    rows, text_rows, compared = reader_rows(old, new, today)
    return Report(
        old_name=old_name or old.path,
        new_name=new_name or new.path,
        periods=period_changes(old, new),
        vat=vat_changes(old, new),
        fields=field_changes(old, new),
        rows=rows,
        text_rows=text_rows,
        compared=compared,
    )


# --- Turkish text ----------------------------------------------------------------------------


def _table(header: tuple[str, ...], rows: Sequence[tuple[str, ...]]) -> list[str]:
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]

    def line(cells: tuple[str, ...]) -> str:
        return "  " + " │ ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True)).rstrip()

    rule = "  " + "─┼─".join("─" * w for w in widths)
    return [line(header), rule, *(line(r) for r in rows)]


def render(report: Report) -> list[str]:
    out = [
        "Veri karşılaştırması",
        f"  Önce:  {report.old_name}",
        f"  Sonra: {report.new_name}",
        "",
    ]
    if not (report.periods or report.vat or report.fields or report.rows or report.text_rows):
        out.append("Okurların göreceği hiçbir şey değişmiyor.")
        return out
    sections = (
        ("Tarife dönemleri", report.periods),
        ("KDV", report.vat),
        ("Kurum, bağlantılar ve işlem bilgileri", report.fields),
    )
    for title, items in sections:
        out.append(f"{title}:")
        out.extend(f"  {x}" for x in items or ["değişiklik yok"])
        out.append("")
    out.append(
        f"Okurun ödeyeceği tutarlar ({report.compared} durum × tarih karşılaştırıldı; "
        "yalnızca değişenler, art arda tarihler birleştirildi):"
    )
    if report.rows:
        body = [(r.days, r.case, r.before, r.after) for r in report.rows]
        out.extend(_table(("Tarih", "Durum", "Önce", "Sonra"), body))
    else:
        out.append("  Hiçbir durumda ödenecek tutar değişmiyor.")
    if report.text_rows:
        out.append("")
        out.append("Tutarı aynı kalıp okurun gördüğü metni değişen durumlar:")
        body = [(r.days, r.case, r.before, r.after) for r in report.text_rows]
        out.extend(_table(("Tarih", "Durum", "Tutar", "Değişen"), body))
    return out


def main_diff(
    old_path: str | None, new_path: str | None, rev: str | None, today: dt.date
) -> tuple[int, list[str], list[str]]:
    """(exit code, lines for stdout, lines for stderr)."""
    try:
        new = load_data(new_path) if new_path else load_data()
        if rev is not None:
            old, old_name = load_revision(rev, new.path)
        else:
            assert old_path is not None
            old = load_data(old_path)
            old_name = old.path
    except DataError as err:
        return 1, [], problem_lines(err)
    return 0, render(compare(old, new, today, old_name, new.path)), []


def summary(old: Data, new: Data) -> list[str]:
    """Short lines for the change history (Değişiklik geçmişi) of an edition."""
    out: list[str] = []
    before = {p.start: p for p in old.tariffs}
    for p in new.tariffs:
        a = before.get(p.start)
        if p.amounts_known and (a is None or not a.amounts_known or a.items != p.items):
            totals = []
            rate = new.vat_rate_for(p.verified or p.start)
            for code, item in p.items.items():
                gross = item.net + vat_of(item.net, rate)
                totals.append(f"{wording.ITEMS[code]} {format_tl(plain(gross))}")
            out.append(f"{p.label} tarife tutarları: " + "; ".join(totals) + " (KDV dahil).")
        elif a is None:
            out.append(f"Yeni tarife dönemi: {p.label} (tutarlar bilinmiyor).")
    for line in field_changes(old, new):
        out.append(line.removeprefix("~ ") + ".")
    return out
